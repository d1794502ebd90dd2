#pragma once

#include "core/layers/Layer.h"

#include <memory>

namespace reciprocal {

// A zero-initialised layer of the given kind; call initialise() for the kind's default draw.
template <typename Scalar> std::unique_ptr<Layer<Scalar>> makeLayer(LayerKind kind, int inputs, int outputs, bool hasBias);

} // namespace reciprocal
