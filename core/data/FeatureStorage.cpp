#include "core/data/FeatureStorage.h"

#include <cstdint>

#include <sys/mman.h>

namespace reciprocal {

void allocateFeatures(Dataset& data, Eigen::Index featureCount, Eigen::Index sampleCount)
{
    data.features.resize(featureCount, sampleCount);
#ifdef MADV_HUGEPAGE
    // Only whole huge pages inside the allocation: small sets have none and stay as they are.
    constexpr std::uintptr_t hugePage = std::uintptr_t(2) << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(data.features.data());
    const std::uintptr_t end = begin + static_cast<std::uintptr_t>(data.features.size()) * sizeof(float);
    const std::uintptr_t first = (begin + hugePage - 1) & ~(hugePage - 1);
    const std::uintptr_t last = end & ~(hugePage - 1);
    if (last > first)
        madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE); // a refusal costs nothing
#endif
}

} // namespace reciprocal
