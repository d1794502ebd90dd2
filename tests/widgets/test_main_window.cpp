// SPDX-License-Identifier: MIT
// The assembled application, offscreen: a session trains while every view receives snapshots, the
// pruning panel previews in the background without touching the network, commit and undo go
// through the history, and the window's screenshot is a real picture of the right size.
#include "widgets/MainWindow.h"
#include "widgets/pruning/PruningPanel.h"
#include "widgets/views/SnapshotView.h"
#include "ImageChecks.h"
#include "ModelFingerprint.h"
#include "ToySession.h"
#include "WindowActions.h"

#include "core/io/AtomicFile.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QTest>
#include <QUrl>
#include <QUndoStack>

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

using namespace reciprocal;
using namespace reciprocal::widgets;
using testing::actionNamed;
using testing::copyModel;
using testing::distinctColours;
using testing::fingerprint;
using testing::toySession;

namespace {

SessionState stateOf(MainWindow& window) { return window.controller().latestSnapshot()->state; }

// The session the file tests start from: a 2-12-3 one-set network on spirals, one epoch.
SessionSettings oneEpochSession()
{
    SessionSettings settings = toySession({2, 12, 3}, LayerKind::Spectral1, 300);
    settings.epochs = 1;
    return settings;
}

// Starts the session in the shown window and plays it to the end.
void trainToTheEnd(MainWindow& window, const SessionSettings& settings)
{
    window.startSession(settings);
    window.controller().send(&TrainingWorker::play);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window), SessionState::Finished, 20000);
}

// Saves the window's model and waits until the file is there.
void saveModelTo(MainWindow& window, const QString& path)
{
    window.controller().send(&TrainingWorker::saveModel, path);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 10000);
}


} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trainsAndFeedsEveryView();
    void previewCommitUndo();
    void screenshotIsARealPicture();
    void experimentFilesPlayInTheWindow();
    void badFilesShowAMessageAndKeepTheSession();
    void droppedFilesOpenByTheirContent();
    void mediaIconsFollowThePalette();
};

void MainWindowTest::trainsAndFeedsEveryView()
{
    MainWindow window;
    window.show();
    window.startSession(toySession({2, 24, 16, 3}));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window), SessionState::Ready, 20000);
    window.controller().send(&TrainingWorker::play);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window), SessionState::Finished, 60000);
    QCOMPARE(window.controller().latestSnapshot()->epoch, 3);
    const auto views = window.findChildren<SnapshotView*>();
    QCOMPARE(views.size(), 6);
    std::set<QString> names;
    for (SnapshotView* view : views) {
        names.insert(view->viewName());
        QVERIFY(window.showView(view->viewName())); // a view draws the newest snapshot when shown
        QTest::qWait(20);
        QVERIFY2(view->seriesCsv().count(QLatin1Char('\n')) > 1, qPrintable(view->viewName()));
    }
    QCOMPARE(names.size(), std::size_t(6));
    QVERIFY(!window.showView(QStringLiteral("no-such-view")));
}

void MainWindowTest::previewCommitUndo()
{
    MainWindow window;
    window.show();
    window.startSession(toySession({2, 24, 16, 3}));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window), SessionState::Ready, 20000);
    auto* panel = window.findChild<PruningPanel*>();
    QVERIFY(panel);
    QSignalSpy previews(&window.controller(), &TrainingController::previewReady);
    panel->setRequest(PruningRequest::removingFraction(0.4));
    QVERIFY(previews.wait(10000));
    // a preview only masks a copy
    QCOMPARE(window.controller().latestSnapshot()->transfers[0].outputs, 24);

    QSignalSpy committed(&window.controller(), &TrainingController::pruningCommitted);
    Q_EMIT panel->commitRequested(panel->request());
    QVERIFY(committed.wait(10000));
    QTRY_COMPARE(window.history().count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller().latestSnapshot()->transfers[0].outputs < 24, 10000);
    window.history().undo();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller().latestSnapshot()->transfers[0].outputs, 24, 10000);

    // a node picked in a view is pruned by hand, as an undoable step of its own
    panel->selectNode(NodeRef{1, 3});
    QPushButton* pruneNode = nullptr;
    for (QPushButton* button : panel->findChildren<QPushButton*>())
        if (button->text().remove(QLatin1Char('&')).contains(QStringLiteral("node 3 of hidden layer 1")))
            pruneNode = button;
    QVERIFY(pruneNode && pruneNode->isEnabled());
    pruneNode->click();
    QTRY_VERIFY_WITH_TIMEOUT(window.history().count() == 1 && window.history().text(0).contains(QStringLiteral("node 3")),
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.controller().latestSnapshot()->transfers[0].outputs, 23, 10000);
    panel->selectNode(NodeRef{3, 0}); // an output node cannot be pruned
    QVERIFY(!pruneNode->isEnabled());
}

void MainWindowTest::screenshotIsARealPicture()
{
    QTemporaryDir dir;
    MainWindow window;
    window.resize(1200, 760);
    window.show();
    window.startSession(toySession({2, 24, 16, 3}));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(window), SessionState::Ready, 20000);
    window.controller().send(&TrainingWorker::stepEpoch);
    QTRY_COMPARE_WITH_TIMEOUT(window.controller().latestSnapshot()->epoch, 1, 20000);
    for (const QString& name : window.viewNames()) {
        QVERIFY(window.showView(name));
        QTest::qWait(50);
        const QString path = dir.filePath(name + QStringLiteral(".png"));
        window.saveScreenshot(path);
        const QImage image(path);
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        QVERIFY2(distinctColours(image, 7) > 20, qPrintable(name));
    }
}

void MainWindowTest::experimentFilesPlayInTheWindow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("replay.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "reciprocal-experiment", "version": 1, "id": "replay", "title": "replay",
      "runs": [{"name": "toy", "dataset": {"name": "spirals", "samples": 400},
                "network": {"arch": "2-20-3", "layer": "spectral1", "batch": 20},
                "steps": [{"train": {"epochs": 2, "lr": 0.01}},
                          {"sweep": {"criteria": ["spectral"], "fractions": [0.5]}},
                          {"prune": {"criterion": "spectral", "fractions": [0.5], "commit": true}},
                          {"train": {"epochs": 1, "mode": "eigenvalues"}}]}]})");
    file.close();
    MainWindow window;
    window.show();
    window.openExperiment(path);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller().latestSnapshot()->epoch == 3 &&
                                 window.controller().latestSnapshot()->state == SessionState::Finished,
                             30000);
    const auto snapshot = window.controller().latestSnapshot();
    QCOMPARE(snapshot->architecture.widths, (std::vector<int>{2, 10, 3}));
    QCOMPARE(snapshot->trainMode, TrainMode::Eigenvalues);
    QCOMPARE(window.history().count(), 1);

    // a broken file leaves the session as it was and says why
    QFile broken(dir.filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{\"format\": ");
    broken.close();
    window.openExperiment(broken.fileName());
    QTest::qWait(100);
    QCOMPARE(window.controller().latestSnapshot()->epoch, 3);
    QVERIFY(window.findChild<QMessageBox*>());
}

// Model and data files that cannot be read: the window says which file and why, in a message that
// does not block it, and the trained network stays exactly as it was.
void MainWindowTest::badFilesShowAMessageAndKeepTheSession()
{
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    const SessionSettings settings = oneEpochSession();
    trainToTheEnd(window, settings);
    const std::vector<double> trained = fingerprint(copyModel(window.controller()));

    const QString good = dir.filePath(QStringLiteral("good.rcp"));
    saveModelTo(window, good);
    const std::string model = readWholeFile(good.toStdString(), std::size_t(64) << 20);
    QVERIFY(model.size() > 100);
    const QString truncated = dir.filePath(QStringLiteral("truncated.rcp"));
    writeFileAtomically(truncated.toStdString(), std::string_view(model).substr(0, model.size() / 2));
    std::string flipped = model;
    flipped[flipped.size() - 10] = static_cast<char>(flipped[flipped.size() - 10] ^ 0x5a);
    const QString corrupt = dir.filePath(QStringLiteral("corrupt.rcp"));
    writeFileAtomically(corrupt.toStdString(), flipped);
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("ragged")));
    writeFileAtomically(dir.filePath(QStringLiteral("ragged/train.csv")).toStdString(), "0.1,0.2,0\n0.3,1\n");
    writeFileAtomically(dir.filePath(QStringLiteral("ragged/test.csv")).toStdString(), "0.1,0.2,0\n");
    SessionSettings ragged = settings;
    ragged.dataset.name = "csv";
    ragged.dataset.directory = dir.filePath(QStringLiteral("ragged")).toStdString();

    const std::vector<std::pair<QString, std::function<void()>>> attempts{
        {QStringLiteral("truncated.rcp"), [&] { window.controller().send(&TrainingWorker::openModel, truncated); }},
        {QStringLiteral("corrupt.rcp"), [&] { window.controller().send(&TrainingWorker::openModel, corrupt); }},
        {QStringLiteral("train.csv"), [&] { window.startSession(ragged); }},
    };
    for (const auto& [file, attempt] : attempts) {
        attempt();
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox*>()) && box->isVisible(), 10000);
        QVERIFY2(box->text().contains(file), qPrintable(box->text()));
        QVERIFY(!box->isModal());
        QCOMPARE(fingerprint(copyModel(window.controller())), trained);
        QCOMPARE(stateOf(window), SessionState::Finished);
        box->close();
    }
}

// A file dropped on the window (or given to `reciprocal gui FILE`) opens by what it is: a model
// replaces the session, anything else is a message that leaves the session alone.
void MainWindowTest::droppedFilesOpenByTheirContent()
{
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    trainToTheEnd(window, oneEpochSession());
    const std::vector<double> trained = fingerprint(copyModel(window.controller()));
    const QString model = dir.filePath(QStringLiteral("trained.model")); // the content decides, not the name
    saveModelTo(window, model);
    window.startSession(toySession({2, 8, 3}, LayerKind::Spectral2, 300)); // a fresh network: nothing to lose
    QTRY_VERIFY_WITH_TIMEOUT(window.controller().latestSnapshot()->architecture.widths == (std::vector<int>{2, 8, 3}),
                             10000);

    const auto drop = [&](const QString& path) {
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent event(QPointF(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &event);
    };
    drop(model);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller().latestSnapshot()->architecture.widths == (std::vector<int>{2, 12, 3}),
                             10000);
    QCOMPARE(fingerprint(copyModel(window.controller())), trained);
    QCOMPARE(window.controller().latestSnapshot()->epoch, 1);

    const QString picture = dir.filePath(QStringLiteral("picture.png"));
    QVERIFY(window.grab().save(picture));
    drop(picture);
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox*>()) && box->isVisible(), 10000);
    QVERIFY2(box->text().contains(QStringLiteral("not a Reciprocal model, experiment or lesson file")),
             qPrintable(box->text()));
    QCOMPARE(fingerprint(copyModel(window.controller())), trained);
}

// The play, step and stop symbols are drawn in the palette's text colour: black on a dark palette
// they could not be told from the toolbar, enabled or not.
void MainWindowTest::mediaIconsFollowThePalette()
{
    MainWindow window;
    window.show();
    QAction* play = actionNamed(window, QStringLiteral("&Play"));
    QVERIFY(play);
    const auto symbolLightness = [play] {
        const QImage image = play->icon().pixmap(QSize(16, 16)).toImage();
        int lightest = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (qAlpha(image.pixel(x, y)) > 200)
                    lightest = std::max(lightest, QColor(image.pixel(x, y)).lightness());
        return lightest;
    };
    window.setDarkPalette(true);
    QTRY_VERIFY2(symbolLightness() > 180, qPrintable(QString::number(symbolLightness())));
    window.setDarkPalette(false);
    QTRY_VERIFY2(symbolLightness() < 100, qPrintable(QString::number(symbolLightness())));
}

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
