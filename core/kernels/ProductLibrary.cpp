#include "core/kernels/ProductLibrary.h"

#include "core/Error.h"
#include "core/math/NameTable.h"

#include <Eigen/Core>
#include <oneapi/dnnl/dnnl.h>
#include <omp.h>

#include <cstdlib>

namespace reciprocal {

namespace {

constexpr NameTable<ProductLibrary, 2> libraries{{{
    {ProductLibrary::OneDnn, "onednn"},
    {ProductLibrary::Eigen, "eigen"},
}}};

// oneDNN's instruction set for a level's products; the baseline level has none.
std::optional<dnnl_cpu_isa_t> oneDnnInstructionSet(CpuLevel level)
{
    switch (level) {
    case CpuLevel::Baseline:
        return std::nullopt;
    case CpuLevel::Avx2:
        return dnnl_cpu_isa_avx2;
    case CpuLevel::Avx512:
        return dnnl_cpu_isa_avx512_core;
    }
    return std::nullopt;
}

std::optional<CpuLevel> configureOneDnn()
{
    ProductLibrary library = ProductLibrary::OneDnn;
    try {
        library = requestedProductLibrary();
    } catch (const InputError&) {
        // The command line reports a bad request first; elsewhere the default stands.
    }
    const CpuLevel level = startingCpuLevel();
    const std::optional<dnnl_cpu_isa_t> isa = oneDnnInstructionSet(level);
    if (library != ProductLibrary::OneDnn || !isa)
        return std::nullopt;
    // Fails once oneDNN has run (nothing else in the program calls it); the check below then tells.
    dnnl_set_max_cpu_isa(*isa);
    if (dnnl_get_effective_cpu_isa() != *isa)
        return std::nullopt;
    return level;
}

// rows x inner times inner x cols, as the operands' transposition flags make them.
struct ProductShape {
    long rows;
    long inner;
    long cols;
};

ProductShape shapeOf(const ProductOperand<float>& lhs, const ProductOperand<float>& rhs)
{
    return {lhs.transposed ? lhs.storedCols : lhs.storedRows, lhs.transposed ? lhs.storedRows : lhs.storedCols,
            rhs.transposed ? rhs.storedRows : rhs.storedCols};
}

std::string_view oneDnnInstructionSetName(CpuLevel level)
{
    return level == CpuLevel::Avx512 ? "avx512_core" : "avx2";
}

} // namespace

std::string_view productLibraryName(ProductLibrary library) { return libraries.name(library); }
std::vector<std::string> productLibraryNames() { return libraries.names(); }

ProductLibrary requestedProductLibrary()
{
    const char* value = std::getenv(productLibraryVariable);
    if (value == nullptr || *value == '\0')
        return ProductLibrary::OneDnn;
    try {
        return libraries.parse(value, "product library");
    } catch (const InputError& error) {
        throw InputError(std::string(productLibraryVariable) + ": " + error.what());
    }
}

std::optional<CpuLevel> oneDnnLevel()
{
    static const std::optional<CpuLevel> level = configureOneDnn();
    return level;
}

ProductLibrary productLibraryAt(CpuLevel level)
{
    return oneDnnLevel() == level ? ProductLibrary::OneDnn : ProductLibrary::Eigen;
}

std::string productLibraryDescription(CpuLevel level)
{
    if (productLibraryAt(level) == ProductLibrary::Eigen)
        return "Eigen " + std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
               std::to_string(EIGEN_MINOR_VERSION);
    const dnnl_version_t* version = dnnl_version();
    return "oneDNN " + std::to_string(version->major) + "." + std::to_string(version->minor) + "." +
           std::to_string(version->patch) + " (" + std::string(oneDnnInstructionSetName(level)) + ")";
}

bool oneDnnPays(const ProductOperand<float>& lhs, const ProductOperand<float>& rhs)
{
    constexpr double minimumMultiplyAdds = 64.0 * 64.0 * 64.0;
    const ProductShape shape = shapeOf(lhs, rhs);
    return static_cast<double>(shape.rows) * static_cast<double>(shape.inner) * static_cast<double>(shape.cols) >=
           minimumMultiplyAdds;
}

void oneDnnMultiply(float* dst, long dstStride, const ProductOperand<float>& lhs, const ProductOperand<float>& rhs)
{
    // Debian's oneDNN threads with OpenMP; our callers already split the work over oneTBB
    // (ParallelProduct.h), so each calling thread asks for a team of one, once.
    thread_local const bool singleThreaded = [] {
        omp_set_num_threads(1);
        return true;
    }();
    (void)singleThreaded;
    const ProductShape shape = shapeOf(lhs, rhs);
    // dnnl_sgemm is row-major: the column-major dst = op(lhs) op(rhs) is the row-major
    // dst^T = op(rhs)^T op(lhs)^T, with the same transposition flags.
    const dnnl_status_t status =
        dnnl_sgemm(rhs.transposed ? 'T' : 'N', lhs.transposed ? 'T' : 'N', shape.cols, shape.rows, shape.inner, 1.0f,
                   rhs.data, rhs.outerStride, lhs.data, lhs.outerStride, 0.0f, dst, dstStride);
    if (status != dnnl_success)
        throw Error("oneDNN's sgemm failed (status " + std::to_string(static_cast<int>(status)) + ")");
}

} // namespace reciprocal
