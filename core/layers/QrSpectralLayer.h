#pragma once

#include "core/layers/SpectralLayer.h"
#include "core/math/ParallelProduct.h"

namespace reciprocal {

// Two-set spectral layer whose eigenvector block is factorised as phi = R Q (Chicchi et al. 2021):
// Q (r x n, orthonormal rows) is frozen, R (m x r) is trained in full (no triangular mask),
// r = min(n, m). Initialisation follows the paper's code: phi0 ~ N(0, 0.036^2), thin QR of phi0^T,
// so phi = phi0 at start; lam_in ~ U(+-0.97), lam_out ~ U(+-0.13).
// Gradient: dL/dR = (dL/dphi) Q^T.
template <typename Scalar> class QrSpectralLayer final : public SpectralLayer<Scalar> {
public:
    using typename Layer<Scalar>::MatrixType;

    QrSpectralLayer(int inputs, int outputs, bool hasBias);
    std::unique_ptr<Layer<Scalar>> clone() const override { return std::make_unique<QrSpectralLayer>(*this); }
    void assign(const Layer<Scalar>& other) override { *this = static_cast<const QrSpectralLayer&>(other); }
    LayerKind kind() const override { return LayerKind::Qr; }
    void initialise(Random& random) override;
    std::vector<Parameter<Scalar>> parameters() override;
    std::vector<FrozenTensor<Scalar>> frozenTensors() override { return {{"Q", &m_q}}; }

protected:
    void composeEigenvectors() override { parallelProduct(this->m_phi, m_r, m_q); }
    MatrixType& eigenvectorGradientBuffer() override { return m_phiGradientScratch; }
    void distributeEigenvectorGradient(const MatrixType& phiGradient) override
    {
        parallelProduct(m_rGradient, phiGradient, m_q.transpose());
    }

private:
    MatrixType m_r;         // m x r, trained
    MatrixType m_rGradient; // m x r
    MatrixType m_q;         // r x n, frozen
    MatrixType m_phiGradientScratch; // dL/dphi, m x n
};

} // namespace reciprocal
