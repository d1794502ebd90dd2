#include "widgets/session/SessionError.h"

#include <QCoreApplication>

namespace reciprocal::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("SessionError", text); }

// The verb of "Nothing to %1: set up a session first."
QString actionName(SessionError::Command command)
{
    switch (command) {
    case SessionError::Command::Setup: return tr("set up");
    case SessionError::Command::Train: return tr("train");
    case SessionError::Command::Reset: return tr("reset");
    case SessionError::Command::ChangeOptimizer: return tr("change the optimiser of");
    case SessionError::Command::ChangeTrainMode: return tr("change the trained group of");
    case SessionError::Command::Preview: return tr("preview");
    case SessionError::Command::Prune: return tr("prune");
    case SessionError::Command::Retrain: return tr("retrain");
    case SessionError::Command::Restore: return tr("restore");
    case SessionError::Command::Open: return tr("open");
    case SessionError::Command::Save: return tr("save");
    case SessionError::Command::Replay: return tr("replay");
    case SessionError::Command::SaveExperiment: return tr("save as an experiment");
    case SessionError::Command::ExportData: return tr("export the weights of");
    case SessionError::Command::Edit: return tr("turn the knobs of");
    }
    return {};
}

} // namespace

QString sessionErrorText(const SessionError& error)
{
    if (error.noSession())
        return tr("Nothing to %1: set up a session first.").arg(actionName(error.command));
    const QString reason = QString::fromStdString(error.reason);
    switch (error.command) {
    case SessionError::Command::Open: return tr("Cannot open %1: %2").arg(error.path, reason);
    case SessionError::Command::Save:
    case SessionError::Command::SaveExperiment:
    case SessionError::Command::ExportData: return tr("Cannot save %1: %2").arg(error.path, reason);
    default: return reason;
    }
}

} // namespace reciprocal::widgets
