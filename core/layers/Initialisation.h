#pragma once

#include "core/layers/LayerKind.h"

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// How a network's parameters are first drawn: the papers' own initialisations as named presets
// (docs/theory.md, "Initialisations"). U(+-a) is uniform on [-a, a]; biases always start at 0.
enum class Initialisation {
    Default,       // each layer kind's own: direct Glorot, spectral1 sci-rep-one-set,
                   // spectral2 sci-rep-two-set, qr, qr-triangular and ssvd pre
    Glorot,        // direct: W ~ U(+-sqrt(6/(n+m)))
    SciRepOneSet,  // Buffoni et al. 2022, MNIST: phi ~ U(+-0.2), lam ~ U(+-0.5)
    SciRepTwoSet,  // Buffoni et al. 2022, CIFAR-10: phi Glorot, lam_in, lam_out ~ U(+-0.5)
    Pre,           // Chicchi et al. 2021: phi0 ~ N(0, 0.036^2) (S-SVD: U, V ~ N(0, 0.04^2),
                   // s ~ U(0, 3)), lam_in ~ U(+-0.97), lam_out ~ U(+-0.13)
    PreSsvdFull,   // their "S-SVD_full": phi = U diag(s) V drawn as above, lam_in = 0, lam_out = 1
    PreSparseQr,   // their sparse runs: phi0 ~ N(0, 0.036^2), lam_in = 1, lam_out = 0 (W = phi)
    SpectralTools, // SpectralTools 2023: phi Glorot, lam_in = 0 and held there, lam_out = 1
};

std::string_view initialisationName(Initialisation initialisation);
// Throws InputError listing the names otherwise.
Initialisation parseInitialisation(std::string_view name);
std::vector<std::string> initialisationNames();
// One line for --help and the GUI's tool tip.
std::string_view initialisationSummary(Initialisation initialisation);

// The layer kinds a preset is defined for (Default: all of them).
bool initialisationFits(Initialisation initialisation, LayerKind kind);
// Throws InputError naming the preset and the kinds it fits unless it fits `kind`.
void checkInitialisation(Initialisation initialisation, LayerKind kind);
// The preset a kind draws: Default becomes the kind's own, any other stays.
Initialisation resolvedInitialisation(Initialisation initialisation, LayerKind kind);

} // namespace reciprocal
