#pragma once

#include "core/network/Network.h"

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// What a network computes, as a plain stack of affine maps and activations (the .npz and ONNX
// exports): W_k with its masks applied and the columns of nodes the layer before masked set to 0
// (a masked node outputs 0, where act(0) is 0.5 for a sigmoid), and the bias (zeros without one,
// 0 for masked nodes).
Matrix<float> plainWeights(const Network<float>& network, int k);
Vector<float> plainBias(const Layer<float>& layer);

// The tensors that define a layer besides W and the bias, named as every export names them: phi,
// lam_in (two sets only), lam_out, and the decompositions' trained (R, s) and frozen (Q; U, V)
// factors. `vector`: a 1-D array (the eigenvalues, and a factor of one column).
struct NamedTensor {
    std::string name;
    const Matrix<float>* value;
    bool vector;
};
std::vector<NamedTensor> definingTensors(const Layer<float>& layer);

// The activation after transfer k, as the exports name it: the network's, "softmax" after the last.
std::string_view activationAfter(const Network<float>& network, int k);

} // namespace reciprocal
