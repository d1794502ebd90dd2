#pragma once

#include "core/kernels/KernelTable.h"
#include "core/layers/Layer.h"

#include <vector>

namespace reciprocal {

// A layer trained in reciprocal space. With two eigenvalue sets
//     W_ij = phi_ij (lam_in_j - lam_out_i)  <=>  W = phi diag(lam_in) - diag(lam_out) phi,
// phi (m x n) the eigenvector block, lam_in (n x 1) on the emitting nodes, lam_out (m x 1) on the
// receiving nodes. With one set, lam_in is absent (V1 of the papers): W_ij = -lam_out_i phi_ij.
//
// Gradients from G = dL/dW (m x n), with D = 1 lam_in^T - lam_out 1^T:
//     dL/dphi = G o D,  dL/dlam_in = colsum(G o phi)^T,  dL/dlam_out = -rowsum(G o phi).
//
// Subclasses that derive phi from other parameters (QR, S-SVD) override composeEigenvectors()
// and distributeEigenvectorGradient(); this class then treats phi as a cache.
template <typename Scalar> class SpectralLayer : public Layer<Scalar> {
public:
    using typename Layer<Scalar>::MatrixType;

    // Default initialisation: one set as in Buffoni et al. (phi U(+-0.2), lam U(+-0.5));
    // two sets as in their CIFAR-10 runs (phi Glorot-uniform, lam_in and lam_out U(+-0.5)).
    // The other presets as Initialisation describes them.
    SpectralLayer(int inputs, int outputs, bool hasBias, bool twoSets);
    std::unique_ptr<Layer<Scalar>> clone() const override { return std::unique_ptr<Layer<Scalar>>(new SpectralLayer(*this)); }
    void assign(const Layer<Scalar>& other) override { *this = static_cast<const SpectralLayer&>(other); }
    LayerKind kind() const override { return m_twoSets ? LayerKind::Spectral2 : LayerKind::Spectral1; }
    std::vector<Parameter<Scalar>> parameters() override;

    bool hasTwoSets() const { return m_twoSets; }
    const MatrixType& eigenvectors() const { return m_phi; }     // phi, m x n
    const MatrixType& inputEigenvalues() const { return m_lamIn; }   // n x 1, empty for one set
    const MatrixType& outputEigenvalues() const { return m_lamOut; } // m x 1

protected:
    SpectralLayer(const SpectralLayer&) = default;

    void composeWeights(MatrixType& weights, const MatrixType& mask) override;
    void distributeWeightGradient(const MatrixType& weightGradient) override;
    bool hasRole(ParameterRole role) const override;
    void drawParameters(Random& random, Initialisation initialisation) override;

    void appendEigenvalues(std::vector<Parameter<Scalar>>& list);
    // phi and the eigenvalues as the column kernels take them.
    SpectralColumns<Scalar> columns() const;
    // lam_in ~ U(+-inputBound), lam_out ~ U(+-outputBound).
    void initialiseEigenvalues(Random& random, double inputBound, double outputBound);
    // The presets' eigenvalues, drawn or constant: Pre draws, PreSsvdFull and SpectralTools set
    // lam_in = 0, lam_out = 1, PreSparseQr lam_in = 1, lam_out = 0.
    void initialiseEigenvalues(Random& random, Initialisation initialisation);
    // Rebuild phi from the subclass's own parameters; plain spectral layers store phi directly.
    virtual void composeEigenvectors() {}
    // Where the gradient pass writes dL/dphi (m x n): phi's own gradient for plain spectral layers.
    virtual MatrixType& eigenvectorGradientBuffer() { return m_phiGradient; }
    // Map dL/dphi (left in eigenvectorGradientBuffer()) onto the subclass's eigenvector parameters.
    virtual void distributeEigenvectorGradient(const MatrixType&) {}

    MatrixType m_phi; // m x n (a cache in subclasses)

private:
    bool m_twoSets;
    MatrixType m_lamIn;          // n x 1, or empty
    MatrixType m_lamOut;         // m x 1
    MatrixType m_phiGradient;    // m x n
    MatrixType m_lamInGradient;  // n x 1, or empty
    MatrixType m_lamOutGradient; // m x 1
    std::vector<MatrixType> m_partialOutGradients; // per parallel part: partial -rowsum(G o phi), m x 1
};

} // namespace reciprocal
