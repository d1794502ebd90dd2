#include "widgets/session/TrainingWorker.h"

#include "widgets/session/SnapshotBuilder.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/data/DatasetLoader.h"
#include "core/io/ModelFile.h"
#include "core/pruning/PruningPreview.h"
#include "core/training/Evaluation.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <chrono>

namespace reciprocal::widgets {

namespace {

// A slice trains batches for about this long before queued commands get their turn.
constexpr qint64 sliceMilliseconds = 25;
// Snapshots leave at most this often while training runs: ten a second look live, and drawing
// them at 25 a second took 10-15 % of the training speed on two cores (docs/gui.md).
constexpr qint64 snapshotMilliseconds = 100;
// The smoothed loss curve keeps about this many points per epoch.
constexpr int lossPointsPerEpoch = 100;

QString message(const std::exception& error) { return QString::fromStdString(error.what()); }

} // namespace

TrainingWorker::TrainingWorker(std::atomic<bool>& snapshotInFlight)
    : m_snapshotInFlight(snapshotInFlight)
{
    m_sinceSnapshot.start();
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::configure(const SessionSettings& settings)
{
    const SessionState previous = m_state;
    m_goal = Goal::None;
    try {
        validate(settings.optimizer);
        std::optional<DataSplit> data = loadIfNew(settings.dataset, settings.architecture);
        const DataSplit& split = data ? *data : *m_data;
        Model model = Model::create(settings.architecture, settings.mode, settings.training, split.name,
                                    settings.optimizer);
        beginSession(std::move(data), settings, std::move(model), SessionState::Ready);
    } catch (const std::exception& error) {
        keepSessionAfterFailure(previous);
        Q_EMIT errorOccurred(message(error));
    }
    publish(true);
}

void TrainingWorker::play() { startGoal(Goal::Run); }
void TrainingWorker::pause()
{
    if (m_goal != Goal::None)
        stopWith(SessionState::Paused);
}
void TrainingWorker::stop()
{
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
    if (!ready("reset"))
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
    try {
        validate(settings);
        if (m_model)
            m_model->optimizer.setSettings(settings);
        else
            m_settings.optimizer = settings;
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(message(error));
    }
    publish(true);
}

void TrainingWorker::setTrainMode(TrainMode mode)
{
    try {
        if (m_model)
            m_model->network.setTrainMode(mode);
        else
            m_settings.mode = mode;
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(message(error));
    }
    publish(true);
}

void TrainingWorker::setTargetEpochs(int epochs)
{
    m_settings.epochs = std::max(1, epochs);
    m_targetEpoch = (m_model ? m_model->epoch : 0) + m_settings.epochs;
    publish(true);
}

void TrainingWorker::startGoal(Goal goal)
{
    if (!ready("train"))
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
    try {
        do {
            trainOneBatch();
            if (m_trainer->epochComplete()) {
                finishEpoch();
                if (m_goal == Goal::Epoch || (m_goal == Goal::Run && m_model->epoch >= m_targetEpoch)) {
                    stopWith(m_goal == Goal::Run ? SessionState::Finished : SessionState::Paused);
                    return;
                }
            }
            if (m_goal == Goal::Batch && --m_batchesToGo == 0) {
                stopWith(SessionState::Paused);
                return;
            }
        } while (slice.elapsed() < sliceMilliseconds);
    } catch (const DivergenceError& error) {
        // The trainer restored the model to the start of the epoch; start that epoch afresh.
        replaceModel(std::move(*m_model));
        stopWith(SessionState::Paused);
        Q_EMIT errorOccurred(message(error));
        return;
    } catch (const std::exception& error) {
        stopWith(SessionState::Paused);
        Q_EMIT errorOccurred(message(error));
        return;
    }
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
    const double rate = m_model->training.batchSize / std::max(seconds, 1e-9);
    m_samplesPerSecond = m_samplesPerSecond == 0.0 ? rate : 0.95 * m_samplesPerSecond + 0.05 * rate;
    m_smoothedLoss = m_batchLosses.empty() && m_batchesSinceLossPoint == 0
                         ? progress.loss
                         : 0.95 * m_smoothedLoss + 0.05 * progress.loss;
    const int stride = std::max(1, progress.batchCount / lossPointsPerEpoch);
    if (++m_batchesSinceLossPoint >= stride) {
        m_batchesSinceLossPoint = 0;
        const double epoch = (progress.epoch - 1) + static_cast<double>(progress.batch) / progress.batchCount;
        m_batchLosses.push_back({epoch, m_smoothedLoss});
    }
}

void TrainingWorker::finishEpoch()
{
    m_trainer->finishEpoch();
    recordEvaluation(m_model->history.back(), m_model->network, *m_data);
    m_baselineVersion = m_version;
    m_baselineAccuracy = m_model->history.back().testAccuracy;
    m_spectrum.push_back(spectrumFrame(m_model->network, m_model->epoch));
    publish(true);
}

void TrainingWorker::replaceModel(Model model)
{
    m_trainer.reset();
    m_model = std::move(model);
    m_trainer = std::make_unique<Trainer>(*m_model, m_data->train);
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
                                  SessionState state)
{
    if (data)
        m_data = std::move(data);
    m_settings = settings;
    m_settings.epochs = std::max(1, settings.epochs);
    m_targetEpoch = model.epoch + m_settings.epochs;
    replaceModel(std::move(model));
    m_batchLosses.clear();
    m_spectrum.clear();
    m_spectrum.push_back(spectrumFrame(m_model->network, m_model->epoch));
    m_state = state;
}

double TrainingWorker::baselineAccuracy()
{
    if (m_baselineVersion != m_version) {
        m_baselineAccuracy = evaluate(m_model->network, m_data->test).accuracy;
        m_baselineVersion = m_version;
    }
    return m_baselineAccuracy;
}

bool TrainingWorker::ready(const char* action)
{
    if (m_model && m_trainer)
        return true;
    Q_EMIT errorOccurred(tr("Nothing to %1: set up a session first.").arg(QString::fromLatin1(action)));
    return false;
}

PruningRequest TrainingWorker::seededRequest(PruningRequest request) const
{
    request.seed = m_model->training.seed; // the random criterion draws as a replay of the session does
    return request;
}

void TrainingWorker::previewPruning(const PruningRequest& request)
{
    if (!m_model) {
        Q_EMIT previewFailed(tr("Set up a session first."));
        return;
    }
    try {
        Q_EMIT previewReady(
            reciprocal::previewPruning(m_model->network, m_data->test, seededRequest(request), baselineAccuracy()));
    } catch (const std::exception& error) {
        Q_EMIT previewFailed(message(error));
    }
}

void TrainingWorker::commitPruning(const PruningRequest& request)
{
    if (!ready("prune"))
        return;
    if (m_goal != Goal::None)
        stopWith(SessionState::Paused);
    try {
        const double before = baselineAccuracy();
        auto previous = std::make_shared<const Model>(*m_model);
        Model pruned = *m_model;
        pruneModel(pruned, seededRequest(request));
        const double after = evaluate(pruned.network, m_data->test).accuracy;
        replaceModel(std::move(pruned));
        m_baselineVersion = m_version;
        m_baselineAccuracy = after;
        const QString what =
            request.nodes.empty()
                ? tr("Prune %1 % by %2%3")
                      .arg(request.fraction * 100.0, 0, 'f', 0)
                      .arg(QString::fromUtf8(pruningCriterionName(request.criterion).data()))
                      .arg(request.perLayer ? tr(" per layer") : QString())
                : tr("Prune node %1 of hidden layer %2").arg(request.nodes.front().node).arg(request.nodes.front().layer + 1);
        const QString text = tr("%1: %2 → %3 %").arg(what).arg(before * 100.0, 0, 'f', 1).arg(after * 100.0, 0, 'f', 1);
        Q_EMIT pruningCommitted(previous, std::make_shared<const Model>(*m_model), request, text);
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(message(error));
    }
    publish(true);
}

void TrainingWorker::retrain(int epochs)
{
    if (!ready("retrain"))
        return;
    setTrainMode(TrainMode::Full);
    m_targetEpoch = m_model->epoch + std::max(1, epochs);
    startGoal(Goal::Run);
}

void TrainingWorker::restoreModel(const ModelPtr& model)
{
    if (!model || !m_data)
        return;
    if (m_goal != Goal::None)
        m_goal = Goal::None;
    try {
        checkCompatible(model->network.architecture(), m_data->train, m_data->name);
        replaceModel(*model);
        m_state = SessionState::Paused;
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(message(error));
    }
    publish(true);
}

void TrainingWorker::copyModel()
{
    if (m_model)
        Q_EMIT modelCopied(std::make_shared<const Model>(*m_model));
}

void TrainingWorker::openModel(const QString& path)
{
    const SessionState previous = m_state;
    m_goal = Goal::None;
    try {
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
        beginSession(std::move(data), settings, std::move(model), SessionState::Paused);
        Q_EMIT modelOpened(path, m_settings);
    } catch (const std::exception& error) {
        keepSessionAfterFailure(previous);
        Q_EMIT errorOccurred(tr("Cannot open %1: %2").arg(path, message(error)));
    }
    publish(true);
}

void TrainingWorker::saveModel(const QString& path)
{
    if (!ready("save"))
        return;
    try {
        reciprocal::saveModel(*m_model, path.toStdString());
        Q_EMIT modelSaved(path);
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(tr("Cannot save %1: %2").arg(path, message(error)));
    }
}

void TrainingWorker::publish(bool force)
{
    if (!force && (m_sinceSnapshot.elapsed() < snapshotMilliseconds || m_snapshotInFlight.load()))
        return;
    m_snapshotInFlight.store(true);
    m_sinceSnapshot.restart();
    Q_EMIT snapshotReady(makeSnapshot());
}

SnapshotPtr TrainingWorker::makeSnapshot()
{
    auto snapshot = std::make_shared<TrainingSnapshot>();
    snapshot->state = m_state;
    snapshot->targetEpochs = m_targetEpoch;
    snapshot->samplesPerSecond = m_samplesPerSecond;
    snapshot->optimizer = m_settings.optimizer;
    snapshot->trainMode = m_settings.mode;
    if (!m_model || !m_data)
        return snapshot;
    Model& model = *m_model;
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
    snapshot->history = model.history;
    snapshot->batchLosses = m_batchLosses;
    snapshot->spectrumHistory = m_spectrum;
    for (int k = 0; k < model.network.layerCount(); ++k)
        snapshot->transfers.push_back(snapshotTransfer(model.network.layer(k)));
    snapshot->diagramNodes = chooseDiagramNodes(model.network, snapshot->transfers);
    sampleDiagramEdges(model.network, snapshot->diagramNodes, snapshot->transfers);
    return snapshot;
}

} // namespace reciprocal::widgets
