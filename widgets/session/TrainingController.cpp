#include "widgets/session/TrainingController.h"

#include <QMetaObject>

namespace reciprocal::widgets {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent)
    , m_worker(new TrainingWorker(m_snapshotInFlight))
    , m_latest(std::make_shared<const TrainingSnapshot>())
{
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<ModelPtr>();
    qRegisterMetaType<PruningPreview>();
    qRegisterMetaType<PruningRequest>();
    qRegisterMetaType<SessionSettings>();
    qRegisterMetaType<NodeRef>();
    m_thread.setObjectName(QStringLiteral("training"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::snapshotReady, this, &TrainingController::receive);
    connect(m_worker, &TrainingWorker::previewReady, this, [this](const PruningPreview& preview) {
        Q_EMIT previewReady(preview);
        previewDone();
    });
    connect(m_worker, &TrainingWorker::previewFailed, this, [this](const QString& message) {
        Q_EMIT previewFailed(message);
        previewDone();
    });
    connect(m_worker, &TrainingWorker::pruningCommitted, this, &TrainingController::pruningCommitted);
    connect(m_worker, &TrainingWorker::modelCopied, this, &TrainingController::modelCopied);
    connect(m_worker, &TrainingWorker::modelOpened, this, &TrainingController::modelOpened);
    connect(m_worker, &TrainingWorker::modelSaved, this, &TrainingController::modelSaved);
    connect(m_worker, &TrainingWorker::errorOccurred, this, &TrainingController::errorOccurred);
    m_thread.start();
}

TrainingController::~TrainingController()
{
    post([](TrainingWorker& worker) { worker.pause(); });
    m_thread.quit();
    m_thread.wait();
}

template <typename Call> void TrainingController::post(Call call)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, call] { call(*worker); }, Qt::QueuedConnection);
}

void TrainingController::receive(const SnapshotPtr& snapshot)
{
    m_snapshotInFlight.store(false);
    m_latest = snapshot;
    Q_EMIT snapshotReady(snapshot);
}

void TrainingController::configure(const SessionSettings& settings)
{
    post([settings](TrainingWorker& worker) { worker.configure(settings); });
}
void TrainingController::play() { post([](TrainingWorker& worker) { worker.play(); }); }
void TrainingController::pause() { post([](TrainingWorker& worker) { worker.pause(); }); }
void TrainingController::stop() { post([](TrainingWorker& worker) { worker.stop(); }); }
void TrainingController::stepBatch() { post([](TrainingWorker& worker) { worker.stepBatch(); }); }
void TrainingController::stepEpoch() { post([](TrainingWorker& worker) { worker.stepEpoch(); }); }
void TrainingController::reset() { post([](TrainingWorker& worker) { worker.reset(); }); }
void TrainingController::setOptimizer(const OptimizerSettings& settings)
{
    post([settings](TrainingWorker& worker) { worker.setOptimizer(settings); });
}
void TrainingController::setTrainMode(TrainMode mode)
{
    post([mode](TrainingWorker& worker) { worker.setTrainMode(mode); });
}
void TrainingController::setTargetEpochs(int epochs)
{
    post([epochs](TrainingWorker& worker) { worker.setTargetEpochs(epochs); });
}
void TrainingController::previewPruning(const PruningRequest& request)
{
    if (m_previewInFlight) {
        m_nextPreview = request;
        return;
    }
    m_previewInFlight = true;
    post([request](TrainingWorker& worker) { worker.previewPruning(request); });
}

void TrainingController::previewDone()
{
    m_previewInFlight = false;
    if (m_nextPreview) {
        const PruningRequest next = *m_nextPreview;
        m_nextPreview.reset();
        previewPruning(next);
    }
}
void TrainingController::commitPruning(const PruningRequest& request)
{
    post([request](TrainingWorker& worker) { worker.commitPruning(request); });
}
void TrainingController::retrain(int epochs) { post([epochs](TrainingWorker& worker) { worker.retrain(epochs); }); }
void TrainingController::restoreModel(const ModelPtr& model)
{
    post([model](TrainingWorker& worker) { worker.restoreModel(model); });
}
void TrainingController::requestModel() { post([](TrainingWorker& worker) { worker.copyModel(); }); }
void TrainingController::openModel(const QString& path)
{
    post([path](TrainingWorker& worker) { worker.openModel(path); });
}
void TrainingController::saveModel(const QString& path)
{
    post([path](TrainingWorker& worker) { worker.saveModel(path); });
}

} // namespace reciprocal::widgets
