#pragma once

#include "core/data/Dataset.h"

namespace reciprocal {

// Sizes data.features (featureCount x sampleCount, contents undefined) and asks Linux to back it
// with 2 MiB pages before anything is written. Training gathers each mini-batch from random
// columns of the whole set, and with 4 KiB pages nearly every column costs a TLB miss: on the
// project's virtual machine the first Fashion-MNIST epoch took 0.68 s instead of 0.48 s
// (docs/performance.md). The advice is only a hint; without it, nothing changes.
void allocateFeatures(Dataset& data, Eigen::Index featureCount, Eigen::Index sampleCount);

} // namespace reciprocal
