#include "core/pruning/Sweep.h"

#include "core/training/Evaluation.h"

#include <cmath>
#include <numeric>

namespace reciprocal {

SweepPoint sweepPoint(const Network<float>& network, const Dataset& test, const PruningRequest& request, int draws)
{
    SweepPoint point;
    point.draws = request.criterion == PruningCriterion::Random ? std::max(1, draws) : 1;
    std::vector<double> accuracies;
    for (int draw = 0; draw < point.draws; ++draw) {
        Network<float> pruned = network;
        PruningRequest drawRequest = request;
        drawRequest.seed = request.seed + static_cast<std::uint64_t>(draw);
        applyPruning(pruned, drawRequest);
        const Evaluation evaluation = evaluate(pruned, test);
        accuracies.push_back(evaluation.accuracy);
        point.loss += evaluation.loss / point.draws;
        const auto kept = pruned.activeHiddenNodeCounts();
        point.hiddenNodesKept = std::accumulate(kept.begin(), kept.end(), 0);
    }
    point.accuracy = std::accumulate(accuracies.begin(), accuracies.end(), 0.0) / point.draws;
    for (const double accuracy : accuracies)
        point.accuracySpread += (accuracy - point.accuracy) * (accuracy - point.accuracy) / point.draws;
    point.accuracySpread = std::sqrt(point.accuracySpread);
    return point;
}

} // namespace reciprocal
