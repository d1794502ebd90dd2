// SPDX-License-Identifier: MIT
// The training controller: commands return at once, the worker thread trains, snapshots arrive,
// stepping and reset are deterministic, previews leave the network alone and a data set switched
// mid-run neither crashes nor loses the session on bad input.
#include "widgets/session/TrainingController.h"
#include "ModelFingerprint.h"
#include "ToySession.h"

#include "core/experiments/ExperimentRunner.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace reciprocal;
using namespace reciprocal::widgets;
using testing::copyModel;
using testing::fingerprint;
using testing::toySession;

class TrainingControllerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void configureSendsAReadySnapshot();
    void stepsAreDeterministicAndResetRestoresTheStart();
    void snapshotsArriveWhileTrainingAndPauseStops();
    void settingsChangeMidRunKeepTheWeights();
    void previewLeavesTheNetworkAlone();
    void commitPruningReportsBeforeAndAfter();
    void badSettingsKeepTheSession();
    void sessionsOpenedFromAModelReplay();
    void switchingTheDataSetMidRunIsSafe();

private:
    // Waits for a snapshot satisfying the predicate; returns it (null on timeout).
    template <typename Predicate> SnapshotPtr waitFor(TrainingController& controller, Predicate predicate,
                                                      int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (predicate(*controller.latestSnapshot()))
                return controller.latestSnapshot();
            QTest::qWait(5);
        }
        return nullptr;
    }
};

void TrainingControllerTest::configureSendsAReadySnapshot()
{
    TrainingController controller;
    controller.send(&TrainingWorker::configure, toySession());
    const auto snapshot = waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Ready; });
    QVERIFY(snapshot);
    QCOMPARE(snapshot->transfers.size(), std::size_t(3));
    QCOMPARE(snapshot->transfers[0].lamIn.size(), Eigen::Index(2));
    QCOMPARE(snapshot->transfers[1].lamOut.size(), Eigen::Index(16));
    QCOMPARE(snapshot->spectrumHistory.size(), std::size_t(1));
    QCOMPARE(snapshot->datasetName, std::string("spirals"));
    QCOMPARE(snapshot->batchCount, 600 / 20);
}

void TrainingControllerTest::stepsAreDeterministicAndResetRestoresTheStart()
{
    TrainingController controller;
    controller.send(&TrainingWorker::configure, toySession());
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Ready; }));
    const ModelPtr initial = copyModel(controller);
    QVERIFY(initial);

    for (int i = 0; i < 3; ++i)
        controller.send(&TrainingWorker::stepBatch);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.batch == 3 && s.state == SessionState::Paused; }));
    const ModelPtr firstRun = copyModel(controller);
    QVERIFY(fingerprint(firstRun) != fingerprint(initial));

    controller.send(&TrainingWorker::reset);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Ready && s.batch == 0; }));
    QCOMPARE(fingerprint(copyModel(controller)), fingerprint(initial));
    for (int i = 0; i < 3; ++i)
        controller.send(&TrainingWorker::stepBatch);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.batch == 3 && s.state == SessionState::Paused; }));
    QCOMPARE(fingerprint(copyModel(controller)), fingerprint(firstRun));

    // A whole epoch completes it: history and a spectrum frame are recorded.
    controller.send(&TrainingWorker::stepEpoch);
    const auto snapshot = waitFor(controller, [](const TrainingSnapshot& s) { return s.epoch == 1 && s.state == SessionState::Paused; });
    QVERIFY(snapshot);
    QCOMPARE(snapshot->history.size(), std::size_t(1));
    QVERIFY(snapshot->history[0].testAccuracy > 0.0);
    QCOMPARE(snapshot->spectrumHistory.size(), std::size_t(2));
}

void TrainingControllerTest::snapshotsArriveWhileTrainingAndPauseStops()
{
    TrainingController controller;
    SessionSettings settings = toySession();
    settings.dataset.toySamples = 20000;
    settings.epochs = 50;
    controller.send(&TrainingWorker::configure, settings);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Ready; }));
    QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
    controller.send(&TrainingWorker::play);
    QTRY_VERIFY_WITH_TIMEOUT(snapshots.count() >= 5, 10000);
    QCOMPARE(controller.latestSnapshot()->state, SessionState::Running);
    QVERIFY(controller.latestSnapshot()->samplesPerSecond > 0.0);

    controller.send(&TrainingWorker::pause);
    const auto paused = waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Paused; });
    QVERIFY(paused);
    const ModelPtr atPause = copyModel(controller);
    QTest::qWait(300);
    QCOMPARE(fingerprint(copyModel(controller)), fingerprint(atPause));
    QCOMPARE(controller.latestSnapshot()->batch, paused->batch);
}

void TrainingControllerTest::settingsChangeMidRunKeepTheWeights()
{
    TrainingController controller;
    controller.send(&TrainingWorker::configure, toySession());
    controller.send(&TrainingWorker::stepEpoch);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.epoch == 1; }));
    const ModelPtr trained = copyModel(controller);
    OptimizerSettings faster;
    faster.kind = OptimizerKind::Adamax;
    faster.learningRate = 0.005;
    controller.send(&TrainingWorker::setOptimizer, faster);
    controller.send(&TrainingWorker::setTrainMode, TrainMode::Eigenvalues);
    const auto changed = waitFor(controller, [](const TrainingSnapshot& s) {
        return s.trainMode == TrainMode::Eigenvalues && s.optimizer.kind == OptimizerKind::Adamax;
    });
    QVERIFY(changed);
    QCOMPARE(changed->optimizer.learningRate, 0.005);
    const ModelPtr switched = copyModel(controller);
    QCOMPARE(switched->network.trainMode(), TrainMode::Eigenvalues);
    // the same parameters, and only the eigenvalues move from here on
    Model before = *trained;
    Model after = *switched;
    QCOMPARE(after.network.trainableParameterCount(), 2LL + 16 + 16 + 16 + 16 + 3);
    const auto beforeGroups = before.network.parameters();
    const auto afterGroups = after.network.parameters();
    QCOMPARE(afterGroups.size(), beforeGroups.size());
    for (std::size_t g = 0; g < afterGroups.size(); ++g)
        QVERIFY(*afterGroups[g].value == *beforeGroups[g].value);
    const auto phiBefore = *before.network.parameters()[0].value;
    controller.send(&TrainingWorker::stepBatch);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.batch == 1 && s.state == SessionState::Paused; }));
    Model stepped = *copyModel(controller);
    QVERIFY(*stepped.network.parameters()[0].value == phiBefore);            // phi frozen
    QVERIFY(*stepped.network.parameters()[1].value != *after.network.parameters()[1].value); // lam_in trained
}

void TrainingControllerTest::previewLeavesTheNetworkAlone()
{
    TrainingController controller;
    controller.send(&TrainingWorker::configure, toySession());
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Ready; }));
    controller.send(&TrainingWorker::stepEpoch);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.epoch == 1; }));
    const ModelPtr before = copyModel(controller);

    QSignalSpy previews(&controller, &TrainingController::previewReady);
    controller.previewPruning(PruningRequest::removingFraction(0.5));
    QVERIFY(previews.wait(10000));
    const auto preview = previews.at(0).at(0).value<PruningPreview>();
    QCOMPARE(preview.nodesBefore, (std::vector<int>{16, 16}));
    QCOMPARE(preview.nodesKept[0] + preview.nodesKept[1], 16);
    QVERIFY(preview.flopsAfter < preview.flopsBefore);
    QCOMPARE(preview.flopsBefore, 2LL * (2 * 16 + 16 * 16 + 16 * 3));
    QVERIFY(preview.accuracyBefore > 0.0);
    QCOMPARE(fingerprint(copyModel(controller)), fingerprint(before));
    QCOMPARE(controller.latestSnapshot()->transfers[0].nodeMask.sum(), 16.0f);

    // An impossible request is answered beside the controls, not as a session error.
    QSignalSpy failures(&controller, &TrainingController::previewFailed);
    controller.previewPruning(PruningRequest::removingFraction(1.5));
    QVERIFY(failures.wait(10000));
    QVERIFY(sessionErrorText(failures.at(0).at(0).value<SessionError>()).contains(QStringLiteral("fraction")));
}

void TrainingControllerTest::commitPruningReportsBeforeAndAfter()
{
    TrainingController controller;
    controller.send(&TrainingWorker::configure, toySession());
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Ready; }));
    QSignalSpy committed(&controller, &TrainingController::pruningCommitted);
    PruningRequest perLayerHalf = PruningRequest::removingFraction(0.5);
    perLayerHalf.perLayer = true;
    controller.send(&TrainingWorker::commitPruning, perLayerHalf);
    QVERIFY(committed.wait(10000));
    const auto before = committed.at(0).at(0).value<SessionPointPtr>();
    const auto after = committed.at(0).at(1).value<SessionPointPtr>();
    QCOMPARE(before->model.network.architecture().widths, (std::vector<int>{2, 16, 16, 3}));
    QCOMPARE(after->model.network.architecture().widths, (std::vector<int>{2, 8, 8, 3})); // physically removed
    QVERIFY(before->log.steps().empty());
    QCOMPARE(after->log.steps().size(), std::size_t(1)); // the pruning, recorded where it happened
    QCOMPARE(after->log.steps().front().kind, ExperimentStep::Kind::Prune);
    const auto step = committed.at(0).at(2).value<PruningStep>();
    QCOMPARE(step.request.fraction, 0.5);
    QCOMPARE(step.removedFraction, 0.5);
    QVERIFY(step.accuracyBefore > 0.0 && step.accuracyAfter > 0.0 && step.accuracyAfter <= 1.0);
    const auto snapshot = waitFor(controller, [](const TrainingSnapshot& s) {
        return s.transfers.size() == 3 && s.transfers[0].outputs == 8;
    });
    QVERIFY(snapshot);
}

void TrainingControllerTest::badSettingsKeepTheSession()
{
    TrainingController controller;
    controller.send(&TrainingWorker::configure, toySession());
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Ready; }));
    QSignalSpy errors(&controller, &TrainingController::errorOccurred);
    SessionSettings wrong = toySession();
    wrong.architecture.widths = {784, 16, 3}; // spirals have 2 features
    controller.send(&TrainingWorker::configure, wrong);
    QVERIFY(errors.wait(10000));
    const auto error = errors.at(0).at(0).value<SessionError>();
    QCOMPARE(error.command, SessionError::Command::Setup);
    QVERIFY(sessionErrorText(error).contains(QStringLiteral("784")));
    QTest::qWait(50);
    QCOMPARE(controller.latestSnapshot()->architecture.widths, (std::vector<int>{2, 16, 16, 3}));
    QCOMPARE(controller.latestSnapshot()->state, SessionState::Ready);
}

void TrainingControllerTest::switchingTheDataSetMidRunIsSafe()
{
    TrainingController controller;
    SessionSettings settings = toySession();
    settings.epochs = 100;
    controller.send(&TrainingWorker::configure, settings);
    controller.send(&TrainingWorker::play);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.state == SessionState::Running; }));
    SessionSettings circles = settings;
    circles.dataset.name = "circles";
    circles.architecture.widths = {2, 8, 2};
    controller.send(&TrainingWorker::configure, circles);
    const auto snapshot = waitFor(controller, [](const TrainingSnapshot& s) {
        return s.datasetName == "circles" && s.state == SessionState::Ready;
    });
    QVERIFY(snapshot);
    QCOMPARE(snapshot->architecture.widths, (std::vector<int>{2, 8, 2}));
    QCOMPARE(snapshot->epoch, 0);
    controller.send(&TrainingWorker::play);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.epoch >= 1; }));
}

// The worker logs what it trains, also after opening a model file: saved as an experiment, the
// session replays headless from that file to the same network.
void TrainingControllerTest::sessionsOpenedFromAModelReplay()
{
    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("start.rcp"));
    const QString experiment = dir.filePath(QStringLiteral("continued.json"));
    TrainingController controller;
    controller.send(&TrainingWorker::configure, toySession());
    controller.send(&TrainingWorker::stepEpoch);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.epoch == 1; }));
    QSignalSpy saved(&controller, &TrainingController::modelSaved);
    controller.send(&TrainingWorker::saveModel, model);
    QVERIFY(saved.wait(10000));
    controller.send(&TrainingWorker::openModel, model);
    controller.send(&TrainingWorker::setTrainMode, TrainMode::Eigenvalues);
    controller.send(&TrainingWorker::stepEpoch);
    QVERIFY(waitFor(controller, [](const TrainingSnapshot& s) { return s.epoch == 2 && s.state == SessionState::Paused; }));
    const double sessionAccuracy = controller.latestSnapshot()->history.back().testAccuracy;
    QSignalSpy written(&controller, &TrainingController::experimentSaved);
    controller.send(&TrainingWorker::saveExperiment, experiment);
    QVERIFY(written.wait(10000));

    const ExperimentSpec spec = loadExperiment(experiment.toStdString());
    QCOMPARE(spec.runs.front().startModel, QFileInfo(model).absoluteFilePath().toStdString());
    const ExperimentResult replayed = runExperiment(spec);
    QCOMPARE(replayed.rows.size(), std::size_t(1));
    QCOMPARE(replayed.rows[0].epochs, 2);
    QCOMPARE(replayed.rows[0].testAccuracy, sessionAccuracy);
}

QTEST_GUILESS_MAIN(TrainingControllerTest)
#include "test_training_controller.moc"
