#include "widgets/pruning/PruneCommand.h"

#include <QCoreApplication>

namespace reciprocal::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("PruneCommand", text); }

QString percent(double fraction) { return QString::number(100.0 * fraction, 'f', 1); }

} // namespace

PruneCommand::PruneCommand(TrainingController& controller, SessionPointPtr before, SessionPointPtr after,
                           const PruningStep& step)
    : QUndoCommand(describe(step))
    , m_controller(controller)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

QString PruneCommand::describe(const PruningStep& step)
{
    const PruningRequest& request = step.request;
    const QString criterion = QString::fromUtf8(pruningCriterionName(request.criterion).data());
    QString what;
    if (request.handPicked())
        what = tr("Prune node %1 of hidden layer %2").arg(request.nodes.front().node).arg(request.nodes.front().layer);
    else if (request.threshold)
        what = tr("Prune %1 % with %2 score below %3")
                   .arg(percent(step.removedFraction), criterion)
                   .arg(*request.threshold, 0, 'g', 3);
    else
        what = tr("Prune %1 % by %2%3")
                   .arg(request.fraction * 100.0, 0, 'f', 0)
                   .arg(criterion, request.perLayer ? tr(" per layer") : QString());
    return tr("%1: %2 → %3 %").arg(what, percent(step.accuracyBefore), percent(step.accuracyAfter));
}

void PruneCommand::undo()
{
    m_controller.interruptWith(&TrainingWorker::restore, m_before);
    m_applied = false;
}

void PruneCommand::redo()
{
    if (!m_applied)
        m_controller.interruptWith(&TrainingWorker::restore, m_after);
    m_applied = true;
}

} // namespace reciprocal::widgets
