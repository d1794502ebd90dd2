#pragma once

#include "widgets/session/TrainingController.h"

#include "core/network/ParameterEdit.h"

#include <QUndoCommand>

namespace reciprocal::widgets {

// A knob turned by hand, on the undo stack: redo sets the new value, undo the value the knob had
// before (read off the snapshot as the exact float, so the network comes back bit for bit). The
// edits of one gesture - a slider drag, a spin box edit - merge into one step, as Tiled merges a
// brush stroke; the next gesture on the same knob is a step of its own.
class KnobEditCommand : public QUndoCommand {
public:
    // `gesture` numbers the user's gestures: commands of one knob and gesture merge.
    KnobEditCommand(TrainingController& controller, const ParameterEdit& before, const ParameterEdit& after,
                    int gesture, QUndoCommand* parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override { return 0x6b6e6f62; } // "knob"
    bool mergeWith(const QUndoCommand* other) override;

    const ParameterEdit& before() const { return m_before; }
    const ParameterEdit& after() const { return m_after; }
    // "Set λ_out of node 3 (layer 1) to 0.25".
    static QString describe(const ParameterEdit& edit);

private:
    TrainingController& m_controller;
    ParameterEdit m_before;
    ParameterEdit m_after;
    int m_gesture;
};

} // namespace reciprocal::widgets
