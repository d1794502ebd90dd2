#include "core/training/DynamicSparsity.h"

#include "core/Error.h"
#include "core/Format.h"

#include <algorithm>
#include <cmath>

namespace reciprocal {

DynamicSparsity::DynamicSparsity(double fraction)
    : m_fraction(fraction)
{
    if (!(fraction >= 0.0 && fraction < 1.0))
        throw InputError("sparsity must be in [0, 1) (got " + formatNumber(fraction) + ")");
}

void DynamicSparsity::update(Network<float>& network, bool countChanges)
{
    const auto layers = static_cast<std::size_t>(network.layerCount());
    m_previousWeights.resize(layers);
    m_previousMasks.resize(layers);
    m_statistics.assign(layers, {});
    for (std::size_t k = 0; k < layers; ++k) {
        auto& layer = network.layer(static_cast<int>(k));
        layer.composeUnmaskedWeights(m_weights);
        auto& statistics = m_statistics[k];
        auto& previousWeights = m_previousWeights[k];
        auto& previousMask = m_previousMasks[k];
        if (countChanges && previousMask.size() == m_weights.size()) {
            const auto wasMasked = previousMask.array() == 0.0f;
            statistics.previouslyMasked = wasMasked.count();
            statistics.maskedChanged = (wasMasked && (m_weights.array() != previousWeights.array())).count();
        }
        // Nearest rank: c is the z-th smallest |W| with z = round(fraction * N), so |W| > c masks
        // exactly z weights (more only where |W| ties at c).
        const auto size = static_cast<std::size_t>(m_weights.size());
        const auto zeros = static_cast<std::size_t>(std::llround(m_fraction * static_cast<double>(size)));
        float threshold = -1.0f;
        if (zeros > 0) {
            m_sorted.assign(m_weights.data(), m_weights.data() + size);
            for (float& value : m_sorted)
                value = std::abs(value);
            const auto rank = m_sorted.begin() + static_cast<std::ptrdiff_t>(zeros - 1);
            std::nth_element(m_sorted.begin(), rank, m_sorted.end());
            threshold = *rank;
        }
        previousMask = (m_weights.array().abs() > threshold).cast<float>().matrix();
        previousWeights = m_weights;
        layer.setWeightMask(previousMask);
        statistics.zeroFraction = 1.0 - static_cast<double>(previousMask.sum()) / static_cast<double>(size);
    }
}

} // namespace reciprocal
