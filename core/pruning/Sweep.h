#pragma once

#include "core/data/Dataset.h"
#include "core/pruning/ModelPruning.h"

namespace reciprocal {

// One point of a pruning sensitivity curve: a copy of the network pruned by the request (masking, no
// retraining) and evaluated. The random criterion is drawn `draws` times with seeds request.seed,
// request.seed + 1, ...; accuracy is their mean, spread their population standard deviation.
struct SweepPoint {
    double accuracy = 0.0;
    double accuracySpread = 0.0;
    double loss = 0.0;
    int hiddenNodesKept = 0;
    int draws = 1;
};

// The columns of `reciprocal sweep --csv`, one row per (criterion, fraction); `plot` reads them too.
inline constexpr const char* sweepCsvHeader = "criterion,fraction,test_accuracy,test_accuracy_std,test_loss,nodes_kept";

SweepPoint sweepPoint(const Network<float>& network, const Dataset& test, const PruningRequest& request, int draws);

} // namespace reciprocal
