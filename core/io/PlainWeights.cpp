#include "core/io/PlainWeights.h"

namespace reciprocal {

Matrix<float> plainWeights(const Network<float>& network, int k)
{
    Matrix<float> weights = network.layer(k).effectiveWeights();
    if (k > 0 && network.layer(k - 1).nodeMask().size() != 0)
        weights *= network.layer(k - 1).nodeMask().asDiagonal();
    return weights;
}

Vector<float> plainBias(const Layer<float>& layer)
{
    return layer.effectiveBias().size() ? layer.effectiveBias() : Vector<float>::Zero(layer.outputCount());
}

} // namespace reciprocal
