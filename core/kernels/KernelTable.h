#pragma once

#include "core/kernels/CpuLevel.h"
#include "core/network/Activation.h"
#include "core/training/OptimizerKind.h"

namespace reciprocal {

// The hot loops of training and evaluation, compiled once per CPU level (LevelKernels.cpp) and
// called through the table of the active level. The tables meet the rest of the program only
// through these plain structs of pointers and sizes: each level has its own copy of Eigen, whose
// alignment and packet sizes differ between levels, so no Eigen object crosses the boundary.
// Matrices are column-major with an outer stride (the distance between columns).

// One operand of a product: a stored matrix, or its transpose.
template <typename Scalar> struct ProductOperand {
    const Scalar* data = nullptr;
    long storedRows = 0;
    long storedCols = 0;
    long outerStride = 0;
    bool transposed = false;
};

// The column passes of a spectral layer over columns [begin, end) (SpectralLayer.h has the maths).
template <typename Scalar> struct SpectralColumns {
    long rows = 0;
    const Scalar* phi = nullptr;    // rows x n
    const Scalar* lamIn = nullptr;  // n, or null with one eigenvalue set
    const Scalar* lamOut = nullptr; // rows
};

// W_.j = phi_.j o (lam_in_j - lam_out) [o M_.j]   (one set: -phi_.j o lam_out)
template <typename Scalar> struct ComposeColumns {
    SpectralColumns<Scalar> layer;
    const Scalar* mask = nullptr; // rows x n, or null
    Scalar* weights = nullptr;    // rows x n
};

// dphi_.j = G_.j o (lam_in_j - lam_out);  dlam_in_j = <G_.j, phi_.j>;  partialOut -= G_.j o phi_.j
template <typename Scalar> struct DistributeColumns {
    SpectralColumns<Scalar> layer;
    const Scalar* weightGradient = nullptr; // G, rows x n
    Scalar* phiGradient = nullptr;          // rows x n, or null when phi does not train
    Scalar* lamInGradient = nullptr;        // n, or null (one set, or eigenvalues do not train)
    Scalar* partialOutGradient = nullptr;   // rows, or null when eigenvalues do not train
};

// One optimiser step over a contiguous run of one parameter group (Optimizer.h has the rules).
template <typename Scalar> struct OptimizerRun {
    OptimizerKind kind = OptimizerKind::Adam;
    Scalar rate = 0;     // the learning rate, bias-corrected for Adam and Adamax
    Scalar momentum = 0; // SGD
    Scalar beta1 = 0;
    Scalar beta2 = 0;
    Scalar epsilon = 0;
    Scalar* theta = nullptr;
    const Scalar* gradient = nullptr;
    Scalar* first = nullptr;
    Scalar* second = nullptr; // null for SGD
};

template <typename Scalar> struct KernelTable {
    // dst (rows x cols, column stride dstStride) = lhs * rhs, single-threaded: the callers split
    // the output into blocks over threads (ParallelProduct.h).
    void (*multiply)(Scalar* dst, long dstStride, const ProductOperand<Scalar>& lhs, const ProductOperand<Scalar>& rhs);
    void (*composeColumns)(const ComposeColumns<Scalar>& pass, long begin, long end);
    void (*distributeColumns)(const DistributeColumns<Scalar>& pass, long begin, long end);
    void (*optimizerStep)(const OptimizerRun<Scalar>& run, long offset, long length);
    // a = f(z) and g = g o f'(z), over count contiguous entries (Activation.h)
    void (*activate)(Activation activation, const Scalar* z, Scalar* a, long count);
    void (*multiplyByDerivative)(Activation activation, const Scalar* z, const Scalar* a, Scalar* g, long count);
};

// The table of the active level (activeCpuLevel()), or of a given one.
template <typename Scalar> const KernelTable<Scalar>& kernels();
template <typename Scalar> const KernelTable<Scalar>& kernels(CpuLevel level);

// Runs this level's widest fused multiply-add on independent chains for `repetitions` rounds on
// the calling thread and returns the floating-point operations done (a multiply-add counts 2):
// the arithmetic peak, without memory traffic. The baseline level has no FMA and counts a
// multiply and an add.
double runPeakArithmetic(CpuLevel level, long repetitions);

} // namespace reciprocal
