#include "core/network/Network.h"

#include "core/Error.h"
#include "core/layers/LayerFactory.h"
#include "core/network/Activation.h"

#include <string>
#include <typeinfo>

namespace reciprocal {

template <typename Scalar>
Network<Scalar>::Network(const Architecture& architecture)
    : m_architecture(architecture)
{
    if (architecture.widths.size() < 2)
        throw InputError("a network needs at least an input and an output layer");
    for (int k = 0; k < architecture.transferCount(); ++k)
        m_layers.push_back(makeLayer<Scalar>(architecture.layerKind, architecture.widths[k],
                                             architecture.widths[k + 1], architecture.bias));
    m_preActivations.resize(m_layers.size());
    m_activations.resize(m_layers.size() - 1);
    m_deltas.resize(m_layers.size());
    if (architecture.layerKind == LayerKind::Direct)
        m_trainMode = TrainMode::Full;
}

template <typename Scalar>
Network<Scalar>::Network(const Network& other)
    : m_architecture(other.m_architecture)
    , m_trainMode(other.m_trainMode)
    , m_preActivations(other.m_layers.size())
    , m_activations(other.m_layers.size() - 1)
    , m_deltas(other.m_layers.size())
{
    for (const auto& layer : other.m_layers)
        m_layers.push_back(layer->clone());
}

template <typename Scalar> Network<Scalar>& Network<Scalar>::operator=(const Network& other)
{
    if (this == &other)
        return *this;
    bool sameShape = m_layers.size() == other.m_layers.size();
    for (std::size_t k = 0; sameShape && k < m_layers.size(); ++k) {
        const Layer<Scalar>& mine = *m_layers[k];
        const Layer<Scalar>& theirs = *other.m_layers[k];
        sameShape = typeid(mine) == typeid(theirs) && mine.inputCount() == theirs.inputCount() &&
                    mine.outputCount() == theirs.outputCount();
    }
    if (!sameShape) {
        *this = Network(other);
        return *this;
    }
    // The trainer keeps the state after every epoch this way: copied into the same storage.
    m_architecture = other.m_architecture;
    m_trainMode = other.m_trainMode;
    for (std::size_t k = 0; k < m_layers.size(); ++k)
        m_layers[k]->assign(*other.m_layers[k]);
    return *this;
}

template <typename Scalar> void Network<Scalar>::initialise(Random& random, Initialisation initialisation)
{
    for (const auto& layer : m_layers)
        checkInitialisation(initialisation, layer->kind());
    for (auto& layer : m_layers)
        layer->initialise(random, initialisation);
}

template <typename Scalar> void Network<Scalar>::setTrainMode(TrainMode mode)
{
    for (const auto& layer : m_layers) // validate all before changing any
        layer->checkTrainMode(mode);
    for (auto& layer : m_layers)
        layer->setTrainMode(mode);
    m_trainMode = mode;
}

template <typename Scalar> std::vector<Parameter<Scalar>> Network<Scalar>::parameters()
{
    std::vector<Parameter<Scalar>> all;
    for (auto& layer : m_layers)
        for (auto& parameter : layer->parameters())
            all.push_back(parameter);
    return all;
}

template <typename Scalar> long long Network<Scalar>::totalParameterCount() const
{
    long long count = 0;
    for (const auto& layer : m_layers)
        count += layer->totalParameterCount();
    return count;
}

template <typename Scalar> long long Network<Scalar>::trainableParameterCount() const
{
    long long count = 0;
    for (const auto& layer : m_layers)
        count += layer->trainableParameterCount();
    return count;
}

template <typename Scalar> std::vector<int> Network<Scalar>::activeHiddenNodeCounts() const
{
    std::vector<int> counts;
    for (int k = 0; k + 1 < layerCount(); ++k) {
        const auto& mask = layer(k).nodeMask();
        counts.push_back(mask.size() == 0 ? layer(k).outputCount() : static_cast<int>((mask.array() != Scalar(0)).count()));
    }
    return counts;
}

template <typename Scalar> void Network<Scalar>::setNodeMask(int layerIndex, const VectorType& mask)
{
    if (layerIndex < 0 || layerIndex >= layerCount() - 1)
        throw InputError("cannot mask nodes of layer " + std::to_string(layerIndex) + ": only hidden layers 0.." +
                         std::to_string(layerCount() - 2) + " have maskable nodes");
    layer(layerIndex).setNodeMask(mask);
}

template <typename Scalar> void Network<Scalar>::refresh()
{
    for (auto& layer : m_layers)
        layer->refresh();
}

template <typename Scalar>
void Network<Scalar>::runForward(const InputRef& input, const std::vector<VectorType>* nodeMasks)
{
    forwardInto(input, m_preActivations, m_activations, nodeMasks);
}

template <typename Scalar>
void Network<Scalar>::forwardInto(const InputRef& input, std::vector<MatrixType>& preActivations,
                                  std::vector<MatrixType>& activations, const std::vector<VectorType>* nodeMasks) const
{
    if (input.rows() != m_architecture.inputWidth())
        throw InputError("input has " + std::to_string(input.rows()) + " features, network expects " +
                         std::to_string(m_architecture.inputWidth()));
    const int last = layerCount() - 1;
    for (int k = 0; k <= last; ++k) {
        const auto& layerInput = k == 0 ? input : InputRef(activations[k - 1]);
        m_layers[k]->forward(layerInput, preActivations[k]);
        if (k < last) {
            applyActivation(m_architecture.activation, preActivations[k], activations[k]);
            const auto& mask = nodeMasks ? nodeMasks->at(static_cast<std::size_t>(k)) : m_layers[k]->nodeMask();
            if (mask.size() != 0)
                activations[k].array().colwise() *= mask.array();
        }
    }
}

template <typename Scalar> const typename Network<Scalar>::MatrixType& Network<Scalar>::forward(const InputRef& input)
{
    runForward(input);
    return m_preActivations.back();
}

template <typename Scalar>
const typename Network<Scalar>::MatrixType& Network<Scalar>::forward(const InputRef& input, ForwardBuffers& buffers) const
{
    buffers.preActivations.resize(m_layers.size());
    buffers.activations.resize(m_layers.size() - 1);
    forwardInto(input, buffers.preActivations, buffers.activations, nullptr);
    return buffers.preActivations.back();
}

template <typename Scalar>
typename Network<Scalar>::LossResult Network<Scalar>::evaluate(const InputRef& input, const std::int32_t* labels)
{
    runForward(input);
    return SoftmaxCrossEntropy<Scalar>::evaluate(m_preActivations.back(), labels, nullptr);
}

template <typename Scalar>
typename Network<Scalar>::LossResult Network<Scalar>::evaluate(const InputRef& input, const std::int32_t* labels,
                                                               const std::vector<VectorType>& nodeMasks)
{
    if (static_cast<int>(nodeMasks.size()) != layerCount() - 1)
        throw InputError("expected node masks for " + std::to_string(layerCount() - 1) + " hidden layers, got " +
                         std::to_string(nodeMasks.size()));
    for (int k = 0; k + 1 < layerCount(); ++k)
        if (nodeMasks[static_cast<std::size_t>(k)].size() != 0 &&
            nodeMasks[static_cast<std::size_t>(k)].size() != layer(k).outputCount())
            throw InputError("a node mask of hidden layer " + std::to_string(k + 1) + " has " +
                             std::to_string(nodeMasks[static_cast<std::size_t>(k)].size()) + " entries, the layer " +
                             std::to_string(layer(k).outputCount()) + " nodes");
    runForward(input, &nodeMasks);
    return SoftmaxCrossEntropy<Scalar>::evaluate(m_preActivations.back(), labels, nullptr);
}

template <typename Scalar>
typename Network<Scalar>::LossResult Network<Scalar>::forwardBackward(const InputRef& input, const std::int32_t* labels)
{
    runForward(input);
    const LossResult result =
        SoftmaxCrossEntropy<Scalar>::evaluate(m_preActivations.back(), labels, &m_deltas.back());
    for (int k = layerCount() - 1; k >= 0; --k) {
        const auto& layerInput = k == 0 ? input : InputRef(m_activations[k - 1]);
        // dL/dA_k goes straight into the previous layer's delta buffer, then becomes dL/dZ_{k-1}.
        MatrixType* upstream = k > 0 ? &m_deltas[k - 1] : nullptr;
        m_layers[k]->backward(layerInput, m_deltas[k], upstream);
        if (upstream) {
            multiplyByDerivative(m_architecture.activation, m_preActivations[k - 1], m_activations[k - 1], *upstream);
            const auto& mask = m_layers[k - 1]->nodeMask();
            if (mask.size() != 0)
                upstream->array().colwise() *= mask.array();
        }
    }
    return result;
}

template class Network<float>;
template class Network<double>;

} // namespace reciprocal
