#include "core/network/NodeExplanation.h"

#include "core/Error.h"
#include "core/layers/SpectralLayer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reciprocal {

NodeExplanation explainNode(const Network<float>& network, int layer, int node, const Vector<float>& sample)
{
    if (layer < 0 || layer >= network.layerCount())
        throw InputError("no transfer " + std::to_string(layer + 1) + " in the network");
    const Layer<float>& transfer = network.layer(layer);
    if (node < 0 || node >= transfer.outputCount())
        throw InputError("transfer " + std::to_string(layer + 1) + " has no receiving node " + std::to_string(node));
    if (sample.size() != network.architecture().inputWidth())
        throw InputError("a sample of " + std::to_string(sample.size()) + " values for a network of " +
                         std::to_string(network.architecture().inputWidth()) + " inputs");
    Network<float>::ForwardBuffers pass;
    const Matrix<float>& logits = network.forward(sample, pass);
    const Matrix<float> inputs = layer == 0 ? Matrix<float>(sample) : pass.activations[static_cast<std::size_t>(layer - 1)];
    const auto* spectral = dynamic_cast<const SpectralLayer<float>*>(&transfer);
    const float nan = std::numeric_limits<float>::quiet_NaN();

    NodeExplanation explanation;
    for (int j = 0; j < transfer.inputCount(); ++j) {
        NodeTerm term;
        term.emitting = j;
        term.weight = transfer.effectiveWeights()(node, j);
        term.input = inputs(j, 0);
        term.term = term.weight * term.input;
        term.eigenvector = spectral ? spectral->eigenvectors()(node, j) : nan;
        term.lamIn = spectral ? (spectral->hasTwoSets() ? spectral->inputEigenvalues()(j, 0) : 0.0f) : nan;
        term.lamOut = spectral ? spectral->outputEigenvalues()(node, 0) : nan;
        explanation.terms.push_back(term);
    }
    std::sort(explanation.terms.begin(), explanation.terms.end(),
              [](const NodeTerm& a, const NodeTerm& b) { return std::abs(a.term) > std::abs(b.term); });
    explanation.bias = transfer.effectiveBias().size() ? transfer.effectiveBias()(node) : 0.0f;
    const bool output = layer == network.layerCount() - 1;
    if (output) {
        explanation.preActivation = logits(node, 0);
        const float top = logits.col(0).maxCoeff();
        explanation.activation = std::exp(logits(node, 0) - top) / (logits.col(0).array() - top).exp().sum();
    } else {
        explanation.activation = pass.activations[static_cast<std::size_t>(layer)](node, 0);
        // z summed from the terms shown (f is not always invertible: ReLU), equal to the network's
        // up to float rounding.
        explanation.preActivation = explanation.bias;
        for (const NodeTerm& term : explanation.terms)
            explanation.preActivation += term.term;
    }
    return explanation;
}

} // namespace reciprocal
