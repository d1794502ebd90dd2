#pragma once

#include "core/network/Network.h"

#include <cstdint>

namespace reciprocal {

// The baseline of Giambagli et al. (Nat. Commun. 2021): a direct network restricted to as many
// trainable parameters as eigenvalue-only training has. `count` weights, drawn uniformly at random
// over all layers from `seed`, train; every other weight and every bias keeps its initial value bit
// for bit (their gradient is 0, so no optimiser moves them). The draw is a function of the
// architecture, count and seed only, so a saved model redraws the same subset when it loads.
// Throws InputError unless every layer is direct and 1 <= count <= the number of weights.
void applyRandomSubset(Network<float>& network, long long count, std::uint64_t seed);

} // namespace reciprocal
