#include "core/training/Evaluation.h"

#include "core/Error.h"

#include <algorithm>

namespace reciprocal {

Evaluation evaluate(Network<float>& network, const Dataset& data)
{
    checkCompatible(network.architecture(), data, "the data set");
    double lossSum = 0.0;
    long long correct = 0;
    const int samples = data.sampleCount();
    for (int begin = 0; begin < samples; begin += evaluationBatchSize) {
        const int count = std::min(evaluationBatchSize, samples - begin);
        const auto result = network.evaluate(data.features.middleCols(begin, count), data.labels.data() + begin);
        lossSum += result.loss * count;
        correct += result.correct;
    }
    if (samples == 0)
        return {};
    return {lossSum / samples, static_cast<double>(correct) / samples};
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
