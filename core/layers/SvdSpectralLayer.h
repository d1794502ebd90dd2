#pragma once

#include "core/layers/SpectralLayer.h"

namespace reciprocal {

// Two-set spectral layer with phi = U diag(s) V (the "S-SVD" of Chicchi et al. 2021): U (m x r)
// and V (r x n) frozen, s (r x 1) trained, r = min(n, m). As in the paper's code U and V are fresh
// N(0, 0.04^2) draws, random rather than orthogonal; s ~ U(0, 3); lam_in ~ U(+-0.97),
// lam_out ~ U(+-0.13). Gradient: dL/ds = colsum(U o ((dL/dphi) V^T))^T.
template <typename Scalar> class SvdSpectralLayer final : public SpectralLayer<Scalar> {
public:
    using typename Layer<Scalar>::MatrixType;

    SvdSpectralLayer(int inputs, int outputs, bool hasBias);
    std::unique_ptr<Layer<Scalar>> clone() const override { return std::make_unique<SvdSpectralLayer>(*this); }
    void assign(const Layer<Scalar>& other) override { *this = static_cast<const SvdSpectralLayer&>(other); }
    LayerKind kind() const override { return LayerKind::Ssvd; }
    std::vector<Parameter<Scalar>> parameters() override;
    std::vector<FrozenTensor<Scalar>> frozenTensors() override { return {{"U", &m_u}, {"V", &m_v}}; }

protected:
    void drawParameters(Random& random, Initialisation initialisation) override;
    void composeEigenvectors() override;
    MatrixType& eigenvectorGradientBuffer() override { return m_phiGradientScratch; }
    void distributeEigenvectorGradient(const MatrixType& phiGradient) override;

private:
    MatrixType m_u;         // m x r, frozen
    MatrixType m_s;         // r x 1, trained
    MatrixType m_sGradient; // r x 1
    MatrixType m_v;         // r x n, frozen
    MatrixType m_scratch;   // m x r
    MatrixType m_phiGradientScratch; // dL/dphi, m x n
};

} // namespace reciprocal
