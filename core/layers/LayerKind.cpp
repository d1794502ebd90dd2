#include "core/layers/LayerKind.h"

#include "core/Error.h"
#include "core/math/NameTable.h"

namespace reciprocal {

namespace {

constexpr NameTable<LayerKind, 6> layerKinds{{{
    {LayerKind::Direct, "direct"},
    {LayerKind::Spectral1, "spectral1"},
    {LayerKind::Spectral2, "spectral2"},
    {LayerKind::Qr, "qr"},
    {LayerKind::QrTriangular, "qr-triangular"},
    {LayerKind::Ssvd, "ssvd"},
}}};

constexpr NameTable<TrainMode, 3> trainModes{{{
    {TrainMode::Full, "full"},
    {TrainMode::Eigenvalues, "eigenvalues"},
    {TrainMode::Eigenvectors, "eigenvectors"},
}}};

} // namespace

std::string_view layerKindName(LayerKind kind) { return layerKinds.name(kind); }
std::string_view trainModeName(TrainMode mode) { return trainModes.name(mode); }
LayerKind parseLayerKind(std::string_view name) { return layerKinds.parse(name, "layer kind"); }
TrainMode parseTrainMode(std::string_view name) { return trainModes.parse(name, "training mode"); }
std::vector<std::string> layerKindNames() { return layerKinds.names(); }
bool hasFactorisedEigenvectors(LayerKind kind)
{
    return kind == LayerKind::Qr || kind == LayerKind::QrTriangular || kind == LayerKind::Ssvd;
}
std::vector<std::string> trainModeNames() { return trainModes.names(); }

} // namespace reciprocal
