#include "core/kernels/KernelTable.h"

#include "core/kernels/LevelEntry.h"

#include <array>

namespace reciprocal {

namespace {

struct LevelEntries {
    const KernelTable<float>& (*floatKernels)();
    const KernelTable<double>& (*doubleKernels)();
    double (*peakArithmetic)(long repetitions);
};

// In CpuLevel's order.
constexpr std::array<LevelEntries, 3> levels{{
    {baseline::floatKernels, baseline::doubleKernels, baseline::peakArithmetic},
    {avx2::floatKernels, avx2::doubleKernels, avx2::peakArithmetic},
    {avx512::floatKernels, avx512::doubleKernels, avx512::peakArithmetic},
}};

const LevelEntries& entries(CpuLevel level) { return levels[static_cast<std::size_t>(level)]; }

} // namespace

template <> const KernelTable<float>& kernels<float>(CpuLevel level) { return entries(level).floatKernels(); }
template <> const KernelTable<double>& kernels<double>(CpuLevel level) { return entries(level).doubleKernels(); }

template <typename Scalar> const KernelTable<Scalar>& kernels() { return kernels<Scalar>(activeCpuLevel()); }

template const KernelTable<float>& kernels<float>();
template const KernelTable<double>& kernels<double>();

double runPeakArithmetic(CpuLevel level, long repetitions) { return entries(level).peakArithmetic(repetitions); }

} // namespace reciprocal
