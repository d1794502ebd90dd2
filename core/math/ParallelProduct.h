#pragma once

#include <Eigen/Core>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>

namespace reciprocal {

// dst = lhs * rhs, split over oneTBB tasks. Eigen 3.4 threads GEMM only with OpenMP, so each task
// runs one single-threaded Eigen product on a block of the output. The blocks are a fixed function
// of the shape and the thread count (static partitioner), so results are bit-reproducible for a
// given thread count. Products too small to amortise a task run inline.
template <typename Dst, typename Lhs, typename Rhs>
void parallelProduct(Dst& dst, const Lhs& lhs, const Rhs& rhs)
{
    constexpr double minimumMultiplyAddsPerTask = 1.0e6;
    const Eigen::Index rows = lhs.rows();
    const Eigen::Index cols = rhs.cols();
    const double work = static_cast<double>(rows) * static_cast<double>(cols) * static_cast<double>(lhs.cols());
    const int threads = oneapi::tbb::this_task_arena::max_concurrency();
    const auto parts = static_cast<Eigen::Index>(
        std::min<double>(threads, std::max(1.0, work / minimumMultiplyAddsPerTask)));
    dst.resize(rows, cols);
    const bool splitColumns = cols >= rows;
    const Eigen::Index extent = splitColumns ? cols : rows;
    if (parts <= 1 || extent < 2 * parts) {
        dst.noalias() = lhs * rhs;
        return;
    }
    oneapi::tbb::parallel_for(
        oneapi::tbb::blocked_range<Eigen::Index>(0, parts, 1),
        [&](const oneapi::tbb::blocked_range<Eigen::Index>& range) {
            for (Eigen::Index part = range.begin(); part != range.end(); ++part) {
                const Eigen::Index begin = extent * part / parts;
                const Eigen::Index length = extent * (part + 1) / parts - begin;
                if (splitColumns)
                    dst.middleCols(begin, length).noalias() = lhs * rhs.middleCols(begin, length);
                else
                    dst.middleRows(begin, length).noalias() = lhs.middleRows(begin, length) * rhs;
            }
        },
        oneapi::tbb::static_partitioner());
}

} // namespace reciprocal
