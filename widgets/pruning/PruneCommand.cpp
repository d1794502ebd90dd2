#include "widgets/pruning/PruneCommand.h"

namespace reciprocal::widgets {

PruneCommand::PruneCommand(TrainingController& controller, SessionLog& log, ModelPtr before, ModelPtr after,
                           const PruningRequest& request, const QString& text)
    : QUndoCommand(text)
    , m_controller(controller)
    , m_log(log)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_request(request)
{
}

void PruneCommand::undo()
{
    m_controller.restoreModel(m_before);
    m_log.truncate(m_logSize);
    m_applied = false;
}

void PruneCommand::redo()
{
    if (!m_applied)
        m_controller.restoreModel(m_after);
    m_applied = true;
    m_logSize = m_log.size();
    m_log.recordPruning(m_request);
}

} // namespace reciprocal::widgets
