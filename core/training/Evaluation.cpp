#include "core/training/Evaluation.h"

#include "core/Error.h"

#include <algorithm>

namespace reciprocal {

namespace {

template <typename EvaluateBatch> Evaluation evaluateInBatches(const Dataset& data, EvaluateBatch evaluateBatch)
{
    double lossSum = 0.0;
    long long correct = 0;
    const int samples = data.sampleCount();
    for (int begin = 0; begin < samples; begin += evaluationBatchSize) {
        const int count = std::min(evaluationBatchSize, samples - begin);
        const auto result = evaluateBatch(data.features.middleCols(begin, count), data.labels.data() + begin);
        lossSum += result.loss * count;
        correct += result.correct;
    }
    if (samples == 0)
        return {};
    return {lossSum / samples, static_cast<double>(correct) / samples};
}

} // namespace

Evaluation evaluate(Network<float>& network, const Dataset& data)
{
    checkCompatible(network.architecture(), data, "the data set");
    return evaluateInBatches(data, [&](const auto& features, const std::int32_t* labels) {
        return network.evaluate(features, labels);
    });
}

Evaluation evaluate(Network<float>& network, const Dataset& data, const std::vector<Vector<float>>& nodeMasks)
{
    checkCompatible(network.architecture(), data, "the data set");
    return evaluateInBatches(data, [&](const auto& features, const std::int32_t* labels) {
        return network.evaluate(features, labels, nodeMasks);
    });
}

void checkCompatible(const Architecture& architecture, const Dataset& data, const std::string& datasetName)
{
    if (architecture.inputWidth() != data.featureCount() || architecture.outputWidth() != data.classCount)
        throw InputError("architecture " + architecture.widthsText() + " does not fit " + datasetName + ": it has " +
                         std::to_string(data.featureCount()) + " features and " + std::to_string(data.classCount) +
                         " classes, so the architecture must start with " + std::to_string(data.featureCount()) +
                         " and end with " + std::to_string(data.classCount));
}

} // namespace reciprocal
