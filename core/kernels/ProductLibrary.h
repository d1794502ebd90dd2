#pragma once

#include "core/kernels/CpuLevel.h"
#include "core/kernels/KernelTable.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// Which library multiplies float matrices. oneDNN's sgemm was the fastest of the candidates
// measured for the products of a training step (docs/data/gemm-candidates.md): 1.2-1.3x each
// level's Eigen on one thread. Eigen stays for double, for the baseline level (oneDNN's JIT needs
// SSE4.1) and when the environment variable RECIPROCAL_GEMM=eigen asks for it (to compare).
enum class ProductLibrary { OneDnn, Eigen };

inline constexpr const char* productLibraryVariable = "RECIPROCAL_GEMM";

std::string_view productLibraryName(ProductLibrary library); // "onednn", "eigen"
std::vector<std::string> productLibraryNames();
// The library RECIPROCAL_GEMM asks for, oneDNN when it is unset or empty; InputError otherwise.
ProductLibrary requestedProductLibrary();

// The level whose float products oneDNN runs in this process, if any. oneDNN fixes its instruction
// set at its first use, so this is settled once, from the level the process starts at
// (startingCpuLevel()); a level selected later in the same process multiplies with its Eigen.
std::optional<CpuLevel> oneDnnLevel();

// The library that multiplies floats at a level in this process.
ProductLibrary productLibraryAt(CpuLevel level);
// "oneDNN 2.6.3 (avx512_core)" or "Eigen 3.4.0": what runs the float products at a level.
std::string productLibraryDescription(CpuLevel level);

// Whether oneDNN is worth calling for a product: below about 64^3 multiply-adds its call costs
// more than it saves (a 32x20x32 product took 0.63 us against Eigen's 0.34; at 64^3 they tie,
// and the products of a 784-500-10 step run 1.1-2x faster).
bool oneDnnPays(const ProductOperand<float>& lhs, const ProductOperand<float>& rhs);

// KernelTable<float>::multiply through oneDNN (single-threaded on the calling thread).
void oneDnnMultiply(float* dst, long dstStride, const ProductOperand<float>& lhs, const ProductOperand<float>& rhs);

} // namespace reciprocal
