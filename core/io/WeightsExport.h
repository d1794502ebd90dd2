#pragma once

#include "core/training/Model.h"

#include <nlohmann/json.hpp>

namespace reciprocal {

// Every layer's parameters as plain JSON arrays, for outside tools and for checking the maths
// independently: phi, lam_in, lam_out, bias, the effective W (masks applied; row i = receiving
// node i, column j = emitting node j), the masks, the kind's other tensors (R and Q, or U, s and V)
// and the network's activation. Absent groups are null (e.g. lam_in of a one-set layer).
nlohmann::json exportWeights(const Model& model);

} // namespace reciprocal
