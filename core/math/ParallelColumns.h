#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_group.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>

namespace reciprocal {

// Run body(part, begin, end) over [0, count) cut into at most one part per thread, each at least
// minimumPerPart long. The cut depends only on count and the thread count, so a body that writes
// per-part partial results (reduced afterwards in part order) gives bit-reproducible sums.
// Returns the number of parts used.
//
// The parts always all run, also in work that is being interrupted (core/math/Interruption.h): they
// write partial results and update parameters, and half of an update would be garbage.
template <typename Body> int forEachPart(long count, long minimumPerPart, Body body)
{
    const int threads = oneapi::tbb::this_task_arena::max_concurrency();
    const int parts = static_cast<int>(std::clamp<long>(count / std::max(1L, minimumPerPart), 1L, threads));
    if (parts == 1) {
        body(0, 0L, count);
        return 1;
    }
    oneapi::tbb::task_group_context uninterruptible(oneapi::tbb::task_group_context::isolated);
    oneapi::tbb::parallel_for(
        oneapi::tbb::blocked_range<int>(0, parts, 1),
        [&](const oneapi::tbb::blocked_range<int>& range) {
            for (int part = range.begin(); part != range.end(); ++part)
                body(part, count * part / parts, count * (part + 1) / parts);
        },
        oneapi::tbb::static_partitioner(), uninterruptible);
    return parts;
}

// The largest number of parts forEachPart can use, for sizing per-part buffers.
inline int maximumParts() { return oneapi::tbb::this_task_arena::max_concurrency(); }

} // namespace reciprocal
