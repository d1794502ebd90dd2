// SPDX-License-Identifier: MIT
// Interactive pruning as undoable commands: prune -> undo -> redo restores every parameter,
// optimizer moment and the history exactly, and pruning after an undo branches the history.
#include "widgets/pruning/PruneCommand.h"
#include "ModelFingerprint.h"
#include "ToySession.h"

#include "core/experiments/ExperimentRunner.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace reciprocal;
using namespace reciprocal::widgets;
using testing::copyModel;
using testing::copySession;
using testing::fingerprint;
using testing::toySession;

class PruneCommandTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void undoAndRedoRestoreExactly();
    void pruningAfterUndoBranches();
    void commandsDescribeThemselves();

private:
    // Commits a pruning and pushes it as the main window does.
    void prune(double fraction)
    {
        QSignalSpy committed(m_controller, &TrainingController::pruningCommitted);
        m_controller->send(&TrainingWorker::commitPruning, PruningRequest::removingFraction(fraction));
        QVERIFY(committed.wait(10000));
        const auto arguments = committed.at(0);
        m_stack.push(new PruneCommand(*m_controller, arguments.at(0).value<SessionPointPtr>(),
                                      arguments.at(1).value<SessionPointPtr>(), arguments.at(2).value<PruningStep>()));
    }

    TrainingController* m_controller = nullptr;
    QUndoStack m_stack;
};

void PruneCommandTest::init()
{
    m_controller = new TrainingController;
    const SessionSettings settings = toySession({2, 12, 12, 3}, LayerKind::Spectral1, 400);
    m_controller->send(&TrainingWorker::configure, settings);
    m_controller->send(&TrainingWorker::stepEpoch);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->epoch == 1, 20000);
}

void PruneCommandTest::cleanup()
{
    m_stack.clear();
    delete m_controller;
}

void PruneCommandTest::undoAndRedoRestoreExactly()
{
    const ModelPtr trained = copyModel(*m_controller);
    prune(0.5);
    const ModelPtr pruned = copyModel(*m_controller);
    QVERIFY(pruned->network.architecture().widths != trained->network.architecture().widths);
    QVERIFY(m_stack.text(0).contains(QStringLiteral("50")));
    QCOMPARE(copySession(*m_controller)->log.steps().size(), std::size_t(2)); // the epoch, then the pruning

    m_stack.undo();
    QCOMPARE(copySession(*m_controller)->log.steps().size(), std::size_t(1));
    QCOMPARE(fingerprint(copyModel(*m_controller)), fingerprint(trained));
    QCOMPARE(copyModel(*m_controller)->network.architecture().widths, trained->network.architecture().widths);
    // Training after the undo is logged where it happens, and a redo forgets it with the model.
    m_controller->send(&TrainingWorker::stepEpoch);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->epoch == 2, 20000);
    QCOMPARE(copySession(*m_controller)->log.steps().front().train.epochs, 2);
    m_stack.redo();
    QCOMPARE(fingerprint(copyModel(*m_controller)), fingerprint(pruned));
    const SessionPointPtr redone = copySession(*m_controller);
    QCOMPARE(redone->log.steps().size(), std::size_t(2));
    QCOMPARE(redone->log.steps().front().train.epochs, 1);
    // The curves show the restored history, not the epoch trained before the redo.
    const SnapshotPtr shown = m_controller->latestSnapshot();
    QCOMPARE(shown->history.size(), std::size_t(1));
    QCOMPARE(shown->history.back().testAccuracy, redone->model.history.back().testAccuracy);

    // The restored network trains on: one more epoch after the redo.
    m_controller->send(&TrainingWorker::stepEpoch);
    QTRY_VERIFY_WITH_TIMEOUT(m_controller->latestSnapshot()->epoch == 2, 20000);
    QCOMPARE(m_controller->latestSnapshot()->history.size(), std::size_t(2));
}

void PruneCommandTest::pruningAfterUndoBranches()
{
    prune(0.5);
    prune(0.5);
    QCOMPARE(m_stack.count(), 2);
    m_stack.undo();
    const ModelPtr afterFirst = copyModel(*m_controller);
    prune(0.25);
    QCOMPARE(m_stack.count(), 2); // the undone step was dropped
    QVERIFY(!m_stack.canRedo());
    // the log replays the surviving branch: one epoch, prune 50 %, prune 25 %
    const ExperimentSpec replay = copySession(*m_controller)->log.experiment("session", "replay");
    QCOMPARE(replay.runs[0].steps.size(), std::size_t(3));
    QCOMPARE(replay.runs[0].steps[2].prune.fractions, std::vector<double>{0.25});
    QVERIFY(replay.runs[0].steps[2].prune.commit);
    // ...and `reciprocal experiment` runs the saved file: the network shrinks step by step as in the session
    const ExperimentResult rows = runExperiment(parseExperiment(experimentText(replay), "session.json"));
    QCOMPARE(rows.rows.size(), std::size_t(3));
    QCOMPARE(rows.rows[0].hiddenNodes, 24);
    QCOMPARE(rows.rows[1].hiddenNodes, 12);
    QCOMPARE(rows.rows[2].hiddenNodes, copyModel(*m_controller)->network.activeHiddenNodeCounts()[0] +
                                           copyModel(*m_controller)->network.activeHiddenNodeCounts()[1]);
    m_stack.undo();
    QCOMPARE(fingerprint(copyModel(*m_controller)), fingerprint(afterFirst));
}

void PruneCommandTest::commandsDescribeThemselves()
{
    PruningStep step;
    step.request.fraction = 0.5;
    step.removedFraction = 0.5;
    step.accuracyBefore = 0.851;
    step.accuracyAfter = 0.803;
    QCOMPARE(PruneCommand::describe(step), QStringLiteral("Prune 50 % by spectral: 85.1 → 80.3 %"));
    step.request.perLayer = true;
    step.request.criterion = PruningCriterion::Random;
    QCOMPARE(PruneCommand::describe(step), QStringLiteral("Prune 50 % by random per layer: 85.1 → 80.3 %"));
    step.request.threshold = 0.25;
    step.removedFraction = 0.375;
    QCOMPARE(PruneCommand::describe(step), QStringLiteral("Prune 37.5 % with random score below 0.25: 85.1 → 80.3 %"));
    step.request.nodes = {{1, 7}};
    QCOMPARE(PruneCommand::describe(step), QStringLiteral("Prune node 7 of hidden layer 1: 85.1 → 80.3 %"));
    // The undo stack shows what the command says of itself.
    prune(0.5);
    QVERIFY(m_stack.text(0).startsWith(QStringLiteral("Prune 50 % by spectral: ")));
}

QTEST_GUILESS_MAIN(PruneCommandTest)
#include "test_prune_command.moc"
