#include "core/layers/Layer.h"

#include "core/Error.h"
#include "core/math/ParallelProduct.h"

#include <string>

namespace reciprocal {

template <typename Scalar>
Layer<Scalar>::Layer(int inputs, int outputs, bool hasBias)
    : m_inputs(inputs)
    , m_outputs(outputs)
    , m_hasBias(hasBias)
{
    if (inputs < 1 || outputs < 1)
        throw InputError("a layer needs at least one input and one output node (got " + std::to_string(inputs) +
                         " -> " + std::to_string(outputs) + ")");
    if (hasBias) {
        m_bias = MatrixType::Zero(outputs, 1);
        m_biasGradient = MatrixType::Zero(outputs, 1);
    }
}

template <typename Scalar> std::vector<Parameter<Scalar>> Layer<Scalar>::trainableParameters()
{
    std::vector<Parameter<Scalar>> result;
    for (auto& parameter : parameters())
        if (isTrainable(parameter.role))
            result.push_back(parameter);
    return result;
}

template <typename Scalar> void Layer<Scalar>::setTrainMode(TrainMode mode)
{
    checkTrainMode(mode);
    m_trainMode = mode;
}

template <typename Scalar> void Layer<Scalar>::checkTrainMode(TrainMode mode) const
{
    const bool possible = mode == TrainMode::Full || (mode == TrainMode::Eigenvalues && hasRole(ParameterRole::Eigenvalues)) ||
                          (mode == TrainMode::Eigenvectors && hasRole(ParameterRole::Eigenvectors));
    if (!possible)
        throw InputError("a " + std::string(layerKindName(kind())) + " layer cannot train '" +
                         std::string(trainModeName(mode)) + "' (it has no such parameters)");
}

template <typename Scalar> bool Layer<Scalar>::isTrainable(ParameterRole role) const
{
    switch (role) {
    case ParameterRole::Bias:
    case ParameterRole::Weights:
        return true; // a direct layer only ever runs in Full mode
    case ParameterRole::Eigenvalues:
        return m_trainMode != TrainMode::Eigenvectors;
    case ParameterRole::Eigenvectors:
        return m_trainMode != TrainMode::Eigenvalues;
    }
    return false;
}

// The kinds list their groups through the non-const parameters(), which only takes addresses; the
// views below hand them out read-only, so listing them does not need a mutable layer.
template <typename Scalar> std::vector<ParameterValue<Scalar>> Layer<Scalar>::parameterValues() const
{
    std::vector<ParameterValue<Scalar>> values;
    for (const auto& parameter : const_cast<Layer*>(this)->parameters())
        values.push_back({parameter.name, parameter.role, parameter.value});
    return values;
}

template <typename Scalar> std::vector<ParameterValue<Scalar>> Layer<Scalar>::frozenValues() const
{
    std::vector<ParameterValue<Scalar>> values;
    for (const auto& tensor : const_cast<Layer*>(this)->frozenTensors())
        values.push_back({tensor.name, ParameterRole::Weights, tensor.value});
    return values;
}

template <typename Scalar> long long Layer<Scalar>::totalParameterCount() const
{
    long long count = 0;
    for (const auto& parameter : parameterValues())
        count += entryCount(parameter);
    for (const auto& tensor : frozenValues())
        count += tensor.value->size();
    return count;
}

template <typename Scalar> long long Layer<Scalar>::trainableParameterCount() const
{
    if (m_trainableWeights.size() != 0)
        return static_cast<long long>(m_trainableWeights.sum());
    long long count = 0;
    for (const auto& parameter : parameterValues())
        if (isTrainable(parameter.role))
            count += entryCount(parameter);
    return count;
}

template <typename Scalar> void Layer<Scalar>::setNodeMask(const VectorType& mask)
{
    if (mask.size() != 0 && mask.size() != m_outputs)
        throw InputError("node mask has " + std::to_string(mask.size()) + " entries, layer has " +
                         std::to_string(m_outputs) + " nodes");
    m_nodeMask = mask;
    rebuildMask();
}

template <typename Scalar> void Layer<Scalar>::setWeightMask(const MatrixType& mask)
{
    if (mask.size() != 0 && (mask.rows() != m_outputs || mask.cols() != m_inputs))
        throw InputError("weight mask is " + std::to_string(mask.rows()) + "x" + std::to_string(mask.cols()) +
                         ", layer weights are " + std::to_string(m_outputs) + "x" + std::to_string(m_inputs));
    m_weightMask = mask;
    rebuildMask();
}

template <typename Scalar> void Layer<Scalar>::rebuildMask()
{
    if (m_nodeMask.size() == 0 && m_weightMask.size() == 0) {
        m_mask.resize(0, 0);
    } else {
        m_mask = m_weightMask.size() != 0 ? m_weightMask : MatrixType::Ones(m_outputs, m_inputs);
        if (m_nodeMask.size() != 0)
            m_mask.array().colwise() *= m_nodeMask.array();
    }
    refresh();
}

template <typename Scalar> void Layer<Scalar>::initialise(Random& random, Initialisation initialisation)
{
    checkInitialisation(initialisation, kind());
    drawParameters(random, resolvedInitialisation(initialisation, kind()));
    refresh();
}

template <typename Scalar> void Layer<Scalar>::refresh()
{
    if (storedWeights() && m_mask.size() == 0)
        m_weights.resize(0, 0);
    else
        composeWeights(m_weights, m_mask);
    if (m_hasBias) {
        m_effectiveBias = m_bias;
        if (m_nodeMask.size() != 0)
            m_effectiveBias.array() *= m_nodeMask.array();
    }
}

template <typename Scalar> void Layer<Scalar>::composeUnmaskedWeights(MatrixType& weights)
{
    if (const MatrixType* stored = storedWeights())
        weights = *stored;
    else
        composeWeights(weights, MatrixType());
}

template <typename Scalar> void Layer<Scalar>::forward(const InputRef& input, MatrixType& output) const
{
    parallelProduct(output, effectiveWeights(), input);
    if (m_hasBias)
        output.colwise() += m_effectiveBias;
}

template <typename Scalar>
void Layer<Scalar>::backward(const InputRef& input, const MatrixType& delta, MatrixType* inputGradient)
{
    if (inputGradient)
        parallelProduct(*inputGradient, effectiveWeights().transpose(), delta);
    MatrixType& weightGradient = weightGradientBuffer();
    parallelProduct(weightGradient, delta, input.transpose());
    if (m_mask.size() != 0)
        weightGradient.array() *= m_mask.array();
    distributeWeightGradient(weightGradient);
    if (m_hasBias) {
        m_biasGradient.noalias() = delta.rowwise().sum();
        if (m_nodeMask.size() != 0)
            m_biasGradient.array() *= m_nodeMask.array();
    }
    if (m_trainableWeights.size() != 0) {
        weightGradient.array() *= m_trainableWeights.array(); // a direct layer's own W gradient
        if (m_hasBias)
            m_biasGradient.setZero();
    }
}

template <typename Scalar> void Layer<Scalar>::setTrainableWeights(const MatrixType& mask)
{
    if (kind() != LayerKind::Direct)
        throw InputError("only direct layers train a subset of their weights");
    if (mask.size() != 0 && (mask.rows() != m_outputs || mask.cols() != m_inputs))
        throw InputError("trainable-weight mask of " + std::to_string(mask.rows()) + " x " + std::to_string(mask.cols()) +
                         " for a layer of " + std::to_string(m_outputs) + " x " + std::to_string(m_inputs));
    m_trainableWeights = mask;
}

template <typename Scalar> void Layer<Scalar>::appendBias(std::vector<Parameter<Scalar>>& list)
{
    if (m_hasBias)
        list.push_back({"bias", ParameterRole::Bias, &m_bias, &m_biasGradient});
}

template class Layer<float>;
template class Layer<double>;

} // namespace reciprocal
