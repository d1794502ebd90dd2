#include "core/layers/Initialisation.h"

#include "core/Error.h"
#include "core/math/NameTable.h"

#include <algorithm>
#include <array>

namespace reciprocal {

namespace {

constexpr NameTable<Initialisation, 8> initialisations{{{
    {Initialisation::Default, "default"},
    {Initialisation::Glorot, "glorot"},
    {Initialisation::SciRepOneSet, "sci-rep-one-set"},
    {Initialisation::SciRepTwoSet, "sci-rep-two-set"},
    {Initialisation::Pre, "pre"},
    {Initialisation::PreSsvdFull, "pre-ssvd-full"},
    {Initialisation::PreSparseQr, "pre-sparse-qr"},
    {Initialisation::SpectralTools, "spectral-tools"},
}}};

// In the enum's order.
struct Preset {
    Initialisation initialisation;
    std::string_view summary;
    std::vector<LayerKind> kinds;
};

const std::array<Preset, 8>& presets()
{
    using enum LayerKind;
    static const std::array<Preset, 8> table{{
        {Initialisation::Default, "each layer kind's own preset (direct: glorot, spectral1: sci-rep-one-set, "
                                  "spectral2: sci-rep-two-set, qr, qr-triangular and ssvd: pre)",
         {Direct, Spectral1, Spectral2, Qr, QrTriangular, Ssvd}},
        {Initialisation::Glorot, "W ~ U(+-sqrt(6/(n+m)))", {Direct}},
        {Initialisation::SciRepOneSet, "phi ~ U(+-0.2), eigenvalues ~ U(+-0.5) (Buffoni et al. 2022, MNIST)",
         {Spectral1, Spectral2}},
        {Initialisation::SciRepTwoSet, "phi Glorot, eigenvalues ~ U(+-0.5) (Buffoni et al. 2022, CIFAR-10)",
         {Spectral1, Spectral2}},
        {Initialisation::Pre, "phi ~ N(0, 0.036^2), lam_in ~ U(+-0.97), lam_out ~ U(+-0.13) (Chicchi et al. 2021)",
         {Spectral2, Qr, QrTriangular, Ssvd}},
        {Initialisation::PreSsvdFull, "phi = U diag(s) V, U, V ~ N(0, 0.04^2), s ~ U(0, 3), lam_in = 0, lam_out = 1 "
                                      "(Chicchi et al. 2021, S-SVD_full)",
         {Spectral2, Qr, QrTriangular, Ssvd}},
        {Initialisation::PreSparseQr, "phi ~ N(0, 0.036^2), lam_in = 1, lam_out = 0, so W = phi "
                                      "(Chicchi et al. 2021, sparse networks)",
         {Spectral2, Qr, QrTriangular}},
        {Initialisation::SpectralTools, "phi Glorot, lam_in = 0 held against training, lam_out = 1 (SpectralTools 2023)",
         {Spectral2}},
    }};
    return table;
}

const Preset& preset(Initialisation initialisation) { return presets().at(static_cast<std::size_t>(initialisation)); }

} // namespace

std::string_view initialisationName(Initialisation initialisation) { return initialisations.name(initialisation); }
Initialisation parseInitialisation(std::string_view name) { return initialisations.parse(name, "initialisation"); }
std::vector<std::string> initialisationNames() { return initialisations.names(); }
std::string_view initialisationSummary(Initialisation initialisation) { return preset(initialisation).summary; }

bool initialisationFits(Initialisation initialisation, LayerKind kind)
{
    const std::vector<LayerKind>& kinds = preset(initialisation).kinds;
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

Initialisation resolvedInitialisation(Initialisation initialisation, LayerKind kind)
{
    if (initialisation != Initialisation::Default)
        return initialisation;
    switch (kind) {
    case LayerKind::Direct:
        return Initialisation::Glorot;
    case LayerKind::Spectral1:
        return Initialisation::SciRepOneSet;
    case LayerKind::Spectral2:
        return Initialisation::SciRepTwoSet;
    case LayerKind::Qr:
    case LayerKind::QrTriangular:
    case LayerKind::Ssvd:
        break;
    }
    return Initialisation::Pre;
}

void checkInitialisation(Initialisation initialisation, LayerKind kind)
{
    if (initialisationFits(initialisation, kind))
        return;
    std::string fits;
    for (LayerKind fitting : preset(initialisation).kinds)
        fits += (fits.empty() ? "" : ", ") + std::string(layerKindName(fitting));
    throw InputError("initialisation '" + std::string(initialisationName(initialisation)) + "' is defined for " +
                     fits + " layers, not " + std::string(layerKindName(kind)));
}

} // namespace reciprocal
