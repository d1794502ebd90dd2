#include "widgets/views/LayerSpectrum.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reciprocal::widgets {

LayerSpectrum layerSpectrum(const TrainingSnapshot& snapshot, int layer, int frame)
{
    const TransferSnapshot& transfer = snapshot.transfers[static_cast<std::size_t>(layer - 1)];
    LayerSpectrum spectrum;
    spectrum.layer = layer;
    spectrum.spectral = transfer.spectral;
    const SpectrumFrame* replayed = frame >= 0 ? &snapshot.spectrumHistory[static_cast<std::size_t>(frame)] : nullptr;
    if (replayed && static_cast<int>(replayed->hidden.size()) >= layer) {
        spectrum.epoch = replayed->epoch;
        spectrum.values = replayed->hidden[static_cast<std::size_t>(layer - 1)];
    } else {
        spectrum.values = transfer.nodeValues();
    }
    // A frame from before nodes were removed outright has another width: nothing is known pruned.
    spectrum.mask = transfer.nodeMask.size() == spectrum.values.size()
                        ? transfer.nodeMask
                        : Eigen::VectorXf::Ones(spectrum.values.size());
    spectrum.order.resize(static_cast<std::size_t>(spectrum.size()));
    std::iota(spectrum.order.begin(), spectrum.order.end(), 0);
    // A diverged run's NaN ranks last rather than breaking the sort's ordering.
    const Eigen::VectorXf magnitude = spectrum.values.cwiseAbs().unaryExpr(
        [](float m) { return std::isfinite(m) ? m : -1.0f; });
    std::stable_sort(spectrum.order.begin(), spectrum.order.end(),
                     [&](int a, int b) { return magnitude(a) > magnitude(b); });
    spectrum.maxMagnitude = spectrum.size() ? std::max(magnitude.maxCoeff(), 0.0f) : 0.0f;
    return spectrum;
}

} // namespace reciprocal::widgets
