#pragma once

#include <QMetaType>
#include <QString>

#include <string>

namespace reciprocal::widgets {

// A command the training session refused or failed, as data: the worker says what and why, the
// window words it (sessionErrorText) in the user's language.
struct SessionError {
    enum class Command {
        Setup, Replay, Train, Reset, ChangeOptimizer, ChangeTrainMode, Preview, Prune, Retrain, Restore, Open, Save,
        SaveExperiment, ExportData, Edit
    };

    Command command = Command::Setup;
    std::string reason; // the core's one-line message; empty when there is no session to act on
    QString path;       // the file of Open and Save

    bool noSession() const { return reason.empty(); }
};

QString sessionErrorText(const SessionError& error);

} // namespace reciprocal::widgets

Q_DECLARE_METATYPE(reciprocal::widgets::SessionError)
