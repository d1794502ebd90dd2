#include "core/io/PlainWeights.h"

#include "core/layers/SpectralLayer.h"

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

std::vector<NamedTensor> definingTensors(const Layer<float>& layer)
{
    std::vector<NamedTensor> tensors;
    if (const auto* spectral = dynamic_cast<const SpectralLayer<float>*>(&layer)) {
        tensors.push_back({"phi", &spectral->eigenvectors(), false});
        if (spectral->inputEigenvalues().size())
            tensors.push_back({"lam_in", &spectral->inputEigenvalues(), true});
        tensors.push_back({"lam_out", &spectral->outputEigenvalues(), true});
    }
    for (const auto& parameter : layer.parameterValues())
        if (parameter.name == "R" || parameter.name == "s")
            tensors.push_back({parameter.name, parameter.value, parameter.value->cols() == 1});
    for (const auto& tensor : layer.frozenValues())
        tensors.push_back({tensor.name, tensor.value, tensor.value->cols() == 1});
    return tensors;
}

std::string_view activationAfter(const Network<float>& network, int k)
{
    return k + 1 < network.layerCount() ? activationName(network.architecture().activation) : "softmax";
}

} // namespace reciprocal
