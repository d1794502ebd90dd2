#pragma once

#include "widgets/session/ThreadHandoff.h"
#include "widgets/session/TrainingWorker.h"

#include "core/math/Interruption.h"

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
//
// Commands that make the work in progress pointless (Stop, a new session) go with interruptWith():
// a training step or an evaluation of a wide network takes seconds, and they must answer at once.
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

    // Calls off the worker's work in progress and anything queued before the command, then sends
    // it. Called-off work leaves the session as it was before that work started.
    template <typename... Parameters, typename... Arguments>
    void interruptWith(void (TrainingWorker::*command)(Parameters...), Arguments&&... arguments)
    {
        m_work.interrupt();
        post([this, command, ... copies = std::decay_t<Arguments>(std::forward<Arguments>(arguments))](
                 TrainingWorker& worker) {
            m_work.resume();
            (worker.*command)(copies...);
        });
    }
    template <typename... Parameters> auto interrupter(void (TrainingWorker::*command)(Parameters...))
    {
        return [this, command](const std::decay_t<Parameters>&... arguments) { interruptWith(command, arguments...); };
    }

    // For the worker: its long work runs through this, so that interruptWith can call it off.
    Interruptible& work() { return m_work; }

    // Previews are coalesced: while one is computed only the newest request waits, so dragging a
    // slider never builds a backlog.
    void previewPruning(const reciprocal::PruningRequest& request);
    // Knob edits are coalesced likewise: while one is applied and measured, only the newest edit of
    // the knob being dragged waits (an edit of another knob is sent in order, never dropped).
    void editParameter(const reciprocal::ParameterEdit& edit);

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
    void previewInterrupted(); // by a command sent with interruptWith
    // True from a preview request until the answer to the newest one: the pruning panel shows it.
    void previewBusyChanged(bool busy);
    // Before and after a committed pruning, for the undo stack.
    void pruningCommitted(const reciprocal::widgets::SessionPointPtr& before,
                          const reciprocal::widgets::SessionPointPtr& after, const reciprocal::widgets::PruningStep& step);
    void parameterEdited(); // an edit was applied (or refused), and its snapshot sent
    void sessionCopied(const reciprocal::widgets::SessionPointPtr& point);
    void experimentSaved(const QString& path);
    void replayProgressed(const reciprocal::widgets::ReplayProgress& progress);
    void modelOpened(const QString& path, const reciprocal::widgets::SessionSettings& settings);
    void modelSaved(const QString& path);
    void dataExported(const QString& path);
    void errorOccurred(const reciprocal::widgets::SessionError& error);

private:
    template <typename Call> void post(Call call)
    {
        QMetaObject::invokeMethod(m_worker, HandedOver([worker = m_worker, call] { call(*worker); }),
                                  Qt::QueuedConnection);
    }
    void previewDone();
    void sendEdit(const ParameterEdit& edit);
    void editDone();

    std::atomic<bool> m_snapshotInFlight{false};
    Interruptible m_work;
    QThread m_thread;
    TrainingWorker* m_worker; // lives on m_thread, deleted when it finishes
    SnapshotPtr m_latest;
    bool m_previewInFlight = false;
    std::optional<PruningRequest> m_nextPreview;
    int m_editsInFlight = 0;
    std::optional<ParameterEdit> m_nextEdit;
};

} // namespace reciprocal::widgets
