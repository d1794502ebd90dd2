#include "core/network/Activation.h"

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
    const auto z = input.array();
    output.resize(input.rows(), input.cols());
    switch (activation) {
    case Activation::Tanh:
        output.array() = z.tanh();
        break;
    case Activation::Relu:
        output.array() = z.max(Scalar(0));
        break;
    case Activation::Elu: // alpha = 1
        output.array() = (z > Scalar(0)).select(z, z.exp() - Scalar(1));
        break;
    case Activation::Sigmoid:
        output.array() = Scalar(1) / (Scalar(1) + (-z).exp());
        break;
    case Activation::Identity:
        output = input;
        break;
    }
}

template <typename Scalar>
void multiplyByDerivative(Activation activation, const Matrix<Scalar>& z, const Matrix<Scalar>& a,
                          Matrix<Scalar>& gradient)
{
    auto g = gradient.array();
    switch (activation) {
    case Activation::Tanh:
        g *= Scalar(1) - a.array().square();
        break;
    case Activation::Relu:
        g = (z.array() > Scalar(0)).select(g, Scalar(0));
        break;
    case Activation::Elu:
        g *= (z.array() > Scalar(0)).select(Scalar(1), a.array() + Scalar(1));
        break;
    case Activation::Sigmoid:
        g *= a.array() * (Scalar(1) - a.array());
        break;
    case Activation::Identity:
        break;
    }
}

template void applyActivation<float>(Activation, const Matrix<float>&, Matrix<float>&);
template void applyActivation<double>(Activation, const Matrix<double>&, Matrix<double>&);
template void multiplyByDerivative<float>(Activation, const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
template void multiplyByDerivative<double>(Activation, const Matrix<double>&, const Matrix<double>&,
                                           Matrix<double>&);

} // namespace reciprocal
