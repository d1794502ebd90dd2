#include "core/training/DynamicSparsity.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/math/NameTable.h"

#include <algorithm>
#include <cmath>

namespace reciprocal {

namespace {

constexpr NameTable<SparseMasks, 2> sparseMaskNames{{{
    {SparseMasks::Dynamic, "dynamic"},
    {SparseMasks::Static, "static"},
}}};

} // namespace

std::string_view sparseMasksName(SparseMasks masks) { return sparseMaskNames.name(masks); }
SparseMasks parseSparseMasks(std::string_view name) { return sparseMaskNames.parse(name, "sparse mask schedule"); }
std::vector<std::string> sparseMasksNames() { return sparseMaskNames.names(); }

DynamicSparsity::DynamicSparsity(double fraction, SparseMasks masks)
    : m_fraction(fraction)
    , m_masks(masks)
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
        const auto size = static_cast<std::size_t>(m_weights.size());
        previousWeights = m_weights;
        if (m_masks == SparseMasks::Static && previousMask.size() != m_weights.size() &&
            layer.weightMask().size() == m_weights.size())
            previousMask = layer.weightMask(); // a resumed model's: the topology it was trained with
        if (m_masks == SparseMasks::Dynamic || previousMask.size() != m_weights.size())
            writeMagnitudeMask(m_weights, previousMask);
        layer.setWeightMask(previousMask);
        statistics.zeroFraction = 1.0 - static_cast<double>(previousMask.sum()) / static_cast<double>(size);
    }
    if (m_epochMasks.empty())
        m_epochMasks = m_previousMasks;
}

void DynamicSparsity::writeMagnitudeMask(const Matrix<float>& weights, Matrix<float>& mask)
{
    // Nearest rank: c is the z-th smallest |W| with z = round(fraction * N), so |W| > c masks
    // exactly z weights (more only where |W| ties at c).
    const auto size = static_cast<std::size_t>(weights.size());
    const auto zeros = static_cast<std::size_t>(std::llround(m_fraction * static_cast<double>(size)));
    float threshold = -1.0f;
    if (zeros > 0) {
        m_sorted.assign(weights.data(), weights.data() + size);
        for (float& value : m_sorted)
            value = std::abs(value);
        const auto rank = m_sorted.begin() + static_cast<std::ptrdiff_t>(zeros - 1);
        std::nth_element(m_sorted.begin(), rank, m_sorted.end());
        threshold = *rank;
    }
    mask = (weights.array().abs() > threshold).cast<float>().matrix(); // in mask's storage, step after step
}

std::vector<double> DynamicSparsity::closeEpoch()
{
    std::vector<double> turnover;
    for (std::size_t k = 0; k < m_previousMasks.size() && k < m_epochMasks.size(); ++k) {
        const auto kept = m_epochMasks[k].array() != 0.0f;
        const auto keptCount = static_cast<double>(kept.count());
        const auto dropped = static_cast<double>((kept && m_previousMasks[k].array() == 0.0f).count());
        turnover.push_back(keptCount > 0 ? dropped / keptCount : 0.0);
    }
    m_epochMasks = m_previousMasks;
    return turnover;
}

} // namespace reciprocal
