#pragma once

#include "widgets/session/SessionLog.h"
#include "widgets/session/TrainingController.h"

#include <QUndoCommand>

namespace reciprocal::widgets {

// A committed pruning step on the undo stack. It holds the exact models before and after, so undo
// and redo restore every parameter, mask, optimizer moment and the history bit for bit; pushing a
// new step after an undo drops the undone branch, as QUndoStack does. The session log follows:
// undo forgets the step and whatever was trained after it. Its text describes the step.
class PruneCommand : public QUndoCommand {
public:
    PruneCommand(TrainingController& controller, SessionLog& log, ModelPtr before, ModelPtr after,
                 const PruningStep& step);

    void undo() override;
    void redo() override;

    // "Prune 50 % by spectral: 85.1 → 80.3 %", "Prune node 3 of hidden layer 1: …".
    static QString describe(const PruningStep& step);

private:
    TrainingController& m_controller;
    SessionLog& m_log;
    ModelPtr m_before;
    ModelPtr m_after;
    PruningRequest m_request;
    std::size_t m_logSize = 0; // the log's length before this step
    bool m_applied = true;     // the worker already holds `after` when the command is pushed
};

} // namespace reciprocal::widgets
