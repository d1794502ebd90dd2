#pragma once

#include "widgets/session/CoreMetaTypes.h"
#include "widgets/session/SessionError.h"
#include "widgets/session/SessionLog.h"
#include "widgets/session/SessionSettings.h"
#include "widgets/session/TrainingMeter.h"
#include "widgets/session/TrainingSnapshot.h"

#include "core/data/DatasetLoader.h"
#include "core/training/Trainer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <deque>
#include <memory>
#include <optional>

namespace reciprocal::widgets {

class TrainingController;

using ModelPtr = std::shared_ptr<const Model>;

// Everything undo restores: the model and the log of how the session got there.
struct SessionPoint {
    Model model;
    SessionLog log;
};
using SessionPointPtr = std::shared_ptr<const SessionPoint>;

// How the replay of an experiment in the window goes, for the status bar.
struct ReplayProgress {
    enum class Kind { Training, Pruning, Skipped, Finished, Stopped };
    Kind kind = Kind::Training;
    int step = 0;   // 1-based step of the run
    int epochs = 0; // of a training step
};

// A committed pruning as the undo stack shows it.
struct PruningStep {
    PruningRequest request;
    double removedFraction = 0.0; // of the active hidden nodes
    double accuracyBefore = 0.0;
    double accuracyAfter = 0.0;
};

// Owns the live model on the training thread. Training runs in slices of a few batches between
// which queued commands (pause, settings, previews) are handled, so nothing ever waits for an
// epoch to end. Its public functions are the session's commands; the TrainingController queues
// them here (send) and everything the GUI sees leaves as copies through the controller's signals.
class TrainingWorker : public QObject {
    Q_OBJECT

public:
    explicit TrainingWorker(TrainingController& controller);
    ~TrainingWorker() override;

    // A new session: load the data set (if it is not the loaded one) and draw a fresh network.
    void configure(const reciprocal::widgets::SessionSettings& settings);
    // A new session from the experiment's first run, then its train steps and committed prune steps
    // in order (sweeps and branching prune steps are headless-only and skipped). Any other command
    // that changes the session's course stops the replay.
    void replay(const reciprocal::ExperimentSpec& spec);
    void play();
    void pause();
    // End the run; the next Play trains the configured epochs again from the current weights.
    void stop();
    void stepBatch();
    void stepEpoch();
    // Back to the session's initial network (same seed, same data).
    void reset();
    // Mid-run changes keep the weights.
    void setOptimizer(const reciprocal::OptimizerSettings& settings);
    void setTrainMode(reciprocal::TrainMode mode);
    // How many epochs one Play trains.
    void setEpochsPerRun(int epochs);
    // Use TrainingController::previewPruning, which coalesces requests.
    void previewPruning(const reciprocal::PruningRequest& request);
    void commitPruning(const reciprocal::PruningRequest& request);
    // Train every group of the (pruned) network for this many more epochs.
    void retrain(int epochs);
    void restore(const reciprocal::widgets::SessionPointPtr& point);
    void copySession();
    void openModel(const QString& path);
    void saveModel(const QString& path);
    // The session's log as an experiment file that `reciprocal experiment` replays.
    void saveExperiment(const QString& path);
    // Sets one eigenvalue or bias by hand (a knob), measures the test set and publishes at once;
    // training goes on. Use TrainingController::editParameter, which coalesces a drag's edits.
    void editParameter(const reciprocal::ParameterEdit& edit);
    // Freezes (hold) or releases these knobs: training leaves a held parameter at its value, which
    // the knob itself still sets. Logged, and replayed, as a hold step.
    void holdParameters(const reciprocal::HeldParameters& parameters, bool hold);
    // Every |W| of the live network as one tidy CSV table (core/io/WeightMagnitudeTable.h).
    void exportWeightMagnitudes(const QString& path);

private:
    enum class Goal { None, Batch, Epoch, Run };

    // Runs a command's body; a failure (std::exception) is reported as the command's error and the
    // session goes on.
    template <typename Body> bool guarded(SessionError::Command command, Body body, const QString& path = {});
    template <typename Write>
    void saveFile(SessionError::Command command, const QString& path, Write write,
                  void (TrainingController::*saved)(const QString&));
    // False, and reported, when there is no session to act on.
    bool ready(SessionError::Command command);
    bool startSession(const SessionSettings& settings);
    bool openModelFile(const QString& path);
    bool prune(const PruningRequest& request);
    // Sets the parameters and logs the edits; throws InputError, with nothing changed, if one
    // names a parameter the network does not have.
    void applyEdits(const std::vector<ParameterEdit>& edits);
    // Training leaves exactly these alone from now on; logged. Throws InputError, with nothing
    // changed, if the network lacks one.
    void setHeld(HeldParameters held);
    void continueReplay();
    void stopReplay();
    SessionPointPtr currentPoint() const;
    void runSlice();
    void trainOneBatch();
    void finishEpoch();
    // The held-out evaluation of the last finished epoch, when it has not been done (an
    // interruption called it off); throws Interrupted.
    void measureEpoch();
    void startGoal(Goal goal);
    void stopWith(SessionState state);
    void replaceModel(Model model);
    // The data set the spec names when it is not the one loaded (else nothing); throws InputError if
    // the architecture does not fit it. Nothing of the session changes.
    std::optional<DataSplit> loadIfNew(const DatasetSpec& spec, const Architecture& architecture);
    void keepSessionAfterFailure(SessionState previous);
    // Nothing failed: the new session replaces the old one.
    void beginSession(std::optional<DataSplit> data, const SessionSettings& settings, Model model, SessionState state,
                      const std::string& startModel = {});
    void publish(bool force);
    SnapshotPtr makeSnapshot();
    double baselineAccuracy();
    // The network's accuracy on these test samples, cached until the network or the samples change.
    double accuracyOn(const Dataset& test);
    PruningRequest seededRequest(PruningRequest request) const;
    // The first test samples a preview of a huge network evaluates (kept while their count stays).
    const Dataset& previewTestSet(int samples);

    TrainingController& m_controller;
    SessionSettings m_settings; // how the session started; the live optimiser and mode are the model's
    std::optional<DataSplit> m_data;
    std::shared_ptr<const PlanePoints> m_planePoints; // of m_data, when it has two features
    std::shared_ptr<const Dataset> m_probeSamples;    // else its first test samples, for the formula read-out
    Network<float>::ForwardBuffers m_planeBuffers;     // the plane's forward pass
    // The last picture and the network version it shows: a snapshot that only reports a new state
    // (Stop, Pause) reuses it, since on a wide network it costs more than a Stop may take.
    std::shared_ptr<const PlanePicture> m_plane;
    std::uint64_t m_planeVersion = ~std::uint64_t(0);
    std::optional<Dataset> m_previewTest;
    std::optional<Model> m_model;
    std::unique_ptr<Trainer> m_trainer;
    SessionState m_state = SessionState::Idle;
    Goal m_goal = Goal::None;
    int m_batchesToGo = 0; // single steps still to train
    int m_targetEpoch = 1; // where the current run stops; Play moves it on by m_settings.epochs
    bool m_sliceQueued = false;
    bool m_epochUnmeasured = false; // the last epoch's test accuracy is still to be measured
    TrainingSnapshot::Activity m_activity = TrainingSnapshot::Activity::None;
    // Runs body with the activity shown in the snapshots sent meanwhile; `announce` sends one at
    // once (else the next one due says it).
    template <typename Body>
    void showingActivity(TrainingSnapshot::Activity activity, Body body, bool announce = true);
    QElapsedTimer m_sinceSnapshot;
    std::uint64_t m_nodeNumbering = 0;
    TrainingMeter m_meter;
    SessionLog m_log;
    std::deque<ExperimentStep> m_replaySteps;
    bool m_replaying = false;
    int m_replayStep = 0;
    // The model's history as the snapshots share it: made anew with every model, then the trainer's
    // record of each finished epoch is appended and completed once the epoch is evaluated.
    SharedLog<EpochRecord> m_history;
    SharedLog<SpectrumFrame> m_spectrum; // the session's, from its start: pruning and undo keep it
    // The network's version (it changes with every step) and its last measured test accuracy.
    std::uint64_t m_version = 0;
    struct Baseline {
        std::uint64_t version = ~std::uint64_t(0);
        int samples = 0; // of the test set it was measured on: the whole one, or a preview's share
        double accuracy = 0.0;
        double loss = 0.0;
    };
    Baseline m_baseline;
};

} // namespace reciprocal::widgets

Q_DECLARE_METATYPE(reciprocal::widgets::ModelPtr)
Q_DECLARE_METATYPE(reciprocal::widgets::SessionPointPtr)
Q_DECLARE_METATYPE(reciprocal::widgets::ReplayProgress)
Q_DECLARE_METATYPE(reciprocal::widgets::PruningStep)
Q_DECLARE_METATYPE(reciprocal::widgets::SessionSettings)
