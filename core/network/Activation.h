#pragma once

#include "core/math/Types.h"

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// Hidden-layer nonlinearity; the output layer is always followed by softmax.
enum class Activation { Tanh, Relu, Elu, Sigmoid, Identity };

std::string_view activationName(Activation activation);
Activation parseActivation(std::string_view name); // throws InputError
std::vector<std::string> activationNames();

// output = f(input), element-wise; shapes m x B.
template <typename Scalar>
void applyActivation(Activation activation, const Matrix<Scalar>& input, Matrix<Scalar>& output);

// gradient <- gradient o f'(z), where f' is written in terms of z (pre-activation) and a = f(z)
// whichever is cheaper for f.
template <typename Scalar>
void multiplyByDerivative(Activation activation, const Matrix<Scalar>& z, const Matrix<Scalar>& a,
                          Matrix<Scalar>& gradient);

} // namespace reciprocal
