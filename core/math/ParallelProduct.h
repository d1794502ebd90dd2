#pragma once

#include "core/math/Interruption.h"

#include <Eigen/Core>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <cmath>

namespace reciprocal {

// dst = lhs * rhs, split over oneTBB tasks. Eigen 3.4 threads GEMM only with OpenMP, so each task
// runs single-threaded Eigen products on blocks of the output. The blocks are a fixed function of
// the shape and the thread count (static partitioner), so results are bit-reproducible for a given
// thread count. Products too small to amortise a task run inline.
//
// Interruptible work (Interruptible::run) can be called off between blocks: the product then
// throws Interrupted and dst holds nothing useful. Huge products are cut into blocks of at most
// maximumMultiplyAddsPerBlock so that this happens within milliseconds.
template <typename Dst, typename Lhs, typename Rhs>
void parallelProduct(Dst& dst, const Lhs& lhs, const Rhs& rhs)
{
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
    const bool splitColumns = cols >= rows;
    const Eigen::Index extent = splitColumns ? cols : rows;
    if (tasks <= 1 || extent < 2 * tasks) {
        dst.noalias() = lhs * rhs;
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
                    dst.middleCols(begin, length).noalias() = lhs * rhs.middleCols(begin, length);
                else
                    dst.middleRows(begin, length).noalias() = lhs.middleRows(begin, length) * rhs;
            }
        },
        oneapi::tbb::static_partitioner());
    throwIfInterrupted();
}

} // namespace reciprocal
