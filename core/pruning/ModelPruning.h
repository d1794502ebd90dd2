#pragma once

#include "core/pruning/NodePruning.h"
#include "core/training/Model.h"

#include <cstdint>
#include <vector>

namespace reciprocal {

struct PruningRequest {
    PruningCriterion criterion = PruningCriterion::Spectral;
    double fraction = 0.5; // of the active hidden nodes, pooled over layers unless perLayer
    bool perLayer = false;
    std::uint64_t seed = 1; // the random criterion's draw (the model's own stream is left alone)
};

// The node masks a request selects on the model's network, which is left unchanged.
std::vector<Vector<float>> choosePruningMasks(Network<float>& network, const PruningRequest& request);

// Physically remove the model's masked hidden nodes (see removeMaskedNodes), keeping the optimizer
// moments, random stream, epoch count and history, so that training resumes. Returns false, and
// leaves the masks in place, for layer kinds whose nodes cannot be removed yet (QR, S-SVD).
bool commitPruning(Model& model);

} // namespace reciprocal
