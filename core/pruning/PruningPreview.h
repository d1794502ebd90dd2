#pragma once

#include "core/data/Dataset.h"
#include "core/pruning/ModelPruning.h"

#include <vector>

namespace reciprocal {

// What a pruning request would do to a network, computed on a masked copy (the network itself is
// left alone): the plan, held-out accuracy before and after, what is kept and what a forward pass
// costs.
struct PruningPreview {
    PruningRequest request;
    PruningPlan plan;
    double accuracyBefore = 0.0;
    double accuracyAfter = 0.0;
    double lossAfter = 0.0;
    std::vector<int> nodesBefore; // active nodes per hidden layer
    std::vector<int> nodesKept;
    long long weightsBefore = 0; // active entries of every W (= multiply-adds per sample)
    long long weightsKept = 0;
    long long flopsBefore = 0; // per sample, 2 per multiply-add
    long long flopsAfter = 0;
    double milliseconds = 0.0; // how long the preview took
};

// The accuracy before is passed in so that a caller can cache it between previews. Throws
// InputError for impossible requests.
PruningPreview previewPruning(const Network<float>& network, const Dataset& test, const PruningRequest& request,
                              double accuracyBefore);

} // namespace reciprocal
