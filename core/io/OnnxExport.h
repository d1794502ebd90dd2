#pragma once

#include "core/training/Model.h"

#include <string>

namespace reciprocal {

// A model as an ONNX graph (opset 17, docs/interop.md) that ONNX Runtime runs and Netron draws: per
// transfer K a Gemm with the initialisers layers.K.weight (the effective W, as in the .npz export)
// and layers.K.bias, then the activation; the last Gemm's output is `logits`, and a Softmax of it
// `probabilities`. The input `input` is [batch, inputs], already scaled as the data set's
// input_layout says (in the model's metadata and doc string; no scaling node). The spectral
// parameters (layers.K.phi, .lam_in, .lam_out, the factors of QR and S-SVD) are initialisers too,
// with doc strings saying how W is made of them. The model passes onnx::checker before it is
// returned; a model it refuses is an InputError with the checker's message.
std::string exportOnnx(const Model& model);

} // namespace reciprocal
