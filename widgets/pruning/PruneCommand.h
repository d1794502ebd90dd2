#pragma once

#include "widgets/session/TrainingController.h"

#include <QUndoCommand>

namespace reciprocal::widgets {

// A committed pruning step on the undo stack. It holds the exact session points before and after
// (model and session log), so undo and redo restore every parameter, mask, optimizer moment, the
// history and the log bit for bit; whatever was trained after the step is forgotten with it.
// Pushing a new step after an undo drops the undone branch, as QUndoStack does. Its text describes
// the step.
class PruneCommand : public QUndoCommand {
public:
    PruneCommand(TrainingController& controller, SessionPointPtr before, SessionPointPtr after,
                 const PruningStep& step);

    void undo() override;
    void redo() override;

    // "Prune 50 % by spectral: 85.1 → 80.3 %", "Prune node 3 of hidden layer 1: …".
    static QString describe(const PruningStep& step);

private:
    TrainingController& m_controller;
    SessionPointPtr m_before;
    SessionPointPtr m_after;
    bool m_applied = true; // the worker already holds `after` when the command is pushed
};

} // namespace reciprocal::widgets
