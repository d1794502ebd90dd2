#include "core/layers/QrSpectralLayer.h"

#include "core/layers/Initialisers.h"

#include <Eigen/QR>

#include <algorithm>

namespace reciprocal {

template <typename Scalar>
QrSpectralLayer<Scalar>::QrSpectralLayer(int inputs, int outputs, bool hasBias, bool triangular)
    : SpectralLayer<Scalar>(inputs, outputs, hasBias, true)
    , m_triangular(triangular)
{
    const int rank = std::min(inputs, outputs);
    m_r = MatrixType::Zero(outputs, rank);
    m_rGradient = MatrixType::Zero(outputs, rank);
    m_q = MatrixType::Identity(rank, inputs);
    this->refresh();
}

template <typename Scalar> void QrSpectralLayer<Scalar>::drawParameters(Random& random, Initialisation initialisation)
{
    const Eigen::Index n = this->inputCount();
    const Eigen::Index rank = m_q.rows();
    MatrixType phi0(this->outputCount(), n);
    if (initialisation == Initialisation::PreSsvdFull)
        phi0 = randomSsvdProduct<Scalar>(phi0.rows(), n, random);
    else
        fillNormal(phi0, random, 0.036);
    // phi0^T = Q' R' (thin): Q' is n x r, R' is r x m; Q = Q'^T, R = R'^T.
    const Eigen::HouseholderQR<MatrixType> qr(phi0.transpose());
    m_q = (qr.householderQ() * MatrixType::Identity(n, rank)).transpose();
    m_r = qr.matrixQR().topRows(rank).template triangularView<Eigen::Upper>().toDenseMatrix().transpose();
    this->initialiseEigenvalues(random, initialisation);
}

template <typename Scalar> std::vector<Parameter<Scalar>> QrSpectralLayer<Scalar>::parameters()
{
    std::vector<Parameter<Scalar>> list{{"R", ParameterRole::Eigenvectors, &m_r, &m_rGradient}};
    this->appendEigenvalues(list);
    this->appendBias(list);
    return list;
}

template <typename Scalar> long long QrSpectralLayer<Scalar>::entryCount(const ParameterValue<Scalar>& parameter) const
{
    if (!m_triangular || parameter.value != &m_r)
        return Layer<Scalar>::entryCount(parameter);
    const long long m = m_r.rows();
    const long long r = m_r.cols();
    return r * (r + 1) / 2 + (m - r) * r; // m >= r: R is m x min(n, m)
}

template class QrSpectralLayer<float>;
template class QrSpectralLayer<double>;

} // namespace reciprocal
