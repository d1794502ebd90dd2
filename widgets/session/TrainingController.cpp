#include "widgets/session/TrainingController.h"

#include "widgets/session/ThreadHandoff.h"

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
    relay(&TrainingWorker::snapshotReady, [this](const SnapshotPtr& snapshot) { receive(snapshot); });
    relay(&TrainingWorker::previewReady, [this](const PruningPreview& preview) {
        Q_EMIT previewReady(preview);
        previewDone();
    });
    relay(&TrainingWorker::previewFailed, [this](const QString& message) {
        Q_EMIT previewFailed(message);
        previewDone();
    });
    relay(&TrainingWorker::pruningCommitted,
          [this](const ModelPtr& before, const ModelPtr& after, const PruningRequest& request, const QString& text) {
              Q_EMIT pruningCommitted(before, after, request, text);
          });
    relay(&TrainingWorker::modelCopied, [this](const ModelPtr& model) { Q_EMIT modelCopied(model); });
    relay(&TrainingWorker::modelOpened,
          [this](const QString& path, const SessionSettings& settings) { Q_EMIT modelOpened(path, settings); });
    relay(&TrainingWorker::modelSaved, [this](const QString& path) { Q_EMIT modelSaved(path); });
    relay(&TrainingWorker::errorOccurred, [this](const QString& message) { Q_EMIT errorOccurred(message); });
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
    QMetaObject::invokeMethod(m_worker, HandedOver([worker = m_worker, call] { call(*worker); }),
                              Qt::QueuedConnection);
}

// The worker's signal is taken on its own thread, where the arguments are copied into a call that
// is queued to this object: every crossing between the threads is a HandedOver call.
template <typename Signal, typename Handler> void TrainingController::relay(Signal signal, Handler handle)
{
    connect(
        m_worker, signal, this,
        [this, handle](const auto&... arguments) {
            QMetaObject::invokeMethod(this, HandedOver([handle, arguments...] { handle(arguments...); }),
                                      Qt::QueuedConnection);
        },
        Qt::DirectConnection);
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
