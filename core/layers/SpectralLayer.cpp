#include "core/layers/SpectralLayer.h"

#include "core/layers/Initialisers.h"

namespace reciprocal {

template <typename Scalar>
SpectralLayer<Scalar>::SpectralLayer(int inputs, int outputs, bool hasBias, bool twoSets)
    : Layer<Scalar>(inputs, outputs, hasBias)
    , m_phi(MatrixType::Zero(outputs, inputs))
    , m_twoSets(twoSets)
    , m_lamOut(MatrixType::Zero(outputs, 1))
    , m_phiGradient(MatrixType::Zero(outputs, inputs))
    , m_lamOutGradient(MatrixType::Zero(outputs, 1))
{
    if (twoSets) {
        m_lamIn = MatrixType::Zero(inputs, 1);
        m_lamInGradient = MatrixType::Zero(inputs, 1);
    }
    this->refresh();
}

template <typename Scalar> void SpectralLayer<Scalar>::initialise(Random& random)
{
    fillUniform(m_phi, random, m_twoSets ? glorotBound(this->inputCount(), this->outputCount()) : 0.2);
    initialiseEigenvalues(random, 0.5, 0.5);
    this->refresh();
}

template <typename Scalar>
void SpectralLayer<Scalar>::initialiseEigenvalues(Random& random, double inputBound, double outputBound)
{
    if (m_twoSets)
        fillUniform(m_lamIn, random, inputBound);
    fillUniform(m_lamOut, random, outputBound);
}

template <typename Scalar> std::vector<Parameter<Scalar>> SpectralLayer<Scalar>::parameters()
{
    std::vector<Parameter<Scalar>> list{{"phi", ParameterRole::Eigenvectors, &m_phi, &m_phiGradient}};
    appendEigenvalues(list);
    this->appendBias(list);
    return list;
}

template <typename Scalar> void SpectralLayer<Scalar>::appendEigenvalues(std::vector<Parameter<Scalar>>& list)
{
    if (m_twoSets)
        list.push_back({"lam_in", ParameterRole::Eigenvalues, &m_lamIn, &m_lamInGradient});
    list.push_back({"lam_out", ParameterRole::Eigenvalues, &m_lamOut, &m_lamOutGradient});
}

template <typename Scalar> bool SpectralLayer<Scalar>::hasRole(ParameterRole role) const
{
    return role == ParameterRole::Eigenvalues || role == ParameterRole::Eigenvectors;
}

template <typename Scalar> void SpectralLayer<Scalar>::composeWeights(MatrixType& weights)
{
    composeEigenvectors();
    const auto lamOut = m_lamOut.col(0).asDiagonal();
    if (m_twoSets) {
        weights.noalias() = m_phi * m_lamIn.col(0).asDiagonal();
        weights.noalias() -= lamOut * m_phi;
    } else {
        weights.noalias() = -(lamOut * m_phi);
    }
}

template <typename Scalar> void SpectralLayer<Scalar>::distributeWeightGradient(const MatrixType& weightGradient)
{
    const auto& g = weightGradient;
    if (this->isTrainable(ParameterRole::Eigenvalues)) {
        m_scratch.noalias() = (g.array() * m_phi.array()).matrix();
        if (m_twoSets)
            m_lamInGradient.noalias() = m_scratch.colwise().sum().transpose();
        m_lamOutGradient.noalias() = -m_scratch.rowwise().sum();
    }
    if (this->isTrainable(ParameterRole::Eigenvectors)) {
        const auto lamOut = m_lamOut.col(0).asDiagonal();
        if (m_twoSets) {
            m_scratch.noalias() = g * m_lamIn.col(0).asDiagonal();
            m_scratch.noalias() -= lamOut * g;
        } else {
            m_scratch.noalias() = -(lamOut * g);
        }
        distributeEigenvectorGradient(m_scratch);
    }
}

template class SpectralLayer<float>;
template class SpectralLayer<double>;

} // namespace reciprocal
