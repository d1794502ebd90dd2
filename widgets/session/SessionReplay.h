#pragma once

#include "widgets/session/TrainingController.h"

#include "core/experiments/ExperimentSpec.h"

#include <QObject>

#include <deque>

namespace reciprocal::widgets {

// Plays an experiment file's first run in the application, step by step, as a user would: a new
// session from the run's settings, then each train step (trained group, optimiser, epochs) and each
// committed prune step. Sweeps and branching prune steps only make sense headless
// (`reciprocal experiment`) and are skipped with a note.
class SessionReplay : public QObject {
    Q_OBJECT

public:
    explicit SessionReplay(TrainingController& controller, QObject* parent = nullptr);

    // The session the run starts from (for the setup panel). Throws InputError for an experiment
    // without a run.
    static SessionSettings sessionOf(const ExperimentSpec& spec);
    // Queues the run's steps; call after the controller was configured with sessionOf(spec).
    void start(const ExperimentSpec& spec);
    bool isRunning() const { return !m_steps.empty() || m_waiting != Waiting::Nothing; }

Q_SIGNALS:
    void progress(const QString& message);
    void finished();

private:
    enum class Waiting { Nothing, Session, Training, Pruning };

    void onSnapshot(const SnapshotPtr& snapshot);
    void next();

    TrainingController& m_controller;
    std::deque<ExperimentStep> m_steps;
    Waiting m_waiting = Waiting::Nothing;
    int m_stepNumber = 0;
    SessionSettings m_session;
    bool m_sawRunning = false;
};

} // namespace reciprocal::widgets
