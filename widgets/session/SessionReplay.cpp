#include "widgets/session/SessionReplay.h"

#include "core/Error.h"

namespace reciprocal::widgets {

SessionReplay::SessionReplay(TrainingController& controller, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
{
    connect(&m_controller, &TrainingController::snapshotReady, this, &SessionReplay::onSnapshot);
    connect(&m_controller, &TrainingController::pruningCommitted, this, [this] {
        if (m_waiting == Waiting::Pruning) {
            m_waiting = Waiting::Nothing;
            next();
        }
    });
    // A step the session refuses ends the replay; the error itself is shown by the window.
    connect(&m_controller, &TrainingController::errorOccurred, this, [this] {
        if (!isRunning())
            return;
        m_steps.clear();
        m_waiting = Waiting::Nothing;
        Q_EMIT progress(tr("Replay stopped at step %1.").arg(m_stepNumber));
        Q_EMIT finished();
    });
}

SessionSettings SessionReplay::sessionOf(const ExperimentSpec& spec)
{
    if (spec.runs.empty())
        throw InputError("experiment '" + spec.id + "' has no run to replay");
    const ExperimentRun& run = spec.runs.front();
    SessionSettings settings;
    settings.dataset = run.dataset;
    settings.architecture = run.architecture;
    settings.training = run.training;
    settings.training.seed = spec.seeds.front();
    const TrainStep& first = run.steps.front().train;
    settings.mode = first.mode;
    settings.optimizer = first.optimizer;
    settings.epochs = std::max(1, first.epochs);
    return settings;
}

void SessionReplay::start(const ExperimentSpec& spec)
{
    const auto& steps = spec.runs.front().steps;
    m_steps.assign(steps.begin(), steps.end());
    m_stepNumber = 0;
    m_session = sessionOf(spec);
    m_waiting = Waiting::Session;
}

void SessionReplay::onSnapshot(const SnapshotPtr& snapshot)
{
    // Snapshots sent before the worker took a command still show the old state: the session must be
    // the new one, and a training step must have been seen running before it counts as done.
    const bool newSession = snapshot->state == SessionState::Ready && snapshot->epoch == 0 &&
                            snapshot->architecture.widths == m_session.architecture.widths &&
                            snapshot->datasetName == m_session.dataset.name;
    const bool trained = m_sawRunning && snapshot->state == SessionState::Finished;
    m_sawRunning = m_sawRunning || snapshot->state == SessionState::Running;
    if ((m_waiting == Waiting::Session && newSession) || (m_waiting == Waiting::Training && trained)) {
        m_waiting = Waiting::Nothing;
        next();
    }
}

void SessionReplay::next()
{
    while (!m_steps.empty()) {
        const ExperimentStep step = m_steps.front();
        m_steps.pop_front();
        ++m_stepNumber;
        if (step.kind == ExperimentStep::Kind::Train && step.train.epochs > 0) {
            m_controller.send(&TrainingWorker::setTrainMode, step.train.mode);
            m_controller.send(&TrainingWorker::setOptimizer, step.train.optimizer);
            m_controller.send(&TrainingWorker::setEpochsPerRun, step.train.epochs);
            m_controller.send(&TrainingWorker::play);
            m_waiting = Waiting::Training;
            m_sawRunning = false;
            Q_EMIT progress(tr("Replay step %1: training %2 epochs").arg(m_stepNumber).arg(step.train.epochs));
            return;
        }
        if (step.kind == ExperimentStep::Kind::Prune && step.prune.commit) {
            const double fraction = step.prune.fractions.empty() ? 0.0 : step.prune.fractions.front();
            // The worker draws the random criterion from the session's seed, as the runner does.
            m_controller.send(&TrainingWorker::commitPruning, step.prune.request(fraction, m_session.training.seed));
            m_waiting = Waiting::Pruning;
            Q_EMIT progress(tr("Replay step %1: pruning").arg(m_stepNumber));
            return;
        }
        if (step.kind != ExperimentStep::Kind::Train)
            Q_EMIT progress(tr("Replay step %1 skipped: sweeps and branching prunings run headless "
                               "(reciprocal experiment)").arg(m_stepNumber));
    }
    Q_EMIT progress(tr("Replay finished."));
    Q_EMIT finished();
}

} // namespace reciprocal::widgets
