#include "widgets/session/TrainingWorker.h"

#include "widgets/session/SnapshotBuilder.h"
#include "widgets/session/TrainingController.h"

#include "core/Error.h"
#include "core/data/DatasetSubset.h"
#include "core/io/AtomicFile.h"
#include "core/io/ModelFile.h"
#include "core/io/WeightMagnitudeTable.h"
#include "core/math/Interruption.h"
#include "core/pruning/PruningPreview.h"
#include "core/training/Evaluation.h"

#include <QFileInfo>
#include <QMetaObject>

#include <chrono>

namespace reciprocal::widgets {

namespace {

// A slice trains batches for about this long before queued commands get their turn.
constexpr qint64 sliceMilliseconds = 25;
// Snapshots leave at most this often while training runs: ten a second look live, and drawing
// them at 25 a second took 10-15 % of the training speed on two cores (docs/gui.md).
constexpr qint64 snapshotMilliseconds = 100;
// An evaluation this large takes tens of milliseconds or more: worth a snapshot saying so at once.
constexpr double longMeasurementMultiplyAdds = 2e8;

} // namespace

TrainingWorker::TrainingWorker(TrainingController& controller)
    : m_controller(controller)
{
    m_sinceSnapshot.start();
}

TrainingWorker::~TrainingWorker() = default;

template <typename Body> bool TrainingWorker::guarded(SessionError::Command command, Body body, const QString& path)
{
    try {
        body();
        return true;
    } catch (const std::exception& error) {
        m_controller.deliver(&TrainingController::errorOccurred, SessionError{command, error.what(), path});
        return false;
    }
}

bool TrainingWorker::ready(SessionError::Command command)
{
    if (m_model && m_trainer)
        return true;
    m_controller.deliver(&TrainingController::errorOccurred, SessionError{command, {}, {}});
    return false;
}

void TrainingWorker::configure(const SessionSettings& settings)
{
    stopReplay();
    startSession(settings);
}

bool TrainingWorker::startSession(const SessionSettings& settings)
{
    const SessionState previous = m_state;
    m_goal = Goal::None;
    const bool started = guarded(SessionError::Command::Setup, [&] {
        validate(settings.optimizer);
        std::optional<DataSplit> data = loadIfNew(settings.dataset, settings.architecture);
        const DataSplit& split = data ? *data : *m_data;
        Model model = Model::create(settings.architecture, settings.mode, settings.training, split.name,
                                    settings.optimizer);
        beginSession(std::move(data), settings, std::move(model), SessionState::Ready);
    });
    if (!started)
        keepSessionAfterFailure(previous);
    publish(true);
    return started;
}

void TrainingWorker::replay(const ExperimentSpec& spec)
{
    stopReplay();
    bool started = false;
    guarded(SessionError::Command::Replay, [&] {
        const ExperimentRun& run = spec.runs.at(0);
        started = run.startModel.empty() ? startSession(sessionSettingsOf(spec))
                                         : openModelFile(QString::fromStdString(run.startModel));
        m_replaySteps.assign(run.steps.begin(), run.steps.end());
    });
    if (!started)
        return;
    m_replaying = true;
    m_replayStep = 0;
    continueReplay();
}

void TrainingWorker::continueReplay()
{
    bool failed = false;
    while (m_replaying && !failed && !m_replaySteps.empty()) {
        const ExperimentStep step = m_replaySteps.front();
        m_replaySteps.pop_front();
        ++m_replayStep;
        if (step.kind == ExperimentStep::Kind::Train && step.train.epochs > 0) {
            const bool set = guarded(SessionError::Command::Replay, [&] {
                m_model->network.setTrainMode(step.train.mode);
                validate(step.train.optimizer);
                m_model->optimizer.setSettings(step.train.optimizer);
            });
            failed = !set;
            if (failed)
                break;
            m_controller.deliver(&TrainingController::replayProgressed,
                                 ReplayProgress{ReplayProgress::Kind::Training, m_replayStep, step.train.epochs});
            m_targetEpoch = m_model->epoch + step.train.epochs;
            startGoal(Goal::Run); // continues the replay when the run is finished
            return;
        }
        if (step.kind == ExperimentStep::Kind::Prune && step.prune.commit) {
            m_controller.deliver(&TrainingController::replayProgressed,
                                 ReplayProgress{ReplayProgress::Kind::Pruning, m_replayStep, 0});
            const double fraction = step.prune.fractions.empty() ? 0.0 : step.prune.fractions.front();
            failed = !prune(step.prune.request(fraction, m_model->training.seed));
            continue;
        }
        if (step.kind == ExperimentStep::Kind::Set || step.kind == ExperimentStep::Kind::Hold) {
            failed = !guarded(SessionError::Command::Replay, [&] {
                if (step.kind == ExperimentStep::Kind::Set)
                    applyEdits(step.edits);
                else
                    setHeld(step.held);
            });
            publish(true);
            continue;
        }
        if (step.kind != ExperimentStep::Kind::Train)
            m_controller.deliver(&TrainingController::replayProgressed,
                                 ReplayProgress{ReplayProgress::Kind::Skipped, m_replayStep, 0});
    }
    if (!m_replaying)
        return;
    m_replaying = false;
    m_replaySteps.clear();
    m_controller.deliver(&TrainingController::replayProgressed,
                         ReplayProgress{failed ? ReplayProgress::Kind::Stopped : ReplayProgress::Kind::Finished,
                                        m_replayStep, 0});
}

void TrainingWorker::stopReplay()
{
    if (!m_replaying)
        return;
    m_replaying = false;
    m_replaySteps.clear();
    m_controller.deliver(&TrainingController::replayProgressed,
                         ReplayProgress{ReplayProgress::Kind::Stopped, m_replayStep, 0});
}

void TrainingWorker::play() { startGoal(Goal::Run); }
void TrainingWorker::pause()
{
    stopReplay();
    if (m_goal != Goal::None)
        stopWith(SessionState::Paused);
}
void TrainingWorker::stop()
{
    stopReplay();
    if (m_goal == Goal::None)
        return;
    m_targetEpoch = m_model->epoch;
    stopWith(SessionState::Finished);
}

void TrainingWorker::stepBatch()
{
    // Steps requested faster than they are trained add up instead of merging into one.
    m_batchesToGo = m_goal == Goal::Batch ? m_batchesToGo + 1 : 1;
    startGoal(Goal::Batch);
}
void TrainingWorker::stepEpoch() { startGoal(Goal::Epoch); }

void TrainingWorker::reset()
{
    if (!ready(SessionError::Command::Reset))
        return;
    m_goal = Goal::None;
    // Same seed, same data: the same initial network, trained as the session trains now.
    SessionSettings restart = m_settings;
    restart.mode = m_model->network.trainMode();
    restart.optimizer = m_model->optimizer.settings();
    configure(restart);
}

void TrainingWorker::setOptimizer(const OptimizerSettings& settings)
{
    guarded(SessionError::Command::ChangeOptimizer, [&] {
        validate(settings);
        if (m_model)
            m_model->optimizer.setSettings(settings);
        else
            m_settings.optimizer = settings;
    });
    publish(true);
}

void TrainingWorker::setTrainMode(TrainMode mode)
{
    guarded(SessionError::Command::ChangeTrainMode, [&] {
        if (m_model)
            m_model->network.setTrainMode(mode);
        else
            m_settings.mode = mode;
    });
    publish(true);
}

void TrainingWorker::setEpochsPerRun(int epochs)
{
    m_settings.epochs = std::max(1, epochs);
    // A run not yet at its end takes the new length; a finished one keeps the end it reached (the
    // status said "epoch 200 of 201" after an edit), and the next Play runs the new count.
    if (!m_model || m_model->epoch < m_targetEpoch)
        m_targetEpoch = (m_model ? m_model->epoch : 0) + m_settings.epochs;
    publish(true);
}

void TrainingWorker::startGoal(Goal goal)
{
    if (!ready(SessionError::Command::Train))
        return;
    // Play after the target was reached runs the configured number of epochs once more.
    if (goal == Goal::Run && m_model->epoch >= m_targetEpoch)
        m_targetEpoch = m_model->epoch + m_settings.epochs;
    m_goal = goal;
    m_state = SessionState::Running;
    publish(true);
    if (!m_sliceQueued) {
        m_sliceQueued = true;
        QMetaObject::invokeMethod(this, &TrainingWorker::runSlice, Qt::QueuedConnection);
    }
}

void TrainingWorker::stopWith(SessionState state)
{
    m_goal = Goal::None;
    m_state = state;
    publish(true);
}

void TrainingWorker::runSlice()
{
    m_sliceQueued = false;
    if (m_goal == Goal::None)
        return;
    QElapsedTimer slice;
    slice.start();
    bool goalReached = false;
    bool interrupted = false;
    const bool trained = guarded(SessionError::Command::Train, [&] {
        try {
            m_controller.work().run([&] {
                measureEpoch();
                do {
                    trainOneBatch();
                    if (m_trainer->epochComplete()) {
                        finishEpoch();
                        if (m_goal == Goal::Epoch || (m_goal == Goal::Run && m_model->epoch >= m_targetEpoch)) {
                            stopWith(m_goal == Goal::Run ? SessionState::Finished : SessionState::Paused);
                            goalReached = true;
                            return;
                        }
                    }
                    if (m_goal == Goal::Batch && --m_batchesToGo == 0) {
                        stopWith(SessionState::Paused);
                        goalReached = true;
                        return;
                    }
                } while (slice.elapsed() < sliceMilliseconds);
            });
        } catch (const Interrupted&) {
            interrupted = true; // the batch or the measurement did not happen; both are done again
        } catch (const DivergenceError&) {
            // The trainer restored the model to the start of the epoch; start that epoch afresh.
            replaceModel(std::move(*m_model));
            throw;
        }
    });
    if (interrupted) {
        // The interrupting command is queued before this slice and decides whether training goes on.
        m_sliceQueued = true;
        QMetaObject::invokeMethod(this, &TrainingWorker::runSlice, Qt::QueuedConnection);
        return;
    }
    if (!trained) {
        stopWith(SessionState::Paused);
        stopReplay();
    }
    if (goalReached && m_state == SessionState::Finished && m_replaying)
        continueReplay();
    if (!trained || goalReached)
        return;
    publish(false);
    m_sliceQueued = true;
    QMetaObject::invokeMethod(this, &TrainingWorker::runSlice, Qt::QueuedConnection);
}

void TrainingWorker::trainOneBatch()
{
    const auto started = std::chrono::steady_clock::now();
    const BatchProgress progress = m_trainer->trainBatch();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ++m_version;
    m_meter.record(progress, m_model->training.batchSize, seconds);
}

void TrainingWorker::finishEpoch()
{
    m_trainer->finishEpoch();
    m_history.push_back(m_model->history.back());
    m_log.recordEpoch(m_model->network.trainMode(), m_model->optimizer.settings());
    m_spectrum.push_back(spectrumFrame(m_model->network, m_model->epoch));
    m_epochUnmeasured = true;
    measureEpoch();
}

template <typename Body>
void TrainingWorker::showingActivity(TrainingSnapshot::Activity activity, Body body, bool announce)
{
    m_activity = activity;
    publish(announce);
    try {
        body();
    } catch (...) {
        m_activity = TrainingSnapshot::Activity::None;
        throw;
    }
    m_activity = TrainingSnapshot::Activity::None;
}

void TrainingWorker::measureEpoch()
{
    if (!m_epochUnmeasured)
        return;
    // A wide network takes seconds to evaluate: the window says so, and Stop can interrupt it. A
    // small one takes less than a snapshot costs: announcing each of its epochs made a 2-D set
    // train forty times slower in the window than headless.
    const double multiplyAdds = static_cast<double>(forwardMultiplyAdds(m_model->network)) *
                                (m_data->test.sampleCount() + m_data->validation.sampleCount());
    showingActivity(
        TrainingSnapshot::Activity::MeasuringEpoch,
        [&] { recordEvaluation(m_model->history.back(), m_model->network, *m_data); },
        multiplyAdds > longMeasurementMultiplyAdds);
    m_history.replaceBack(m_model->history.back());
    m_epochUnmeasured = false;
    m_baseline = {m_version, m_data->test.sampleCount(), m_model->history.back().testAccuracy,
                  m_model->history.back().testLoss};
    publish(true);
}

void TrainingWorker::replaceModel(Model model)
{
    m_trainer.reset();
    m_model = std::move(model);
    m_history = SharedLog<EpochRecord>(m_model->history);
    m_trainer = std::make_unique<Trainer>(*m_model, m_data->train);
    m_epochUnmeasured = false;
    ++m_version;
}

void TrainingWorker::keepSessionAfterFailure(SessionState previous)
{
    // The session goes on as it was, except that a run the command stopped stays paused.
    m_state = m_model ? (previous == SessionState::Running ? SessionState::Paused : previous) : SessionState::Failed;
}

std::optional<DataSplit> TrainingWorker::loadIfNew(const DatasetSpec& spec, const Architecture& architecture)
{
    std::optional<DataSplit> data;
    if (!m_data || spec != m_settings.dataset) {
        m_state = SessionState::Loading;
        publish(true);
        data = loadDataset(spec);
    }
    const DataSplit& split = data ? *data : *m_data;
    checkCompatible(architecture, split.train, split.name);
    return data;
}

void TrainingWorker::beginSession(std::optional<DataSplit> data, const SessionSettings& settings, Model model,
                                  SessionState state, const std::string& startModel)
{
    if (data) {
        m_data = std::move(data);
        m_previewTest.reset();
        m_planePoints = planePoints(*m_data, settings.dataset);
        m_probeSamples = m_planePoints ? nullptr
                                       : std::make_shared<const Dataset>(firstSamples(
                                             m_data->test, std::min(TrainingSnapshot::probeSampleCount,
                                                                    m_data->test.sampleCount())));
    }
    m_settings = settings;
    m_settings.epochs = std::max(1, settings.epochs);
    m_targetEpoch = model.epoch + m_settings.epochs;
    replaceModel(std::move(model));
    m_meter = TrainingMeter();
    m_log.start(m_settings, startModel);
    ++m_nodeNumbering;
    m_spectrum = {};
    m_spectrum.push_back(spectrumFrame(m_model->network, m_model->epoch));
    m_state = state;
}

double TrainingWorker::baselineAccuracy()
{
    return accuracyOn(m_data->test);
}

double TrainingWorker::accuracyOn(const Dataset& test)
{
    if (m_baseline.version != m_version || m_baseline.samples != test.sampleCount())
    {
        const Evaluation measured = evaluate(m_model->network, test);
        m_baseline = {m_version, test.sampleCount(), measured.accuracy, measured.loss};
    }
    return m_baseline.accuracy;
}

const Dataset& TrainingWorker::previewTestSet(int samples)
{
    if (!m_previewTest || m_previewTest->sampleCount() != samples)
        m_previewTest = firstSamples(m_data->test, samples);
    return *m_previewTest;
}

PruningRequest TrainingWorker::seededRequest(PruningRequest request) const
{
    request.seed = m_model->training.seed; // the random criterion draws as a replay of the session does
    return request;
}

void TrainingWorker::previewPruning(const PruningRequest& request)
{
    if (!m_model) {
        m_controller.deliver(&TrainingController::previewFailed, SessionError{SessionError::Command::Preview, {}, {}});
        return;
    }
    try {
        m_controller.work().run([&] {
            const int samples = previewSampleCount(m_model->network, m_data->test.sampleCount());
            const Dataset& test = samples == m_data->test.sampleCount() ? m_data->test : previewTestSet(samples);
            const double before = accuracyOn(test);
            m_controller.deliver(&TrainingController::previewReady,
                                 reciprocal::previewPruning(m_model->network, test, seededRequest(request), before,
                                                            m_data->test.sampleCount()));
        });
    } catch (const Interrupted&) {
        m_controller.deliver(&TrainingController::previewInterrupted);
    } catch (const std::exception& error) {
        // An impossible request is shown beside the pruning controls, not as a session error.
        m_controller.deliver(&TrainingController::previewFailed,
                             SessionError{SessionError::Command::Preview, error.what(), {}});
    }
}

void TrainingWorker::editParameter(const ParameterEdit& edit)
{
    if (ready(SessionError::Command::Edit)) {
        stopReplay();
        if (guarded(SessionError::Command::Edit, [&] { applyEdits({edit}); })) {
            try {
                // The edit's effect on the test set, shown with it; a wide network's measurement
                // gives way to the next command, and the snapshot then shows "not measured".
                m_controller.work().run([&] { baselineAccuracy(); });
            } catch (const Interrupted&) {
            }
        }
        publish(true);
    }
    m_controller.deliver(&TrainingController::parameterEdited);
}

void TrainingWorker::applyEdits(const std::vector<ParameterEdit>& edits)
{
    for (const ParameterEdit& edit : edits)
        checkParameterEdit(m_model->network, edit); // all or none
    for (const ParameterEdit& edit : edits) {
        applyParameterEdit(m_model->network, edit);
        m_log.recordEdit(edit);
    }
    ++m_version;
}

void TrainingWorker::holdParameters(const HeldParameters& parameters, bool hold)
{
    if (!ready(SessionError::Command::Edit))
        return;
    stopReplay();
    guarded(SessionError::Command::Edit, [&] {
        HeldParameters held = m_model->held;
        for (const NodeParameterAddress& address : checkedHeldParameters(m_model->network, parameters)) {
            std::erase(held, address);
            if (hold)
                held.push_back(address);
        }
        setHeld(std::move(held));
    });
    publish(true);
}

void TrainingWorker::setHeld(HeldParameters held)
{
    m_model->held = checkedHeldParameters(m_model->network, std::move(held));
    m_log.recordHold(m_model->held);
}

void TrainingWorker::commitPruning(const PruningRequest& request)
{
    stopReplay();
    prune(request);
}

bool TrainingWorker::prune(const PruningRequest& request)
{
    if (!ready(SessionError::Command::Prune))
        return false;
    if (m_goal != Goal::None)
        stopWith(SessionState::Paused);
    const bool pruned = guarded(SessionError::Command::Prune, [&] {
        PruningStep step;
        step.request = seededRequest(request);
        std::optional<Model> model;
        SessionPointPtr before;
        Evaluation after;
        try {
            // Only the evaluations take long; until the pruned model replaces the session's nothing
            // has changed, so an interruption leaves the session as it was.
            m_controller.work().run([&] {
                measureEpoch();
                showingActivity(TrainingSnapshot::Activity::Pruning, [&] {
                    step.accuracyBefore = baselineAccuracy();
                    before = currentPoint();
                    model = *m_model;
                    step.removedFraction = pruneModel(*model, step.request).plan.removedFraction;
                    after = evaluate(model->network, m_data->test);
                    step.accuracyAfter = after.accuracy;
                });
            });
        } catch (const Interrupted&) {
            throw Error("interrupted; the network is unchanged");
        }
        replaceModel(std::move(*model));
        ++m_nodeNumbering;
        m_log.recordPruning(step.request);
        m_baseline = {m_version, m_data->test.sampleCount(), step.accuracyAfter, after.loss};
        m_controller.deliver(&TrainingController::pruningCommitted, before, currentPoint(), step);
    });
    publish(true);
    return pruned;
}

SessionPointPtr TrainingWorker::currentPoint() const
{
    return std::make_shared<const SessionPoint>(SessionPoint{*m_model, m_log});
}

void TrainingWorker::retrain(int epochs)
{
    if (!ready(SessionError::Command::Retrain))
        return;
    stopReplay();
    setTrainMode(TrainMode::Full);
    m_targetEpoch = m_model->epoch + std::max(1, epochs);
    startGoal(Goal::Run);
}

void TrainingWorker::restore(const SessionPointPtr& point)
{
    if (!point || !m_data)
        return;
    stopReplay();
    m_goal = Goal::None;
    guarded(SessionError::Command::Restore, [&] {
        checkCompatible(point->model.network.architecture(), m_data->train, m_data->name);
        replaceModel(point->model);
        ++m_nodeNumbering;
        m_log = point->log;
        m_state = SessionState::Paused;
        try {
            // The status bar shows the restored network's accuracy, not its last epoch's; the
            // restored network is shown at once, while the accuracy is measured.
            m_controller.work().run(
                [&] { showingActivity(TrainingSnapshot::Activity::MeasuringNetwork, [&] { baselineAccuracy(); }); });
        } catch (const Interrupted&) {
            // The next command has come: the last epoch's accuracy stands until it is measured.
        }
    });
    publish(true);
}

void TrainingWorker::copySession()
{
    if (m_model)
        m_controller.deliver(&TrainingController::sessionCopied, currentPoint());
}

void TrainingWorker::openModel(const QString& path)
{
    stopReplay();
    openModelFile(path);
}

bool TrainingWorker::openModelFile(const QString& path)
{
    const SessionState previous = m_state;
    m_goal = Goal::None;
    const bool opened = guarded(
        SessionError::Command::Open,
        [&] {
            Model model = loadModel(path.toStdString());
            SessionSettings settings = m_settings;
            settings.dataset.name = model.datasetName.empty() ? settings.dataset.name : model.datasetName;
            if (settings.dataset.name != m_settings.dataset.name)
                settings.dataset.directory.clear();
            std::optional<DataSplit> data = loadIfNew(settings.dataset, model.network.architecture());
            settings.architecture = model.network.architecture();
            settings.mode = model.network.trainMode();
            settings.optimizer = model.optimizer.settings();
            settings.training = model.training;
            beginSession(std::move(data), settings, std::move(model), SessionState::Paused,
                         QFileInfo(path).absoluteFilePath().toStdString());
            m_controller.deliver(&TrainingController::modelOpened, path, m_settings);
        },
        path);
    if (!opened)
        keepSessionAfterFailure(previous);
    publish(true);
    return opened;
}

template <typename Write>
void TrainingWorker::saveFile(SessionError::Command command, const QString& path, Write write,
                              void (TrainingController::*saved)(const QString&))
{
    if (!ready(command))
        return;
    guarded(
        command,
        [&] {
            write(path.toStdString()); // atomic: a temporary file, then renamed
            m_controller.deliver(saved, path);
        },
        path);
}

void TrainingWorker::saveModel(const QString& path)
{
    saveFile(
        SessionError::Command::Save, path,
        [this](const std::string& file) {
            measureEpoch(); // a Stop may have interrupted it; the file's history is complete
            reciprocal::saveModel(*m_model, file);
        },
        &TrainingController::modelSaved);
}

void TrainingWorker::saveExperiment(const QString& path)
{
    const std::string id = QFileInfo(path).completeBaseName().toStdString();
    saveFile(
        SessionError::Command::SaveExperiment, path,
        [&](const std::string& file) {
            writeFileAtomically(file, experimentText(m_log.experiment(id, "Reciprocal session " + id)));
        },
        &TrainingController::experimentSaved);
}

void TrainingWorker::exportWeightMagnitudes(const QString& path)
{
    saveFile(
        SessionError::Command::ExportData, path,
        [this](const std::string& file) { writeFileAtomically(file, weightMagnitudeTable(m_model->network)); },
        &TrainingController::dataExported);
}

void TrainingWorker::publish(bool force)
{
    std::atomic<bool>& inFlight = m_controller.snapshotInFlight();
    if (!force && (m_sinceSnapshot.elapsed() < snapshotMilliseconds || inFlight.load()))
        return;
    inFlight.store(true);
    m_sinceSnapshot.restart();
    m_controller.deliver(&TrainingController::snapshotReady, makeSnapshot());
}

SnapshotPtr TrainingWorker::makeSnapshot()
{
    auto snapshot = std::make_shared<TrainingSnapshot>();
    snapshot->state = m_state;
    snapshot->targetEpochs = m_targetEpoch;
    snapshot->nodeNumbering = m_nodeNumbering;
    snapshot->samplesPerSecond = m_meter.samplesPerSecond();
    snapshot->activity = m_activity;
    snapshot->optimizer = m_settings.optimizer;
    snapshot->trainMode = m_settings.mode;
    if (!m_model || !m_data)
        return snapshot;
    Model& model = *m_model;
    snapshot->session = m_settings;
    snapshot->trainedGroups = m_log.trainedGroups();
    snapshot->optimizer = model.optimizer.settings();
    snapshot->trainMode = model.network.trainMode();
    snapshot->architecture = model.network.architecture();
    snapshot->datasetName = m_data->name;
    snapshot->sampleShape = m_data->train.sampleShape;
    snapshot->epoch = model.epoch;
    snapshot->batchSize = model.training.batchSize;
    snapshot->batchCount = (m_data->train.sampleCount() + snapshot->batchSize - 1) / snapshot->batchSize;
    snapshot->batch = m_trainer && m_trainer->epochInProgress() ? m_trainer->batchesDone() : 0;
    snapshot->trainableParameters = model.network.trainableParameterCount();
    snapshot->totalParameters = model.network.totalParameterCount();
    snapshot->held = model.held;
    // The cached evaluation belongs to the network as it is, or the last epoch's stands.
    const bool evaluated = m_baseline.version == m_version && m_baseline.samples == m_data->test.sampleCount();
    snapshot->testAccuracy = evaluated ? m_baseline.accuracy
                             : model.history.empty()        ? std::numeric_limits<double>::quiet_NaN()
                                                            : model.history.back().testAccuracy;
    snapshot->testLoss = evaluated ? m_baseline.loss
                         : model.history.empty() ? std::numeric_limits<double>::quiet_NaN()
                                                 : model.history.back().testLoss;
    describeRun(*snapshot, model.network, m_history, m_meter.lossCurve(), m_spectrum);
    // Buffers of its own, which keep the grid's size: the live network's would grow to the grid
    // and shrink back to a batch every snapshot.
    if (m_planeVersion != m_version) { // new data always comes with a new network version
        m_plane = pictureOnPlane(model.network, m_planePoints, snapshot->diagramNodes, m_planeBuffers);
        m_planeVersion = m_version;
    }
    snapshot->plane = m_plane;
    snapshot->probeSamples = m_probeSamples;
    if ((snapshot->plane || m_probeSamples) && model.network.totalParameterCount() <= TrainingSnapshot::maximumFormulaParameters)
        snapshot->network = std::make_shared<const Network<float>>(model.network);
    return snapshot;
}

} // namespace reciprocal::widgets
