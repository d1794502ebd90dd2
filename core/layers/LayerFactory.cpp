#include "core/layers/LayerFactory.h"

#include "core/layers/DirectLayer.h"
#include "core/layers/QrSpectralLayer.h"
#include "core/layers/SvdSpectralLayer.h"

namespace reciprocal {

template <typename Scalar>
std::unique_ptr<Layer<Scalar>> makeLayer(LayerKind kind, int inputs, int outputs, bool hasBias)
{
    switch (kind) {
    case LayerKind::Direct:
        return std::make_unique<DirectLayer<Scalar>>(inputs, outputs, hasBias);
    case LayerKind::Spectral1:
        return std::make_unique<SpectralLayer<Scalar>>(inputs, outputs, hasBias, false);
    case LayerKind::Spectral2:
        return std::make_unique<SpectralLayer<Scalar>>(inputs, outputs, hasBias, true);
    case LayerKind::Qr:
        return std::make_unique<QrSpectralLayer<Scalar>>(inputs, outputs, hasBias, false);
    case LayerKind::QrTriangular:
        return std::make_unique<QrSpectralLayer<Scalar>>(inputs, outputs, hasBias, true);
    case LayerKind::Ssvd:
        return std::make_unique<SvdSpectralLayer<Scalar>>(inputs, outputs, hasBias);
    }
    return nullptr;
}

template std::unique_ptr<Layer<float>> makeLayer<float>(LayerKind, int, int, bool);
template std::unique_ptr<Layer<double>> makeLayer<double>(LayerKind, int, int, bool);

} // namespace reciprocal
