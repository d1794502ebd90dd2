#pragma once

#include "core/pruning/NodePruning.h"
#include "core/training/Model.h"

#include <cstdint>
#include <vector>

namespace reciprocal {

// A hidden node picked by hand: hidden layer index (0 = the first hidden layer) and node index.
struct HiddenNode {
    int layer = 0;
    int node = 0;
    friend bool operator==(const HiddenNode&, const HiddenNode&) = default;
};

struct PruningRequest {
    PruningCriterion criterion = PruningCriterion::Spectral;
    double fraction = 0.5; // of the active hidden nodes, pooled over layers unless perLayer
    bool perLayer = false;
    std::uint64_t seed = 1; // the random criterion's draw (the model's own stream is left alone)
    // When not empty, exactly these nodes go (criterion and fraction are not used).
    std::vector<HiddenNode> nodes;
};

// The node masks a request selects on the model's network, which is left unchanged. Throws
// InputError for a hand-picked node that does not exist or is already pruned, or for a request
// that would leave a hidden layer without nodes.
std::vector<Vector<float>> choosePruningMasks(Network<float>& network, const PruningRequest& request);

// Physically remove the model's masked hidden nodes (see removeMaskedNodes), keeping the optimizer
// moments, random stream, epoch count and history, so that training resumes. Returns false, and
// leaves the masks in place, for layer kinds whose nodes cannot be removed yet (QR, S-SVD).
bool commitPruning(Model& model);

} // namespace reciprocal
