#include "widgets/pruning/PruneCommand.h"

namespace reciprocal::widgets {

PruneCommand::PruneCommand(TrainingController& controller, ModelPtr before, ModelPtr after, const QString& text)
    : QUndoCommand(text)
    , m_controller(controller)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void PruneCommand::undo()
{
    m_controller.restoreModel(m_before);
    m_applied = false;
}

void PruneCommand::redo()
{
    if (!m_applied)
        m_controller.restoreModel(m_after);
    m_applied = true;
}

} // namespace reciprocal::widgets
