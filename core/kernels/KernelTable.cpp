#include "core/kernels/KernelTable.h"

#include "core/kernels/LevelEntry.h"

namespace reciprocal {

template <> const KernelTable<float>& kernels<float>(CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512:
        return avx512::floatKernels();
    case CpuLevel::Avx2:
        return avx2::floatKernels();
    case CpuLevel::Baseline:
        break;
    }
    return baseline::floatKernels();
}

template <> const KernelTable<double>& kernels<double>(CpuLevel level)
{
    switch (level) {
    case CpuLevel::Avx512:
        return avx512::doubleKernels();
    case CpuLevel::Avx2:
        return avx2::doubleKernels();
    case CpuLevel::Baseline:
        break;
    }
    return baseline::doubleKernels();
}

template <typename Scalar> const KernelTable<Scalar>& kernels() { return kernels<Scalar>(activeCpuLevel()); }

template const KernelTable<float>& kernels<float>();
template const KernelTable<double>& kernels<double>();

double runPeakArithmetic(CpuLevel level, long repetitions)
{
    switch (level) {
    case CpuLevel::Avx512:
        return avx512::peakArithmetic(repetitions);
    case CpuLevel::Avx2:
        return avx2::peakArithmetic(repetitions);
    case CpuLevel::Baseline:
        break;
    }
    return baseline::peakArithmetic(repetitions);
}

} // namespace reciprocal
