#pragma once

#include "core/network/Network.h"

#include <vector>

namespace reciprocal {

// Why a node computes what it computes for one sample: its pre-activation as the sum the papers
// write, z_i = Σ_j φ_ij (λ_in,j − λ_out,i) a_j + b_i (W_ij a_j + b_i for direct layers), term by
// term, largest first, and the activation that follows.
struct NodeTerm {
    int emitting = 0;       // j
    float eigenvector = 0;  // φ_ij (NaN for direct layers)
    float lamIn = 0;        // λ_in,j (0 for one-set layers, NaN for direct ones)
    float lamOut = 0;       // λ_out,i (NaN for direct layers)
    float weight = 0;       // W_ij, masks applied
    float input = 0;        // a_j
    float term = 0;         // W_ij a_j
};

struct NodeExplanation {
    std::vector<NodeTerm> terms; // every emitting node's term, by decreasing |term|
    float bias = 0;              // b_i (0 without bias)
    float preActivation = 0;     // z_i
    float activation = 0;        // f(z_i) for a hidden node; the softmax probability for an output node
};

// Node `node` of transfer `layer` (0-based: layer 0 feeds the first hidden layer) for one sample
// (a column of inputWidth() values). Throws InputError for a layer, node or sample that does not fit.
NodeExplanation explainNode(const Network<float>& network, int layer, int node, const Vector<float>& sample);

} // namespace reciprocal
