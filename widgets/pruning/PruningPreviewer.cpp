#include "widgets/pruning/PruningPreviewer.h"

#include "core/training/Evaluation.h"

#include <chrono>

namespace reciprocal::widgets {

PruningPreview previewPruning(const Network<float>& network, const Dataset& test, const PruningRequest& request,
                              double accuracyBefore)
{
    const auto started = std::chrono::steady_clock::now();
    Network<float> candidate = network;
    PruningPreview preview;
    preview.request = request;
    preview.accuracyBefore = accuracyBefore;
    preview.nodesBefore = candidate.activeHiddenNodeCounts();
    preview.weightsBefore = forwardMultiplyAdds(candidate);
    preview.flopsBefore = 2 * preview.weightsBefore;
    const auto masks = choosePruningMasks(candidate, request);
    applyNodeMasks(candidate, masks);
    for (const auto& mask : masks)
        preview.masks.emplace_back(mask);
    preview.nodesKept = candidate.activeHiddenNodeCounts();
    preview.weightsKept = forwardMultiplyAdds(candidate);
    preview.flopsAfter = 2 * preview.weightsKept;
    const Evaluation after = evaluate(candidate, test);
    preview.accuracyAfter = after.accuracy;
    preview.lossAfter = after.loss;
    preview.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return preview;
}

} // namespace reciprocal::widgets
