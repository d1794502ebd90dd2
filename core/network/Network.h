#pragma once

#include "core/layers/Layer.h"
#include "core/network/Architecture.h"
#include "core/network/SoftmaxCrossEntropy.h"

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <vector>

namespace reciprocal {

// A feed-forward classifier: layers 0..L-1, the hidden activation after every layer but the last,
// softmax cross-entropy after the last. Samples are columns: an input batch is inputWidth x B.
//
// Copying a network copies every layer (deep); the GUI and the trainer use that for snapshots and
// for rolling back to the last good state.
template <typename Scalar> class Network {
public:
    using MatrixType = Matrix<Scalar>;
    using VectorType = Vector<Scalar>;
    using InputRef = Eigen::Ref<const MatrixType>;
    using LossResult = typename SoftmaxCrossEntropy<Scalar>::Result;

    // Zero-initialised layers; call initialise() for the kinds' default random draw.
    explicit Network(const Architecture& architecture);
    Network(const Network& other);
    Network& operator=(const Network& other);
    Network(Network&&) noexcept = default;
    Network& operator=(Network&&) noexcept = default;
    ~Network() = default;

    // Throws InputError, before drawing anything, unless the preset fits every layer's kind.
    void initialise(Random& random, Initialisation initialisation = Initialisation::Default);

    const Architecture& architecture() const { return m_architecture; }
    int layerCount() const { return static_cast<int>(m_layers.size()); }
    Layer<Scalar>& layer(int index) { return *m_layers.at(static_cast<std::size_t>(index)); }
    const Layer<Scalar>& layer(int index) const { return *m_layers.at(static_cast<std::size_t>(index)); }

    // The same mode for every layer; throws InputError (and changes nothing) if a layer cannot.
    void setTrainMode(TrainMode mode);
    TrainMode trainMode() const { return m_trainMode; }

    // Every parameter group of every layer, in layer order; a stable list for a given architecture.
    std::vector<Parameter<Scalar>> parameters();
    long long totalParameterCount() const;
    long long trainableParameterCount() const;
    // Unmasked nodes of each hidden layer.
    std::vector<int> activeHiddenNodeCounts() const;

    // Silence receiving nodes of a hidden layer (0 = masked, 1 = active; empty = none). The output
    // layer's nodes are classes and cannot be masked.
    void setNodeMask(int layerIndex, const VectorType& mask);
    // Recompute every layer's effective weights after the parameters changed.
    void refresh();

    // Forward pass; returns the logits (outputWidth x B), valid until the next call.
    const MatrixType& forward(const InputRef& input);
    // The buffers of a forward pass run by someone else than the network: Z_k and the masked
    // hidden activations A_{k+1}, kept between calls so that a caller of one batch shape
    // allocates once.
    struct ForwardBuffers {
        std::vector<MatrixType> preActivations;
        std::vector<MatrixType> activations;
    };
    // The same forward pass into the caller's buffers: the network is not touched, so a const one
    // (a snapshot's copy) runs without being copied. Returns the logits, in `buffers`.
    const MatrixType& forward(const InputRef& input, ForwardBuffers& buffers) const;
    // Forward pass and loss, without gradients.
    LossResult evaluate(const InputRef& input, const std::int32_t* labels);
    // The same as the network would compute with these hidden-node masks set (one per hidden layer,
    // 0 = masked) instead of its own: a masked node's output is zero either way. Nothing of the
    // network changes but its per-batch buffers, so a pruning preview needs no copy of the network.
    LossResult evaluate(const InputRef& input, const std::int32_t* labels, const std::vector<VectorType>& nodeMasks);
    // Forward and backward pass: loss, and the gradients of every trainable group in the layers.
    LossResult forwardBackward(const InputRef& input, const std::int32_t* labels);
    // Hidden activations of the last forward pass, layer k's output (k < layerCount() - 1).
    const MatrixType& hiddenActivations(int layerIndex) const { return m_activations.at(layerIndex); }

private:
    // Hidden activations are masked with nodeMasks when given, else with the layers' own masks.
    void runForward(const InputRef& input, const std::vector<VectorType>* nodeMasks = nullptr);
    // The pass itself, into whichever buffers (sized one per layer and one per hidden layer).
    void forwardInto(const InputRef& input, std::vector<MatrixType>& preActivations,
                     std::vector<MatrixType>& activations, const std::vector<VectorType>* nodeMasks) const;

    Architecture m_architecture;
    TrainMode m_trainMode = TrainMode::Full;
    std::vector<std::unique_ptr<Layer<Scalar>>> m_layers;
    // Per-batch buffers, kept between calls so steady-state steps allocate nothing.
    std::vector<MatrixType> m_preActivations; // Z_k, width_{k+1} x B
    std::vector<MatrixType> m_activations;    // A_{k+1} = f(Z_k) masked, for hidden layers
    std::vector<MatrixType> m_deltas;         // dL/dZ_k, width_{k+1} x B; one per layer, so no step reallocates
};

} // namespace reciprocal
