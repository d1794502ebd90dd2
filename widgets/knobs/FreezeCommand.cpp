#include "widgets/knobs/FreezeCommand.h"

#include "widgets/session/TrainingController.h"

namespace reciprocal::widgets {

FreezeCommand::FreezeCommand(TrainingController& controller, HeldParameters changed, bool freeze,
                             const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , m_controller(controller)
    , m_changed(std::move(changed))
    , m_freeze(freeze)
{
}

void FreezeCommand::undo() { m_controller.send(&TrainingWorker::holdParameters, m_changed, !m_freeze); }
void FreezeCommand::redo() { m_controller.send(&TrainingWorker::holdParameters, m_changed, m_freeze); }

} // namespace reciprocal::widgets
