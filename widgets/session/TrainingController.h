#pragma once

#include "widgets/session/ThreadHandoff.h"
#include "widgets/session/TrainingWorker.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <optional>
#include <type_traits>

namespace reciprocal::widgets {

// The GUI thread's handle on a training session. Commands are the TrainingWorker's public
// functions, queued to it on a thread of its own with send(), which returns at once:
//     controller.send(&TrainingWorker::setOptimizer, settings);
// Results come back as this object's signals, on the GUI thread, carrying copies (snapshots,
// previews, models). The GUI thread never touches the live network and never waits.
class TrainingController : public QObject {
    Q_OBJECT

public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // The newest snapshot received (never null: an idle one before the first).
    SnapshotPtr latestSnapshot() const { return m_latest; }

    template <typename... Parameters, typename... Arguments>
    void send(void (TrainingWorker::*command)(Parameters...), Arguments&&... arguments)
    {
        post([command, ... copies = std::decay_t<Arguments>(std::forward<Arguments>(arguments))](
                 TrainingWorker& worker) { (worker.*command)(copies...); });
    }

    // A callable that sends the command with the arguments it is given, for connect().
    template <typename... Parameters> auto sender(void (TrainingWorker::*command)(Parameters...))
    {
        return [this, command](const std::decay_t<Parameters>&... arguments) { send(command, arguments...); };
    }

    // Previews are coalesced: while one is computed only the newest request waits, so dragging a
    // slider never builds a backlog.
    void previewPruning(const reciprocal::PruningRequest& request);

    // For the worker, on its thread: emit `signal` with copies of the arguments on this object's
    // thread. Every crossing between the threads is a HandedOver call.
    template <typename... Parameters, typename... Arguments>
    void deliver(void (TrainingController::*signal)(Parameters...), Arguments&&... arguments)
    {
        QMetaObject::invokeMethod(
            this,
            HandedOver([this, signal, ... copies = std::decay_t<Arguments>(std::forward<Arguments>(arguments))] {
                Q_EMIT(this->*signal)(copies...);
            }),
            Qt::QueuedConnection);
    }
    // Set while the GUI has not yet taken the last snapshot: a busy GUI then receives fewer
    // snapshots instead of a growing queue.
    std::atomic<bool>& snapshotInFlight() { return m_snapshotInFlight; }

Q_SIGNALS:
    void snapshotReady(const reciprocal::widgets::SnapshotPtr& snapshot);
    void previewReady(const reciprocal::PruningPreview& preview);
    void previewFailed(const reciprocal::widgets::SessionError& error); // shown beside the pruning controls
    // Before and after a committed pruning, for the undo stack.
    void pruningCommitted(const reciprocal::widgets::SessionPointPtr& before,
                          const reciprocal::widgets::SessionPointPtr& after, const reciprocal::widgets::PruningStep& step);
    void sessionCopied(const reciprocal::widgets::SessionPointPtr& point);
    void experimentSaved(const QString& path);
    void replayProgressed(const reciprocal::widgets::ReplayProgress& progress);
    void modelOpened(const QString& path, const reciprocal::widgets::SessionSettings& settings);
    void modelSaved(const QString& path);
    void errorOccurred(const reciprocal::widgets::SessionError& error);

private:
    template <typename Call> void post(Call call)
    {
        QMetaObject::invokeMethod(m_worker, HandedOver([worker = m_worker, call] { call(*worker); }),
                                  Qt::QueuedConnection);
    }
    void previewDone();

    std::atomic<bool> m_snapshotInFlight{false};
    QThread m_thread;
    TrainingWorker* m_worker; // lives on m_thread, deleted when it finishes
    SnapshotPtr m_latest;
    bool m_previewInFlight = false;
    std::optional<PruningRequest> m_nextPreview;
};

} // namespace reciprocal::widgets
