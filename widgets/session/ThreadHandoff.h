#pragma once

// Calls handed from one thread to another through Qt's event queue, marked for ThreadSanitizer.
//
// Qt orders queued events with its own futex-based mutex, which ThreadSanitizer cannot see unless
// Qt itself was built with it (Debian's is not), so every queued call would be reported as a race
// between the thread that wrote the call's captured data and the thread that runs it. A call
// wrapped in HandedOver carries a mark that models that mutex: it releases after the call's data
// has been written (its last member is constructed last), acquires before the call runs or is
// destroyed, and releases again after it ran. In every other build the marks compile to nothing.
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

#include <utility>

namespace reciprocal::widgets {

namespace detail {

inline char handoffClock; // the address the marks synchronise on

class HandoffMark {
public:
    HandoffMark() { release(); }
    HandoffMark(const HandoffMark&) { release(); }
    HandoffMark(HandoffMark&&) noexcept { release(); }
    HandoffMark& operator=(const HandoffMark&) = delete;
    HandoffMark& operator=(HandoffMark&&) = delete;
    ~HandoffMark() { acquire(); }

    static void acquire()
    {
#if defined(__SANITIZE_THREAD__)
        __tsan_acquire(&handoffClock);
#endif
    }
    static void release()
    {
#if defined(__SANITIZE_THREAD__)
        __tsan_release(&handoffClock);
#endif
    }
};

} // namespace detail

template <typename Call> class HandedOver {
public:
    explicit HandedOver(Call call)
        : m_call(std::move(call))
    {
    }

    // Qt may destroy the call on either thread, whichever drops the last reference to it, so the
    // receiving side releases again once it is done with it.
    void operator()()
    {
        detail::HandoffMark::acquire();
        m_call();
        detail::HandoffMark::release();
    }

private:
    Call m_call;
    detail::HandoffMark m_mark; // last: constructed after the call's data, destroyed before it
};

} // namespace reciprocal::widgets
