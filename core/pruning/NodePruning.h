#pragma once

#include "core/layers/SpectralLayer.h"
#include "core/math/Random.h"
#include "core/network/Network.h"
#include "core/pruning/PruningCriterion.h"
#include "core/training/Optimizer.h"

#include <vector>

namespace reciprocal {

// One score per receiving node of every hidden layer (layers 0..L-2); output nodes are classes and
// are never pruned. Spectral scores need spectral layers (|lam_out|, the receiving side, for one and
// two sets alike); connectivity reads the effective W, so masked weights count as zero. Throws
// InputError for a spectral criterion on direct layers.
std::vector<Vector<float>> nodeScores(const Network<float>& network, PruningCriterion criterion, Random& random);

// The layer as a spectral one, for a criterion that reads eigenvalues; throws InputError naming the
// criterion and the layer's kind otherwise.
const SpectralLayer<float>& spectralLayerFor(const Layer<float>& layer, PruningCriterion criterion);

// numpy's default percentile (linear interpolation between closest ranks), p in [0, 100].
double percentile(std::vector<double> values, double p);

// Which hidden nodes a pruning keeps: 0/1 node masks and the score threshold that separates the
// removed nodes (score < threshold) from the kept ones.
struct PruningPlan {
    std::vector<Vector<float>> masks; // per hidden layer, 1 = kept
    // Per hidden layer; the same value in every layer when pooled, empty for hand-picked nodes.
    std::vector<double> thresholds;
    double removedFraction = 0.0; // of the hidden nodes (or inputs) that were active
    // Pruning input features instead (core/pruning/InputPruning.h): 1 = kept, one entry per input of
    // the first transfer; then `masks` is empty and `thresholds` holds the one threshold.
    Vector<float> inputMask;
};

// The papers' rule for removing `fraction` of the hidden nodes: pool the scores of every
// still-active hidden node (or, with perLayer, each layer's own), take the 100*fraction-th
// percentile t and remove the nodes scoring strictly below t. Ties at t survive, so fraction 1 keeps
// the best node(s). Nodes already masked stay masked. Throws InputError unless 0 <= fraction <= 1.
PruningPlan selectSurvivors(const Network<float>& network, const std::vector<Vector<float>>& scores,
                            double fraction, bool perLayer);
// The same with the threshold given (pooled): remove the active nodes scoring below it. Throws
// InputError for a threshold that is not finite.
PruningPlan selectAboveThreshold(const Network<float>& network, const std::vector<Vector<float>>& scores,
                                 double threshold);

// Preview: set the hidden layers' node masks (nothing is removed; the parameters are untouched).
void applyNodeMasks(Network<float>& network, const std::vector<Vector<float>>& masks);

// Commit: a network without the masked hidden nodes - their rows in the layer that feeds them, their
// columns in the layer they feed, their eigenvalues and biases - computing exactly what the masked
// network computes. Weight masks are cut down alike. Optimizer moments are cut down the same way, so
// training resumes where it stopped. Throws InputError if a hidden layer would lose every node, or for
// QR and S-SVD layers, whose factorised eigenvectors are not cut down yet.
struct PrunedModelParts {
    Network<float> network;
    OptimizerState<float> optimizerState;
};
PrunedModelParts removeMaskedNodes(Network<float>& network, const OptimizerState<float>& optimizerState);

// Multiply-adds of one forward pass of one sample, counting only active nodes.
long long forwardMultiplyAdds(const Network<float>& network);
// The same with these counts of active nodes per hidden layer.
long long forwardMultiplyAdds(const Network<float>& network, const std::vector<int>& activeHiddenNodes);

} // namespace reciprocal
