#pragma once

#include "core/kernels/KernelTable.h"

// The entry points of the three copies of LevelKernels.cpp, one namespace per CPU level.
#define RECIPROCAL_DECLARE_LEVEL_ENTRY(level)                                                      \
    namespace reciprocal::level {                                                                  \
    const KernelTable<float>& floatKernels();                                                      \
    const KernelTable<double>& doubleKernels();                                                    \
    double peakArithmetic(long repetitions);                                                       \
    }

RECIPROCAL_DECLARE_LEVEL_ENTRY(baseline)
RECIPROCAL_DECLARE_LEVEL_ENTRY(avx2)
RECIPROCAL_DECLARE_LEVEL_ENTRY(avx512)

#undef RECIPROCAL_DECLARE_LEVEL_ENTRY
