#pragma once

#include "core/kernels/KernelTable.h"
#include "core/math/Interruption.h"

#include <Eigen/Core>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace reciprocal {

namespace detail {

template <typename T> struct IsTranspose : std::false_type {};
template <typename Nested> struct IsTranspose<Eigen::Transpose<Nested>> : std::true_type {};

// A matrix with direct access (a Matrix, Map, Ref or block of one), or the transpose of one, as
// the kernels take it.
template <typename Expression> auto productOperand(const Expression& expression)
{
    if constexpr (IsTranspose<Expression>::value) {
        auto operand = productOperand(expression.nestedExpression());
        operand.transposed = !operand.transposed;
        return operand;
    } else {
        using Scalar = typename Expression::Scalar;
        static_assert(!Expression::IsRowMajor, "the kernels take column-major matrices");
        return ProductOperand<Scalar>{expression.data(), expression.rows(), expression.cols(),
                                      expression.outerStride(), false};
    }
}

// The operand's logical rows (alongColumns false) or columns [begin, begin + length).
template <typename Scalar>
ProductOperand<Scalar> slice(ProductOperand<Scalar> operand, bool alongColumns, Eigen::Index begin, Eigen::Index length)
{
    // A logical column of a stored matrix is a stored column; of a transpose, a stored row.
    if (alongColumns != operand.transposed) {
        operand.data += begin * operand.outerStride;
        operand.storedCols = length;
    } else {
        operand.data += begin;
        operand.storedRows = length;
    }
    return operand;
}

} // namespace detail

// dst = lhs * rhs with the active CPU level's kernel (core/kernels), split over oneTBB tasks.
// Eigen 3.4 threads GEMM only with OpenMP, so each task runs a single-threaded product on a block
// of the output. The blocks are a fixed function of the shape and the thread count (static
// partitioner), so results are bit-reproducible for a given thread count and CPU level. Products
// too small to amortise a task run inline. dst must not overlap lhs or rhs.
//
// Interruptible work (Interruptible::run) can be called off between blocks: the product then
// throws Interrupted and dst holds nothing useful. Huge products are cut into blocks of at most
// maximumMultiplyAddsPerBlock so that this happens within milliseconds.
template <typename Dst, typename Lhs, typename Rhs>
void parallelProduct(Dst& dst, const Lhs& lhs, const Rhs& rhs)
{
    using Scalar = typename Dst::Scalar;
    constexpr double minimumMultiplyAddsPerTask = 1.0e6;
    constexpr double maximumMultiplyAddsPerBlock = 2.0e8;
    throwIfInterrupted();
    const Eigen::Index rows = lhs.rows();
    const Eigen::Index cols = rhs.cols();
    const double work = static_cast<double>(rows) * static_cast<double>(cols) * static_cast<double>(lhs.cols());
    const int threads = oneapi::tbb::this_task_arena::max_concurrency();
    const auto tasks = static_cast<Eigen::Index>(
        std::min<double>(threads, std::max(1.0, work / minimumMultiplyAddsPerTask)));
    dst.resize(rows, cols);
    const ProductOperand<Scalar> left = detail::productOperand(lhs);
    const ProductOperand<Scalar> right = detail::productOperand(rhs);
    const KernelTable<Scalar>& kernel = kernels<Scalar>();
    const bool splitColumns = cols >= rows;
    const Eigen::Index extent = splitColumns ? cols : rows;
    if (tasks <= 1 || extent < 2 * tasks) {
        kernel.multiply(dst.data(), rows, left, right);
        return;
    }
    const auto blocksPerTask = static_cast<Eigen::Index>(
        std::clamp(std::ceil(work / (static_cast<double>(tasks) * maximumMultiplyAddsPerBlock)), 1.0,
                   static_cast<double>(extent / (2 * tasks))));
    const Eigen::Index parts = tasks * blocksPerTask;
    oneapi::tbb::parallel_for(
        oneapi::tbb::blocked_range<Eigen::Index>(0, parts, blocksPerTask),
        [&](const oneapi::tbb::blocked_range<Eigen::Index>& range) {
            for (Eigen::Index part = range.begin(); part != range.end() && !interruptionRequested(); ++part) {
                const Eigen::Index begin = extent * part / parts;
                const Eigen::Index length = extent * (part + 1) / parts - begin;
                if (splitColumns)
                    kernel.multiply(dst.data() + begin * rows, rows, left, detail::slice(right, true, begin, length));
                else
                    kernel.multiply(dst.data() + begin, rows, detail::slice(left, false, begin, length), right);
            }
        },
        oneapi::tbb::static_partitioner());
    throwIfInterrupted();
}

} // namespace reciprocal
