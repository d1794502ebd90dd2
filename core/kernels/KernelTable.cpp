#include "core/kernels/KernelTable.h"

#include "core/kernels/LevelEntry.h"
#include "core/kernels/ProductLibrary.h"

#include <array>
#include <utility>

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

// A level's float products: oneDNN's where it pays, the level's Eigen for small ones.
template <std::size_t index>
void oneDnnWherePays(float* dst, long dstStride, const ProductOperand<float>& lhs, const ProductOperand<float>& rhs)
{
    if (oneDnnPays(lhs, rhs))
        oneDnnMultiply(dst, dstStride, lhs, rhs);
    else
        levels[index].floatKernels().multiply(dst, dstStride, lhs, rhs);
}

template <std::size_t... index> constexpr auto oneDnnProducts(std::index_sequence<index...>)
{
    return std::array{oneDnnWherePays<index>...};
}

} // namespace

template <> const KernelTable<float>& kernels<float>(CpuLevel level)
{
    // Each level's own table, with oneDNN's products at the level it runs at (ProductLibrary.h).
    static const std::array<KernelTable<float>, levels.size()> tables = [] {
        std::array<KernelTable<float>, levels.size()> result{};
        for (std::size_t index = 0; index < levels.size(); ++index) {
            result[index] = levels[index].floatKernels();
            if (productLibraryAt(static_cast<CpuLevel>(index)) == ProductLibrary::OneDnn)
                result[index].multiply = oneDnnProducts(std::make_index_sequence<levels.size()>())[index];
        }
        return result;
    }();
    return tables[static_cast<std::size_t>(level)];
}
template <> const KernelTable<double>& kernels<double>(CpuLevel level) { return entries(level).doubleKernels(); }

template <typename Scalar> const KernelTable<Scalar>& kernels() { return kernels<Scalar>(activeCpuLevel()); }

template const KernelTable<float>& kernels<float>();
template const KernelTable<double>& kernels<double>();

double runPeakArithmetic(CpuLevel level, long repetitions) { return entries(level).peakArithmetic(repetitions); }

} // namespace reciprocal
