#pragma once

#include "core/layers/Initialisation.h"
#include "core/layers/LayerKind.h"
#include "core/layers/Parameter.h"
#include "core/math/Random.h"
#include "core/math/Types.h"

#include <memory>
#include <vector>

namespace reciprocal {

// One transfer k -> k+1 of a feed-forward network: n emitting nodes (inputs) to m receiving nodes
// (outputs), Z = W_eff X + c, where X is n x B (samples as columns) and Z is m x B.
//
// Subclasses only say how W (m x n) is built from their parameters and how dL/dW maps back onto
// them; masks, bias, the products and the bookkeeping live here, so every kind honours masks the
// same way: W_eff = M o W and dL/dW_eff = M o G, with M the weight mask whose rows are zero for
// masked receiving nodes. A masked node's bias is zeroed too, and the network zeroes its
// activation, so it stays exactly silent while training continues.
template <typename Scalar> class Layer {
public:
    using MatrixType = Matrix<Scalar>;
    using VectorType = Vector<Scalar>;
    using InputRef = Eigen::Ref<const MatrixType>;

    Layer(int inputs, int outputs, bool hasBias);
    virtual ~Layer() = default;
    virtual std::unique_ptr<Layer> clone() const = 0;
    // Becomes a copy of `other`, a layer of the same class and shape, in this layer's storage: a
    // fresh copy of a 784-100000-10 network faulted in new pages for seconds.
    virtual void assign(const Layer& other) = 0;

    virtual LayerKind kind() const = 0;
    int inputCount() const { return m_inputs; }
    int outputCount() const { return m_outputs; }
    bool hasBias() const { return m_hasBias; }

    // Draw the initial parameters as the preset says (docs/theory.md, "Initialisations"); the bias
    // keeps its value (0 in a new layer). Throws InputError, before drawing anything, for a preset
    // the kind does not have.
    void initialise(Random& random, Initialisation initialisation = Initialisation::Default);

    // Every trainable-capable group, including the bias; stable order for a given kind.
    virtual std::vector<Parameter<Scalar>> parameters() = 0;
    // Matrices that define the layer but never train; empty for most kinds.
    virtual std::vector<FrozenTensor<Scalar>> frozenTensors() { return {}; }
    std::vector<Parameter<Scalar>> trainableParameters();
    // The same groups and frozen tensors, read-only.
    std::vector<ParameterValue<Scalar>> parameterValues() const;
    std::vector<ParameterValue<Scalar>> frozenValues() const;

    TrainMode trainMode() const { return m_trainMode; }
    // Throws InputError if the kind has no such group (e.g. eigenvalues of a direct layer).
    void setTrainMode(TrainMode mode);
    // Throws InputError, as setTrainMode would, when the layer has no parameters of that mode.
    void checkTrainMode(TrainMode mode) const;
    bool isTrainable(ParameterRole role) const;

    // Scalars that define the layer (every group plus frozen tensors), and those the current
    // mode trains.
    long long totalParameterCount() const;
    long long trainableParameterCount() const;

    // Masks: a receiving-node mask (m entries of 0/1, empty = none) and a weight mask (m x n of 0/1,
    // empty = none). Setting a mask refreshes the effective weights.
    const VectorType& nodeMask() const { return m_nodeMask; }
    const MatrixType& weightMask() const { return m_weightMask; }
    void setNodeMask(const VectorType& mask);
    void setWeightMask(const MatrixType& mask);
    // Random-subset training (core/training/RandomSubset.h): only the weights where this 0/1 mask
    // (m x n) is 1 train, and the bias does not; empty = everything the mode trains. Direct layers
    // only (InputError otherwise, or for another shape).
    void setTrainableWeights(const MatrixType& mask);
    const MatrixType& trainableWeights() const { return m_trainableWeights; }
    bool isNodeActive(int node) const { return m_nodeMask.size() == 0 || m_nodeMask(node) != Scalar(0); }

    // Recompute the effective weights and bias from the parameters. Call after every change of
    // parameters; forward() and backward() use the cached result.
    void refresh();
    // W (m x n) built from the parameters without any mask.
    void composeUnmaskedWeights(MatrixType& weights);
    const MatrixType& effectiveWeights() const
    {
        const MatrixType* stored = storedWeights();
        return stored && m_mask.size() == 0 ? *stored : m_weights;
    }
    const VectorType& effectiveBias() const { return m_effectiveBias; }
    // The stored bias parameter (m x 1), empty without bias.
    const MatrixType& bias() const { return m_bias; }

    // output (m x B) = W_eff input + c
    void forward(const InputRef& input, MatrixType& output) const;
    // delta = dL/dZ (m x B). Fills the gradient of every group the mode trains; if inputGradient
    // is given, writes dL/dX = W_eff^T delta (n x B) into it.
    void backward(const InputRef& input, const MatrixType& delta, MatrixType* inputGradient);

protected:
    Layer(const Layer&) = default;
    Layer& operator=(const Layer&) = default;

    // Build W_eff (m x n) from the parameters, times the mask when one is given (m x n, else
    // empty); may update caches derived from the parameters. Not called for a kind that stores W
    // itself while nothing is masked.
    virtual void composeWeights(MatrixType& weights, const MatrixType& mask) = 0;
    // weightGradient = M o dL/dW (m x n). Fill the gradients of the trainable non-bias groups.
    virtual void distributeWeightGradient(const MatrixType& weightGradient) = 0;
    // A kind whose parameter is W itself returns it, so unmasked layers use it without a copy.
    virtual const MatrixType* storedWeights() const { return nullptr; }
    // Where backward() writes dL/dW; a kind whose parameter is W returns its gradient so that
    // no copy is needed.
    virtual MatrixType& weightGradientBuffer() { return m_weightGradient; }
    virtual bool hasRole(ParameterRole role) const = 0;
    // The scalars of a group that are parameters: all of them, except where a kind fixes some
    // entries (a triangular R).
    virtual long long entryCount(const ParameterValue<Scalar>& parameter) const { return parameter.value->size(); }
    // Draw the kind's parameters as a preset that fits the kind says (initialise() checked it and
    // resolved Default to the kind's own).
    virtual void drawParameters(Random& random, Initialisation initialisation) = 0;

    void appendBias(std::vector<Parameter<Scalar>>& list);

private:
    void rebuildMask();

    int m_inputs;
    int m_outputs;
    bool m_hasBias;
    TrainMode m_trainMode = TrainMode::Full;
    MatrixType m_bias;         // m x 1, or empty
    MatrixType m_biasGradient; // m x 1, or empty
    VectorType m_nodeMask;
    MatrixType m_weightMask;
    MatrixType m_mask;    // combined weight and node mask (m x n), empty when nothing is masked
    MatrixType m_trainableWeights; // random-subset training's 0/1 mask (m x n), or empty
    MatrixType m_weights; // W_eff (m x n)
    VectorType m_effectiveBias;
    MatrixType m_weightGradient; // M o dL/dW (m x n), reused between steps
};

} // namespace reciprocal
