#pragma once

#include "core/training/HeldParameters.h"

#include <QUndoCommand>

namespace reciprocal::widgets {

class TrainingController;

// A node's knobs frozen against training (or released), on the undo stack: undo does the opposite
// to exactly the knobs this step changed.
class FreezeCommand : public QUndoCommand {
public:
    // `changed`: the knobs whose state this step flips (not those already frozen or free).
    FreezeCommand(TrainingController& controller, HeldParameters changed, bool freeze, const QString& text,
                  QUndoCommand* parent = nullptr);

    void undo() override;
    void redo() override;

private:
    TrainingController& m_controller;
    HeldParameters m_changed;
    bool m_freeze;
};

} // namespace reciprocal::widgets
