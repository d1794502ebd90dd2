#pragma once

#include "widgets/session/TrainingController.h"

#include <QUndoCommand>

namespace reciprocal::widgets {

// A committed pruning step on the undo stack. It holds the exact models before and after, so undo
// and redo restore every parameter, mask, optimizer moment and the history bit for bit; pushing a
// new step after an undo drops the undone branch, as QUndoStack does.
class PruneCommand : public QUndoCommand {
public:
    PruneCommand(TrainingController& controller, ModelPtr before, ModelPtr after, const QString& text);

    void undo() override;
    void redo() override;

private:
    TrainingController& m_controller;
    ModelPtr m_before;
    ModelPtr m_after;
    bool m_applied = true; // the worker already holds `after` when the command is pushed
};

} // namespace reciprocal::widgets
