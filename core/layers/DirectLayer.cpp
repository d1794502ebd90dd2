#include "core/layers/DirectLayer.h"

#include "core/layers/Initialisers.h"

namespace reciprocal {

template <typename Scalar>
DirectLayer<Scalar>::DirectLayer(int inputs, int outputs, bool hasBias)
    : Layer<Scalar>(inputs, outputs, hasBias)
    , m_weights(MatrixType::Zero(outputs, inputs))
    , m_weightsGradient(MatrixType::Zero(outputs, inputs))
{
    this->refresh();
}

template <typename Scalar> void DirectLayer<Scalar>::drawParameters(Random& random, Initialisation)
{
    fillUniform(m_weights, random, glorotBound(this->inputCount(), this->outputCount()));
}

template <typename Scalar> std::vector<Parameter<Scalar>> DirectLayer<Scalar>::parameters()
{
    std::vector<Parameter<Scalar>> list{{"W", ParameterRole::Weights, &m_weights, &m_weightsGradient}};
    this->appendBias(list);
    return list;
}

template class DirectLayer<float>;
template class DirectLayer<double>;

} // namespace reciprocal
