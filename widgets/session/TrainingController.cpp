#include "widgets/session/TrainingController.h"

#include <utility>

namespace reciprocal::widgets {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent)
    , m_worker(new TrainingWorker(*this))
    , m_latest(std::make_shared<const TrainingSnapshot>())
{
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<ModelPtr>();
    qRegisterMetaType<SessionPointPtr>();
    qRegisterMetaType<ReplayProgress>();
    qRegisterMetaType<PruningPreview>();
    qRegisterMetaType<PruningRequest>();
    qRegisterMetaType<PruningStep>();
    qRegisterMetaType<SessionSettings>();
    qRegisterMetaType<SessionError>();
    qRegisterMetaType<NodeRef>();
    m_thread.setObjectName(QStringLiteral("training"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Connected first, so the latest snapshot is up to date before anyone else sees it.
    connect(this, &TrainingController::snapshotReady, this, [this](const SnapshotPtr& snapshot) {
        m_snapshotInFlight.store(false);
        m_latest = snapshot;
    });
    connect(this, &TrainingController::previewReady, this, &TrainingController::previewDone);
    connect(this, &TrainingController::previewFailed, this, &TrainingController::previewDone);
    connect(this, &TrainingController::previewInterrupted, this, &TrainingController::previewDone);
    connect(this, &TrainingController::parameterEdited, this, &TrainingController::editDone);
    m_thread.start();
}

TrainingController::~TrainingController()
{
    interruptWith(&TrainingWorker::pause);
    m_thread.quit();
    m_thread.wait();
}

void TrainingController::previewPruning(const PruningRequest& request)
{
    if (m_previewInFlight) {
        m_nextPreview = request;
        return;
    }
    m_previewInFlight = true;
    Q_EMIT previewBusyChanged(true);
    send(&TrainingWorker::previewPruning, request);
}

void TrainingController::previewDone()
{
    m_previewInFlight = false;
    if (m_nextPreview) {
        const PruningRequest next = *m_nextPreview;
        m_nextPreview.reset();
        previewPruning(next);
    } else {
        Q_EMIT previewBusyChanged(false);
    }
}

void TrainingController::editParameter(const ParameterEdit& edit)
{
    if (m_editsInFlight == 0) {
        sendEdit(edit);
        return;
    }
    const bool sameKnob = m_nextEdit && m_nextEdit->transfer == edit.transfer && m_nextEdit->node == edit.node &&
                          m_nextEdit->parameter == edit.parameter;
    if (m_nextEdit && !sameKnob)
        sendEdit(*m_nextEdit); // another knob's last value is kept, in order
    m_nextEdit = edit;
}

void TrainingController::sendEdit(const ParameterEdit& edit)
{
    ++m_editsInFlight;
    send(&TrainingWorker::editParameter, edit);
}

void TrainingController::editDone()
{
    if (--m_editsInFlight == 0 && m_nextEdit)
        sendEdit(*std::exchange(m_nextEdit, std::nullopt));
}

} // namespace reciprocal::widgets
