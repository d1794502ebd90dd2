#pragma once

#include "core/layers/SpectralLayer.h"
#include "core/math/ParallelProduct.h"

namespace reciprocal {

// Two-set spectral layer whose eigenvector block is factorised as phi = R Q (Chicchi et al. 2021):
// Q (r x n, orthonormal rows) is frozen, R (m x r) is trained, r = min(n, m): in full (the authors'
// code, kind qr) or only on and below its diagonal (kind qr-triangular, the paper's parameter
// count r(r+1)/2 + (m-r)r: the entries above it start at 0 and their gradient is masked, so they
// stay 0). Initialisation follows the paper's code: phi0 ~ N(0, 0.036^2), thin QR of phi0^T,
// so phi = phi0 at start; lam_in ~ U(+-0.97), lam_out ~ U(+-0.13).
// Gradient: dL/dR = (dL/dphi) Q^T.
template <typename Scalar> class QrSpectralLayer final : public SpectralLayer<Scalar> {
public:
    using typename Layer<Scalar>::MatrixType;

    QrSpectralLayer(int inputs, int outputs, bool hasBias, bool triangular);
    std::unique_ptr<Layer<Scalar>> clone() const override { return std::make_unique<QrSpectralLayer>(*this); }
    void assign(const Layer<Scalar>& other) override { *this = static_cast<const QrSpectralLayer&>(other); }
    LayerKind kind() const override { return m_triangular ? LayerKind::QrTriangular : LayerKind::Qr; }
    std::vector<Parameter<Scalar>> parameters() override;
    std::vector<FrozenTensor<Scalar>> frozenTensors() override { return {{"Q", &m_q}}; }

protected:
    void composeEigenvectors() override { parallelProduct(this->m_phi, m_r, m_q); }
    void drawParameters(Random& random, Initialisation initialisation) override;
    MatrixType& eigenvectorGradientBuffer() override { return m_phiGradientScratch; }
    void distributeEigenvectorGradient(const MatrixType& phiGradient) override
    {
        parallelProduct(m_rGradient, phiGradient, m_q.transpose());
        if (m_triangular)
            m_rGradient.template triangularView<Eigen::StrictlyUpper>().setZero();
    }
    long long entryCount(const ParameterValue<Scalar>& parameter) const override;

private:
    bool m_triangular;
    MatrixType m_r;         // m x r, trained
    MatrixType m_rGradient; // m x r
    MatrixType m_q;         // r x n, frozen
    MatrixType m_phiGradientScratch; // dL/dphi, m x n
};

} // namespace reciprocal
