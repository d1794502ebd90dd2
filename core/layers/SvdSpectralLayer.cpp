#include "core/layers/SvdSpectralLayer.h"

#include "core/layers/Initialisers.h"
#include "core/math/ParallelProduct.h"

#include <algorithm>

namespace reciprocal {

template <typename Scalar>
SvdSpectralLayer<Scalar>::SvdSpectralLayer(int inputs, int outputs, bool hasBias)
    : SpectralLayer<Scalar>(inputs, outputs, hasBias, true)
{
    const int rank = std::min(inputs, outputs);
    m_u = MatrixType::Zero(outputs, rank);
    m_s = MatrixType::Zero(rank, 1);
    m_sGradient = MatrixType::Zero(rank, 1);
    m_v = MatrixType::Zero(rank, inputs);
    this->refresh();
}

template <typename Scalar> void SvdSpectralLayer<Scalar>::drawParameters(Random& random, Initialisation initialisation)
{
    drawSsvdFactors(m_u, m_s, m_v, random);
    this->initialiseEigenvalues(random, initialisation);
}

template <typename Scalar> std::vector<Parameter<Scalar>> SvdSpectralLayer<Scalar>::parameters()
{
    std::vector<Parameter<Scalar>> list{{"s", ParameterRole::Eigenvectors, &m_s, &m_sGradient}};
    this->appendEigenvalues(list);
    this->appendBias(list);
    return list;
}

template <typename Scalar> void SvdSpectralLayer<Scalar>::composeEigenvectors()
{
    m_scratch.noalias() = m_u * m_s.col(0).asDiagonal();
    parallelProduct(this->m_phi, m_scratch, m_v);
}

template <typename Scalar> void SvdSpectralLayer<Scalar>::distributeEigenvectorGradient(const MatrixType& phiGradient)
{
    parallelProduct(m_scratch, phiGradient, m_v.transpose());
    m_sGradient.noalias() = (m_u.array() * m_scratch.array()).colwise().sum().transpose().matrix();
}

template class SvdSpectralLayer<float>;
template class SvdSpectralLayer<double>;

} // namespace reciprocal
