#include "widgets/knobs/KnobEditCommand.h"

#include <QCoreApplication>

namespace reciprocal::widgets {

namespace {

QString parameterLabel(NodeParameter parameter)
{
    switch (parameter) {
    case NodeParameter::InputEigenvalue: return QStringLiteral("λ_in");
    case NodeParameter::OutputEigenvalue: return QStringLiteral("λ_out");
    case NodeParameter::Bias: return QCoreApplication::translate("KnobEditCommand", "bias");
    }
    return {};
}

} // namespace

KnobEditCommand::KnobEditCommand(TrainingController& controller, const ParameterEdit& before,
                                 const ParameterEdit& after, int gesture, QUndoCommand* parent)
    : QUndoCommand(describe(after), parent)
    , m_controller(controller)
    , m_before(before)
    , m_after(after)
    , m_gesture(gesture)
{
}

void KnobEditCommand::undo() { m_controller.editParameter(m_before); }
void KnobEditCommand::redo() { m_controller.editParameter(m_after); }

bool KnobEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = dynamic_cast<const KnobEditCommand*>(other);
    if (!next || next->m_gesture != m_gesture || next->m_after.address() != m_after.address())
        return false;
    m_after = next->m_after;
    setText(describe(m_after));
    return true;
}

QString KnobEditCommand::describe(const ParameterEdit& edit)
{
    return QCoreApplication::translate("KnobEditCommand", "Set %1 of node %2 (transfer %3) to %4")
        .arg(parameterLabel(edit.parameter))
        .arg(edit.node)
        .arg(edit.transfer)
        .arg(edit.value, 0, 'g', 4);
}

} // namespace reciprocal::widgets
