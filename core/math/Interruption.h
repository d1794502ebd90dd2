#pragma once

#include <oneapi/tbb/task_group.h>

#include <mutex>
#include <stdexcept>

namespace reciprocal {

// Thrown out of work that was called off (Interruptible::interrupt); the work left no half-made
// change behind: a training step stops before the optimiser updates, an evaluation before it
// reports.
class Interrupted : public std::runtime_error {
public:
    Interrupted()
        : std::runtime_error("interrupted")
    {
    }
};

// True inside work whose task group was called off. Cheap enough to ask between blocks of work.
inline bool interruptionRequested() { return oneapi::tbb::is_current_task_group_canceling(); }
inline void throwIfInterrupted()
{
    if (interruptionRequested())
        throw Interrupted();
}

// Long work that another thread can call off: a training step of a very wide network or its
// evaluation takes seconds, and the GUI's Stop must answer at once. run() executes the work on the
// calling thread inside a oneTBB task group; interrupt() cancels that group, so the parallel
// products in it stop between their blocks (parallelProduct) and throw Interrupted.
//
// Work that starts after interrupt() is called off as well, until resume(): the command that
// interrupted is queued behind work that has not started yet, and that work is stale too.
class Interruptible {
public:
    // Runs work() here and rethrows what it throws: Interrupted when it was called off. Work that
    // ends although it was called off has done what it did.
    template <typename Work> void run(const Work& work)
    {
        oneapi::tbb::task_group_context context;
        oneapi::tbb::task_group group(context);
        {
            const std::lock_guard lock(m_mutex);
            if (m_pendingInterruptions > 0)
                throw Interrupted();
            m_running = &context;
        }
        const auto finished = [this] {
            const std::lock_guard lock(m_mutex);
            m_running = nullptr;
        };
        bool completed = false;
        try {
            group.run_and_wait([&] {
                work();
                completed = true;
            });
            finished();
        } catch (...) {
            finished();
            throw;
        }
        // oneTBB drops an exception thrown in a group that was cancelled already, Interrupted too.
        if (!completed)
            throw Interrupted();
    }

    // From any thread: call off the work running now and any that starts before resume().
    void interrupt();
    // The interrupting command has its turn: work runs again.
    void resume();

private:
    std::mutex m_mutex;
    oneapi::tbb::task_group_context* m_running = nullptr;
    int m_pendingInterruptions = 0;
};

} // namespace reciprocal
