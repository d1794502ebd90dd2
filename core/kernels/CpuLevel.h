#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// The instruction-set levels the hot kernels (core/kernels/LevelKernels.cpp) are compiled for, in
// increasing order: x86-64 (SSE2, every x86-64 CPU), x86-64-v3 (AVX2 and FMA) and x86-64-v4
// (AVX-512). One binary carries all three; the best level the CPU has runs, unless the
// environment variable RECIPROCAL_CPU_LEVEL names a lower one (to compare levels, or to test them).
enum class CpuLevel { Baseline, Avx2, Avx512 };

inline constexpr const char* cpuLevelVariable = "RECIPROCAL_CPU_LEVEL";

std::string_view cpuLevelName(CpuLevel level); // "x86-64", "avx2", "avx512"
CpuLevel parseCpuLevel(std::string_view name); // throws InputError
std::vector<std::string> cpuLevelNames();

// The best level this CPU and its operating system support (cpuid and xgetbv).
CpuLevel bestCpuLevel();
// Every level up to the best, in increasing order.
std::vector<CpuLevel> supportedCpuLevels();

// The level RECIPROCAL_CPU_LEVEL asks for, or the best one when it is unset or empty. Throws
// InputError for an unknown name or a level this CPU does not have.
CpuLevel requestedCpuLevel();

// The level a process starts at: the requested level, or the best one if the request is not
// valid (the command line reports that as an error first).
CpuLevel startingCpuLevel();
// The level the kernels run at: the starting level until selectCpuLevel() is called.
CpuLevel activeCpuLevel();
// Throws InputError for a level this CPU does not have. Not meant to be called while other
// threads run kernels: a product would mix two levels' roundings.
void selectCpuLevel(CpuLevel level);

} // namespace reciprocal
