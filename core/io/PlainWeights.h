#pragma once

#include "core/network/Network.h"

namespace reciprocal {

// What a network computes, as a plain stack of affine maps and activations (the .npz and ONNX
// exports): W_k with its masks applied and the columns of nodes the layer before masked set to 0
// (a masked node outputs 0, where act(0) is 0.5 for a sigmoid), and the bias (zeros without one,
// 0 for masked nodes).
Matrix<float> plainWeights(const Network<float>& network, int k);
Vector<float> plainBias(const Layer<float>& layer);

} // namespace reciprocal
