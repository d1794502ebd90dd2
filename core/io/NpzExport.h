#pragma once

#include "core/training/Model.h"

#include <string>

namespace reciprocal {

// A model as a NumPy .npz archive (docs/interop.md), for NumPy and PyTorch without a loader of ours.
// For every transfer K = 0, 1, ...: layers.K.weight (float32, receiving x emitting: the effective W,
// masks applied, and the columns of pruned nodes of the layer before zeroed, so that a plain
// Linear-activation stack computes exactly what Reciprocal computes) and layers.K.bias (zeros without
// a bias); the spectral parameters (layers.K.phi, .lam_in, .lam_out, and .R, .Q or .U, .s, .V of the
// decompositions) and the masks (.node_mask, .weight_mask) where the layer has them; and meta.json:
// the architecture, activation, layer kinds, the data set's input layout and scaling, and the class
// names.
std::string exportNpz(const Model& model);

} // namespace reciprocal
