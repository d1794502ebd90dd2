#include "core/layers/SpectralLayer.h"

#include "core/layers/Initialisers.h"
#include "core/kernels/KernelTable.h"
#include "core/math/ParallelColumns.h"

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

template <typename Scalar> void SpectralLayer<Scalar>::drawParameters(Random& random, Initialisation initialisation)
{
    const double glorot = glorotBound(this->inputCount(), this->outputCount());
    switch (initialisation) {
    case Initialisation::SciRepOneSet:
        fillUniform(m_phi, random, 0.2);
        break;
    case Initialisation::SciRepTwoSet:
    case Initialisation::SpectralTools:
        fillUniform(m_phi, random, glorot);
        break;
    case Initialisation::Pre:
    case Initialisation::PreSparseQr:
        fillNormal(m_phi, random, 0.036);
        break;
    case Initialisation::PreSsvdFull:
        m_phi = randomSsvdProduct<Scalar>(m_phi.rows(), m_phi.cols(), random);
        break;
    case Initialisation::Default:
    case Initialisation::Glorot:
        break; // resolved, or not a spectral preset; initialise() saw to both
    }
    initialiseEigenvalues(random, initialisation);
}

template <typename Scalar>
void SpectralLayer<Scalar>::initialiseEigenvalues(Random& random, Initialisation initialisation)
{
    const auto set = [this](Scalar in, Scalar out) {
        m_lamIn.setConstant(in); // empty with one set
        m_lamOut.setConstant(out);
    };
    switch (initialisation) {
    case Initialisation::Pre:
        initialiseEigenvalues(random, 0.97, 0.13);
        break;
    case Initialisation::PreSsvdFull:
    case Initialisation::SpectralTools:
        set(0, 1);
        break;
    case Initialisation::PreSparseQr:
        set(1, 0);
        break;
    default: // Buffoni et al.'s draws
        initialiseEigenvalues(random, 0.5, 0.5);
    }
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

template <typename Scalar> SpectralColumns<Scalar> SpectralLayer<Scalar>::columns() const
{
    return {m_phi.rows(), m_phi.data(), m_twoSets ? m_lamIn.data() : nullptr, m_lamOut.data()};
}

template <typename Scalar>
void SpectralLayer<Scalar>::composeWeights(MatrixType& weights, const MatrixType& mask)
{
    composeEigenvectors();
    weights.resize(m_phi.rows(), m_phi.cols());
    // One pass over phi, column by column (KernelTable.h).
    const ComposeColumns<Scalar> pass{columns(), mask.size() != 0 ? mask.data() : nullptr, weights.data()};
    const KernelTable<Scalar>& kernel = kernels<Scalar>();
    forEachPart(m_phi.cols(), 32, [&](int, long begin, long end) { kernel.composeColumns(pass, begin, end); });
}

template <typename Scalar> void SpectralLayer<Scalar>::distributeWeightGradient(const MatrixType& weightGradient)
{
    // One pass over G, column by column (KernelTable.h). The lam_out sums are kept per part and
    // added in part order, so results do not depend on which thread ran which part.
    const bool eigenvalues = this->isTrainable(ParameterRole::Eigenvalues);
    const bool eigenvectors = this->isTrainable(ParameterRole::Eigenvectors);
    MatrixType& phiGradient = eigenvectorGradientBuffer();
    if (eigenvectors)
        phiGradient.resize(m_phi.rows(), m_phi.cols());
    m_partialOutGradients.resize(static_cast<std::size_t>(maximumParts()));
    DistributeColumns<Scalar> pass{columns(), weightGradient.data(), eigenvectors ? phiGradient.data() : nullptr,
                                   eigenvalues && m_twoSets ? m_lamInGradient.data() : nullptr, nullptr};
    const KernelTable<Scalar>& kernel = kernels<Scalar>();
    const int parts = forEachPart(m_phi.cols(), 32, [&](int part, long begin, long end) {
        DistributeColumns<Scalar> partPass = pass;
        if (eigenvalues) {
            auto& partialOut = m_partialOutGradients[static_cast<std::size_t>(part)];
            partialOut.setZero(m_phi.rows(), 1);
            partPass.partialOutGradient = partialOut.data();
        }
        kernel.distributeColumns(partPass, begin, end);
    });
    if (eigenvalues) {
        m_lamOutGradient = m_partialOutGradients[0];
        for (int part = 1; part < parts; ++part)
            m_lamOutGradient += m_partialOutGradients[static_cast<std::size_t>(part)];
    }
    if (eigenvectors)
        distributeEigenvectorGradient(phiGradient);
}

template class SpectralLayer<float>;
template class SpectralLayer<double>;

} // namespace reciprocal
