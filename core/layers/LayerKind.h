#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// How a layer parametrises its weight matrix W (m receiving x n emitting nodes).
enum class LayerKind {
    Direct,    // W trained directly
    Spectral1, // W_ij = -lam_out_i phi_ij           (one eigenvalue set, receiving nodes)
    Spectral2, // W_ij = phi_ij (lam_in_j - lam_out_i) (two sets)
    Qr,        // two sets, phi = R Q with Q frozen, R trained in full (the authors' code)
    QrTriangular, // the same with R lower-trapezoidal: its entries above the diagonal stay 0 (the papers' count)
    Ssvd,      // two sets, phi = U diag(s) V with U, V frozen
};

// What a training step updates. Biases, where present, are trained in every mode.
enum class TrainMode {
    Full,         // eigenvectors and eigenvalues (W for direct layers)
    Eigenvalues,  // lam_in, lam_out only
    Eigenvectors, // phi (or R, or s) only
};

std::string_view layerKindName(LayerKind kind);
std::string_view trainModeName(TrainMode mode);
// Parse the command-line names ("spectral2", "eigenvalues", ...); throw InputError listing the
// accepted names otherwise.
LayerKind parseLayerKind(std::string_view name);
TrainMode parseTrainMode(std::string_view name);
std::vector<std::string> layerKindNames();
// QR and S-SVD: phi is a product with frozen factors, so their nodes can be masked, not removed.
bool hasFactorisedEigenvectors(LayerKind kind);
std::vector<std::string> trainModeNames();

} // namespace reciprocal
