#include "core/network/Activation.h"

#include "core/kernels/KernelTable.h"
#include "core/math/NameTable.h"

namespace reciprocal {

namespace {

constexpr NameTable<Activation, 5> activations{{{
    {Activation::Tanh, "tanh"},
    {Activation::Relu, "relu"},
    {Activation::Elu, "elu"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Identity, "identity"},
}}};

} // namespace

std::string_view activationName(Activation activation) { return activations.name(activation); }
Activation parseActivation(std::string_view name) { return activations.parse(name, "activation"); }
std::vector<std::string> activationNames() { return activations.names(); }

template <typename Scalar>
void applyActivation(Activation activation, const Matrix<Scalar>& input, Matrix<Scalar>& output)
{
    output.resize(input.rows(), input.cols());
    kernels<Scalar>().activate(activation, input.data(), output.data(), input.size());
}

template <typename Scalar>
void multiplyByDerivative(Activation activation, const Matrix<Scalar>& z, const Matrix<Scalar>& a,
                          Matrix<Scalar>& gradient)
{
    kernels<Scalar>().multiplyByDerivative(activation, z.data(), a.data(), gradient.data(), gradient.size());
}

template void applyActivation<float>(Activation, const Matrix<float>&, Matrix<float>&);
template void applyActivation<double>(Activation, const Matrix<double>&, Matrix<double>&);
template void multiplyByDerivative<float>(Activation, const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
template void multiplyByDerivative<double>(Activation, const Matrix<double>&, const Matrix<double>&,
                                           Matrix<double>&);

} // namespace reciprocal
