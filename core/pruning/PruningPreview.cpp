#include "core/pruning/PruningPreview.h"

#include "core/training/Evaluation.h"

#include <algorithm>
#include <chrono>

namespace reciprocal {

int previewSampleCount(const Network<float>& network, int testSamples)
{
    const double perSample = std::max(1.0, static_cast<double>(forwardMultiplyAdds(network)));
    const double affordable = std::max<double>(minimumPreviewSamples, previewMultiplyAddBudget / perSample);
    return static_cast<int>(std::min<double>(testSamples, affordable));
}

PruningPreview previewPruning(Network<float>& network, const Dataset& test, const PruningRequest& request,
                              double accuracyBefore, int testSamplesTotal)
{
    const auto started = std::chrono::steady_clock::now();
    PruningPreview preview;
    preview.request = request;
    preview.accuracyBefore = accuracyBefore;
    preview.testSamples = test.sampleCount();
    preview.testSamplesTotal = std::max(testSamplesTotal, test.sampleCount());
    preview.nodesBefore = network.activeHiddenNodeCounts();
    preview.weightsBefore = forwardMultiplyAdds(network);
    preview.flopsBefore = 2 * preview.weightsBefore;
    preview.plan = planPruning(network, request);
    for (const auto& mask : preview.plan.masks)
        preview.nodesKept.push_back(static_cast<int>((mask.array() != 0.0f).count()));
    preview.weightsKept = forwardMultiplyAdds(network, preview.nodesKept);
    preview.flopsAfter = 2 * preview.weightsKept;
    const Evaluation after = evaluate(network, test, preview.plan.masks);
    preview.accuracyAfter = after.accuracy;
    preview.lossAfter = after.loss;
    preview.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return preview;
}

} // namespace reciprocal
