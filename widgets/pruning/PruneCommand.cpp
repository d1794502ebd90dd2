#include "widgets/pruning/PruneCommand.h"

#include <QCoreApplication>

namespace reciprocal::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("PruneCommand", text); }

QString percent(double fraction) { return QString::number(100.0 * fraction, 'f', 1); }

} // namespace

PruneCommand::PruneCommand(TrainingController& controller, SessionLog& log, ModelPtr before, ModelPtr after,
                           const PruningStep& step)
    : QUndoCommand(describe(step))
    , m_controller(controller)
    , m_log(log)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_request(step.request)
{
}

QString PruneCommand::describe(const PruningStep& step)
{
    const PruningRequest& request = step.request;
    const QString criterion = QString::fromUtf8(pruningCriterionName(request.criterion).data());
    QString what;
    if (request.handPicked())
        what = tr("Prune node %1 of hidden layer %2").arg(request.nodes.front().node).arg(request.nodes.front().layer + 1);
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
    m_controller.send(&TrainingWorker::restoreModel, m_before);
    m_log.truncate(m_logSize);
    m_applied = false;
}

void PruneCommand::redo()
{
    if (!m_applied)
        m_controller.send(&TrainingWorker::restoreModel, m_after);
    m_applied = true;
    m_logSize = m_log.size();
    m_log.recordPruning(m_request);
}

} // namespace reciprocal::widgets
