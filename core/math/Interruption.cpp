#include "core/math/Interruption.h"

namespace reciprocal {

void Interruptible::interrupt()
{
    const std::lock_guard lock(m_mutex);
    ++m_pendingInterruptions;
    if (m_running)
        m_running->cancel_group_execution();
}

void Interruptible::resume()
{
    const std::lock_guard lock(m_mutex);
    if (m_pendingInterruptions > 0)
        --m_pendingInterruptions;
}

} // namespace reciprocal
