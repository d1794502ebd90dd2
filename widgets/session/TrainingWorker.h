#pragma once

#include "widgets/session/CoreMetaTypes.h"
#include "widgets/session/SessionSettings.h"
#include "widgets/session/TrainingSnapshot.h"

#include "core/data/Dataset.h"
#include "core/training/Trainer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace reciprocal::widgets {

using ModelPtr = std::shared_ptr<const Model>;

// Owns the live model on the training thread. Training runs in slices of a few batches between
// which queued commands (pause, settings, previews) are handled, so nothing ever waits for an
// epoch to end. Everything the GUI sees leaves as copies through signals. Only TrainingController
// talks to it.
class TrainingWorker : public QObject {
    Q_OBJECT

public:
    // snapshotInFlight is set while the GUI has not yet taken the last snapshot: a busy GUI then
    // receives fewer snapshots instead of a growing queue.
    explicit TrainingWorker(std::atomic<bool>& snapshotInFlight);
    ~TrainingWorker() override;

public Q_SLOTS:
    void configure(const reciprocal::widgets::SessionSettings& settings);
    void play();
    void pause();
    // End the run; the next Play trains the configured epochs again from the current weights.
    void stop();
    void stepBatch();
    void stepEpoch();
    void reset();
    void setOptimizer(const reciprocal::OptimizerSettings& settings);
    void setTrainMode(reciprocal::TrainMode mode);
    void setTargetEpochs(int epochs);
    void previewPruning(const reciprocal::PruningRequest& request);
    void commitPruning(const reciprocal::PruningRequest& request);
    // Train every group of the (pruned) network for this many more epochs.
    void retrain(int epochs);
    void restoreModel(const reciprocal::widgets::ModelPtr& model);
    void copyModel();
    void openModel(const QString& path);
    void saveModel(const QString& path);

Q_SIGNALS:
    void snapshotReady(const reciprocal::widgets::SnapshotPtr& snapshot);
    void previewReady(const reciprocal::PruningPreview& preview);
    void previewFailed(const QString& message); // an impossible request, shown beside the controls
    // before and after a committed pruning, for the undo stack; text describes the step.
    void pruningCommitted(const reciprocal::widgets::ModelPtr& before, const reciprocal::widgets::ModelPtr& after,
                          const reciprocal::PruningRequest& request, const QString& text);
    void modelCopied(const reciprocal::widgets::ModelPtr& model);
    void modelOpened(const QString& path, const reciprocal::widgets::SessionSettings& settings);
    void modelSaved(const QString& path);
    void errorOccurred(const QString& message);

private:
    enum class Goal { None, Batch, Epoch, Run };

    void runSlice();
    void trainOneBatch();
    void finishEpoch();
    void startGoal(Goal goal);
    void stopWith(SessionState state);
    void replaceModel(Model model);
    // The data set the spec names when it is not the one loaded (else nothing); throws InputError if
    // the architecture does not fit it. Nothing of the session changes.
    std::optional<DataSplit> loadIfNew(const DatasetSpec& spec, const Architecture& architecture);
    void keepSessionAfterFailure(SessionState previous);
    // Nothing failed: the new session replaces the old one.
    void beginSession(std::optional<DataSplit> data, const SessionSettings& settings, Model model, SessionState state);
    void publish(bool force);
    SnapshotPtr makeSnapshot();
    double baselineAccuracy();
    PruningRequest seededRequest(PruningRequest request) const;
    bool ready(const char* action);

    std::atomic<bool>& m_snapshotInFlight;
    SessionSettings m_settings;
    std::optional<DataSplit> m_data;
    std::optional<Model> m_model;
    std::unique_ptr<Trainer> m_trainer;
    SessionState m_state = SessionState::Idle;
    Goal m_goal = Goal::None;
    int m_batchesToGo = 0;  // single steps still to train
    int m_targetEpoch = 1; // where the current run stops; Play moves it on by m_settings.epochs
    bool m_sliceQueued = false;
    QElapsedTimer m_sinceSnapshot;
    // throughput: samples and training seconds, exponentially smoothed
    double m_samplesPerSecond = 0.0;
    double m_smoothedLoss = 0.0;
    int m_batchesSinceLossPoint = 0;
    std::vector<BatchPoint> m_batchLosses;
    std::vector<SpectrumFrame> m_spectrum;
    // the network's accuracy on the test set, cached until the network changes
    std::uint64_t m_version = 0;
    std::uint64_t m_baselineVersion = ~std::uint64_t(0);
    double m_baselineAccuracy = 0.0;
};

} // namespace reciprocal::widgets
