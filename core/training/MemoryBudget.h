#pragma once

#include "core/io/AvailableMemory.h"
#include "core/network/Architecture.h"
#include "core/training/Model.h"

#include <optional>
#include <string>
#include <string_view>

namespace reciprocal {

// What training a network holds in memory, in bytes (float storage), by part. Doubles, so that any
// architecture parseWidths accepts is counted without overflow; the figure is an estimate anyway.
struct MemoryEstimate {
    double parameters = 0.0;   // every parameter group and frozen tensor: what a model file stores
    double gradients = 0.0;    // one gradient per parameter group
    double layerBuffers = 0.0; // per layer: composed W, dL/dW and the kind's m x n caches, masks
    double optimizer = 0.0;    // moments: two per group value (Adam, Adamax), one for SGD
    double rollback = 0.0;     // the trainer's copy of all the above as the epoch began
    double activations = 0.0;  // per-batch Z, f(Z) and delta of every layer, and the gathered batch

    double total() const { return parameters + gradients + layerBuffers + optimizer + rollback + activations; }
};

// Values stored in the parameter groups and frozen tensors of a network of this architecture,
// without building it (Network::totalParameterCount() but for the fixed zeros of a triangular R).
double parameterValueCount(const Architecture& architecture);

MemoryEstimate estimateTrainingMemory(const Architecture& architecture, const TrainingSettings& training,
                                      OptimizerKind optimizer = OptimizerKind::Adam);


// Throws InputError("architecture 784-100000-100000-10 needs about 480 GB, more than the 6.1 GB
// available") when the estimate exceeds the available memory; no check without a figure.
void checkMemoryBudget(const Architecture& architecture, const TrainingSettings& training, OptimizerKind optimizer,
                       std::optional<double> available = availableMemory());


} // namespace reciprocal
