#pragma once

#include "widgets/session/TrainingWorker.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <optional>

namespace reciprocal::widgets {

// The GUI thread's handle on a training session. Every command is queued to a TrainingWorker on
// a thread of its own and returns at once; results come back as signals carrying copies
// (snapshots, previews, models). The GUI thread never touches the live network and never waits.
class TrainingController : public QObject {
    Q_OBJECT

public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // The newest snapshot received (never null: an idle one before the first).
    SnapshotPtr latestSnapshot() const { return m_latest; }

public Q_SLOTS:
    void configure(const reciprocal::widgets::SessionSettings& settings);
    void play();
    void pause();
    void stop();
    void stepBatch();
    void stepEpoch();
    void reset();
    void setOptimizer(const reciprocal::OptimizerSettings& settings);
    void setTrainMode(reciprocal::TrainMode mode);
    void setTargetEpochs(int epochs);
    void previewPruning(const reciprocal::PruningRequest& request);
    void commitPruning(const reciprocal::PruningRequest& request);
    void retrain(int epochs);
    void restoreModel(const reciprocal::widgets::ModelPtr& model);
    void requestModel();
    void openModel(const QString& path);
    void saveModel(const QString& path);

Q_SIGNALS:
    void snapshotReady(const reciprocal::widgets::SnapshotPtr& snapshot);
    void previewReady(const reciprocal::PruningPreview& preview);
    void previewFailed(const QString& message);
    void pruningCommitted(const reciprocal::widgets::ModelPtr& before, const reciprocal::widgets::ModelPtr& after,
                          const reciprocal::PruningRequest& request, const QString& text);
    void modelCopied(const reciprocal::widgets::ModelPtr& model);
    void modelOpened(const QString& path, const reciprocal::widgets::SessionSettings& settings);
    void modelSaved(const QString& path);
    void errorOccurred(const QString& message);

private:
    template <typename Call> void post(Call call);
    template <typename Signal, typename Handler> void relay(Signal signal, Handler handle);
    void receive(const SnapshotPtr& snapshot);
    void previewDone();

    std::atomic<bool> m_snapshotInFlight{false};
    QThread m_thread;
    TrainingWorker* m_worker; // lives on m_thread, deleted when it finishes
    SnapshotPtr m_latest;
    // Previews are coalesced: while one is computed only the newest request waits, so dragging a
    // slider never builds a backlog.
    bool m_previewInFlight = false;
    std::optional<PruningRequest> m_nextPreview;
};

} // namespace reciprocal::widgets

Q_DECLARE_METATYPE(reciprocal::widgets::ModelPtr)
Q_DECLARE_METATYPE(reciprocal::widgets::SessionSettings)
