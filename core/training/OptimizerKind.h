#pragma once

namespace reciprocal {

// The update rules Optimizer.h describes; apart, so the kernels (core/kernels) need no more.
enum class OptimizerKind { Sgd, Adam, Adamax };

} // namespace reciprocal
