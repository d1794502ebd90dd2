// SPDX-License-Identifier: MIT
// Journeys through the whole window, as a user makes them: keys and clicks on the real widgets,
// then what the window shows. Each one once showed something stale (issue: "state that never goes
// stale"): a loss curve carried over from the last session, a selection that jumped to another
// node after a pruning, phantom points in the ranked |λ| plot, read-outs of a network that was gone.
#include "widgets/MainWindow.h"
#include "widgets/knobs/FormulaReadout.h"
#include "widgets/knobs/KnobPanel.h"
#include "widgets/playground/NodeMapGrid.h"
#include "widgets/playground/PlaneCanvas.h"
#include "widgets/playground/PlaygroundView.h"
#include "widgets/pruning/PruningPanel.h"
#include "widgets/setup/SetupPanel.h"
#include "widgets/views/CurvesView.h"
#include "widgets/views/RankingView.h"
#include "widgets/views/SpectrumChartView.h"
#include "widgets/views/SpectrumStrip.h"
#include "widgets/views/SnapshotView.h"
#include "widgets/views/SpectrumView.h"
#include "RequiredLocale.h"
#include "ModelFingerprint.h"
#include "ToySession.h"

#include "core/data/DatasetLoader.h"
#include "core/io/ModelFile.h"
#include "core/network/NodeExplanation.h"

#include <QApplication>
#include <QWheelEvent>
#include <QItemSelectionModel>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QLineSeries>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTextTable>
#include <QUndoStack>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <set>

using namespace reciprocal;
using namespace reciprocal::widgets;
using reciprocal::widgets::testing::copyModel;
using reciprocal::widgets::testing::fingerprint;
using testing::toySession;

namespace {

constexpr int patience = 20000; // ms; a toy epoch takes a few

const TrainingSnapshot& latest(MainWindow& window) { return *window.controller().latestSnapshot(); }

// A push button by its text without the mnemonic's &: the whole text, or its start.
QPushButton* button(QWidget& parent, const QString& text, bool whole = true)
{
    for (QPushButton* candidate : parent.findChildren<QPushButton*>()) {
        const QString shown = candidate->text().remove(QLatin1Char('&'));
        if (whole ? shown == text : shown.startsWith(text))
            return candidate;
    }
    return nullptr;
}

QString statusText(MainWindow& window)
{
    QStringList texts;
    for (const QLabel* label : window.statusBar()->findChildren<QLabel*>())
        texts << label->text();
    return texts.join(QLatin1Char('\n'));
}

// The points the ranked |λ| plot draws, over its three series of nodes.
int strippedPoints(SpectrumStrip& strip)
{
    int points = 0;
    for (QAbstractSeries* series : strip.chart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(series); line && !line->name().isEmpty() &&
                                                             line->name() != QStringLiteral("selected"))
            points += static_cast<int>(line->count());
    return points;
}

// One notch of the mouse wheel over a widget, delivered as the application delivers it (event
// filters, then on to the parents if the widget ignores it).
void turnWheel(QWidget& widget)
{
    const QPointF centre = QRectF(widget.rect()).center();
    QWheelEvent wheel(centre, widget.mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &wheel);
}

} // namespace

class JourneyTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::verifyRequiredLocale(); }
    void init();
    void cleanup();
    void trainNewSessionTrainStartsAfresh();
    void pruningTheSelectedNodeEndsTheSelection();
    void pruneUndoRedoDrawsTheCurrentNodes();
    void readOutsFollowTheNetwork();
    void openedModelKeepsTheEpochsPerPlay();
    void entriesAreMarkedNotRewritten();
    void trainedWorkIsNotDiscardedUnasked();
    void exportsAreWhatToolsRead();
    void fitsA1024By768Projector();
    void stopAnswersAtOnceOnAHugeNetwork();
    void rankingFiltersThePreviewsCandidates();
    void generatedSetLearnsWithOnePressOfPlay();
    void playgroundDrawsTheBoundaryAndTheNodes();
    void knobsTurnTheNetworkAndUndoRestoresIt();
    void frozenKnobsStayWhileTrainingGoesOn();
    void formulaReadsAChosenTestImage();
    void setupChangesStartANewNetworkVisibly();
    void initialisationPresetDrawsTheNewNetwork();
    void fashionMnistCanComeFromAnyFolder();
    void earlierRunsStayToCompare();

private:
    // The setup panel gets the settings, then Ctrl+N starts the session as a user would (and agrees
    // to discard the trained network when asked).
    void newSession(const SessionSettings& settings)
    {
        m_window->setupPanel().setSettings(settings);
        key(Qt::Key_N, Qt::ControlModifier);
        answer(QMessageBox::Discard, false);
        QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).state == SessionState::Ready && latest(*m_window).epoch == 0 &&
                                     latest(*m_window).architecture.widths == settings.architecture.widths,
                                 patience);
    }
    void stepEpoch()
    {
        const int epoch = latest(*m_window).epoch;
        key(Qt::Key_F7);
        QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).epoch == epoch + 1 &&
                                     latest(*m_window).state == SessionState::Paused,
                                 patience);
    }
    // Clicks the button of the question about an unsaved network; fails if there is none and
    // `asked` says there must be.
    void answer(QMessageBox::StandardButton choice, bool asked = true)
    {
        auto* question = m_window->findChild<QMessageBox*>(QStringLiteral("discardQuestion"));
        if (!asked && !question)
            return;
        QVERIFY(question && question->isVisible());
        QTest::mouseClick(question->button(choice), Qt::LeftButton);
        QTRY_VERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("discardQuestion")));
        if (m_window->isVisible()) { // the keyboard goes back to the window, as after a real dialog
            m_window->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_window));
        }
    }
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QTest::keyClick(m_window, key, modifiers);
    }

    MainWindow* m_window = nullptr;
};

void JourneyTest::init()
{
    m_window = new MainWindow;
    m_window->resize(1280, 800);
    m_window->show();
    QApplication::setActiveWindow(m_window); // shortcuts go to the active window
    QVERIFY(QTest::qWaitForWindowActive(m_window));
}

void JourneyTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

// Train → New session with the same settings → train: the same seed gives the same batches, so the
// per-batch loss curve must be the same one again, not continue the last session's smoothing.
void JourneyTest::trainNewSessionTrainStartsAfresh()
{
    const SessionSettings settings = toySession({2, 16, 16, 3});
    newSession(settings);
    stepEpoch();
    const SharedLog<BatchPoint> first = latest(*m_window).batchLosses;
    QVERIFY(first.size() > 5);
    QVERIFY(first.front().loss > first.back().loss); // it learned something

    newSession(settings);
    QVERIFY(latest(*m_window).batchLosses.empty());
    QCOMPARE(latest(*m_window).samplesPerSecond, 0.0);
    stepEpoch();
    const SharedLog<BatchPoint> second = latest(*m_window).batchLosses;
    QCOMPARE(second.size(), first.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        QCOMPARE(second[i].epoch, first[i].epoch);
        QCOMPARE(second[i].loss, first[i].loss);
    }
}

// Select a node in the ranking table, prune it: the nodes are renumbered, so nothing may stay
// selected, and the button must not offer another node under the old number.
void JourneyTest::pruningTheSelectedNodeEndsTheSelection()
{
    newSession(toySession({2, 24, 16, 3}));
    stepEpoch();
    QVERIFY(m_window->showView(QStringLiteral("ranking")));
    auto* table = m_window->findChild<QTableView*>();
    QVERIFY(table);
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() == 40, patience);
    const QRect firstRow = table->visualRect(table->model()->index(0, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, firstRow.center());
    auto* panel = m_window->findChild<PruningPanel*>();
    QPushButton* pruneNode = button(*panel, QStringLiteral("Prune node "), false);
    QVERIFY(pruneNode && pruneNode->isEnabled());
    const QString offered = pruneNode->text().remove(QLatin1Char('&'));

    QTest::mouseClick(pruneNode, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->history().count() == 1, patience);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].outputs + latest(*m_window).transfers[1].outputs == 39,
                             patience);
    QTRY_VERIFY(!pruneNode->isEnabled());
    QCOMPARE(pruneNode->text().remove(QLatin1Char('&')), QStringLiteral("Prune the selected node"));
    QVERIFY(m_window->history().text(0).startsWith(offered.mid(0, offered.indexOf(QStringLiteral(" of")))));
    QVERIFY(!table->selectionModel()->hasSelection());

    // A new session into another network starts without a selection too.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, firstRow.center());
    QVERIFY(pruneNode->isEnabled());
    newSession(toySession({2, 8, 3}));
    QTRY_VERIFY(!pruneNode->isEnabled());
    QVERIFY(!table->selectionModel()->hasSelection());
}

// Prune half, undo, redo, with the spectrum showing: the ranked plot draws exactly the current
// nodes on an axis that ends after the last one.
void JourneyTest::pruneUndoRedoDrawsTheCurrentNodes()
{
    newSession(toySession({2, 24, 16, 3}));
    stepEpoch();
    QVERIFY(m_window->showView(QStringLiteral("spectrum")));
    auto* panel = m_window->findChild<PruningPanel*>();
    panel->setRequest(PruningRequest::removingFraction(0.5));
    QTest::mouseClick(button(*panel, QStringLiteral("Prune")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].outputs < 24, patience);
    const int pruned = latest(*m_window).transfers[0].outputs;
    auto* strip = m_window->findChild<SpectrumStrip*>();
    const auto drawsNodes = [strip](int nodes) {
        auto* axis = qobject_cast<QValueAxis*>(strip->chart()->axes(Qt::Horizontal).front());
        return strippedPoints(*strip) == nodes && axis->max() == nodes + 1.0;
    };
    QTRY_VERIFY(drawsNodes(pruned));

    key(Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].outputs == 24, patience);
    QTRY_VERIFY(drawsNodes(24));
    key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].outputs == pruned, patience);
    QTRY_VERIFY(drawsNodes(pruned));
    QCOMPARE(strip->viewportUpdateMode(), QGraphicsView::FullViewportUpdate); // no stale pixels either
}

// After a pruning the status bar shows the pruned network's accuracy; the epoch slider replaying an
// old epoch goes live in a new session; a preview error of a network without hidden layers goes
// with that network.
void JourneyTest::readOutsFollowTheNetwork()
{
    newSession(toySession({2, 24, 16, 3}));
    stepEpoch();
    stepEpoch();
    auto* panel = m_window->findChild<PruningPanel*>();
    QSignalSpy committed(&m_window->controller(), &TrainingController::pruningCommitted);
    panel->setRequest(PruningRequest::removingFraction(0.6));
    QTest::mouseClick(button(*panel, QStringLiteral("Prune")), Qt::LeftButton);
    QVERIFY(committed.wait(patience));
    const auto step = committed.at(0).at(2).value<PruningStep>();
    QTRY_VERIFY_WITH_TIMEOUT(statusText(*m_window).contains(
                                 QStringLiteral("test accuracy %1 %").arg(100.0 * step.accuracyAfter, 0, 'f', 2)),
                             patience);
    // ...and after an undo and a redo, the network each one restores
    key(Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(statusText(*m_window).contains(
                                 QStringLiteral("test accuracy %1 %").arg(100.0 * step.accuracyBefore, 0, 'f', 2)),
                             patience);
    key(Qt::Key_Y, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(statusText(*m_window).contains(
                                 QStringLiteral("test accuracy %1 %").arg(100.0 * step.accuracyAfter, 0, 'f', 2)),
                             patience);

    QVERIFY(m_window->showView(QStringLiteral("spectrum")));
    auto* spectrum = m_window->findChild<SpectrumView*>();
    auto* slider = spectrum->findChild<QSlider*>();
    QTRY_VERIFY(slider->isEnabled());
    slider->setValue(0);
    const auto epochLabel = [spectrum] {
        QStringList texts;
        for (const QLabel* label : spectrum->findChildren<QLabel*>())
            texts << label->text();
        return texts.join(QLatin1Char('\n'));
    };
    QVERIFY(epochLabel().contains(QStringLiteral("(initial)")));
    newSession(toySession({2, 20, 3}));
    QTRY_VERIFY(epochLabel().contains(QStringLiteral("epoch 0 of 3 · live")));

    newSession(toySession({2, 3}));
    const auto summary = [panel] {
        QStringList texts;
        for (const QLabel* label : panel->findChildren<QLabel*>())
            texts << label->text();
        return texts.join(QLatin1Char('\n'));
    };
    QTRY_VERIFY_WITH_TIMEOUT(summary().contains(QStringLiteral("no nodes to prune")), patience);
    newSession(toySession({2, 12, 3}));
    QTRY_VERIFY_WITH_TIMEOUT(summary().contains(QStringLiteral("Hidden nodes 12 →")), patience);
    QVERIFY(!summary().contains(QStringLiteral("no nodes to prune")));
}

// Opening a model trained for several runs keeps the setup's epochs per Play (it once showed the
// model's epochs plus one run).
void JourneyTest::openedModelKeepsTheEpochsPerPlay()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("six.rcp"));
    SessionSettings settings = toySession({2, 12, 3});
    settings.epochs = 3;
    newSession(settings);
    for (int run = 1; run <= 2; ++run) {
        key(Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).epoch == 3 * run &&
                                     latest(*m_window).state == SessionState::Finished,
                                 patience);
    }
    QSignalSpy saved(&m_window->controller(), &TrainingController::modelSaved);
    m_window->controller().send(&TrainingWorker::saveModel, path);
    QVERIFY(saved.wait(patience));
    newSession(toySession({2, 8, 3}));
    QSignalSpy opened(&m_window->controller(), &TrainingController::modelOpened);
    m_window->controller().send(&TrainingWorker::openModel, path);
    QVERIFY(opened.wait(patience));
    QTRY_COMPARE(latest(*m_window).epoch, 6);
    QCOMPARE(m_window->setupPanel().settings().epochs, 3);
    QCOMPARE(latest(*m_window).targetEpochs, 9); // Play trains one more run of three
}

// Fashion-MNIST's folder is the package's by default, but a user without the package can point the
// setup panel elsewhere (the field used to be disabled for it, so the error's advice could not be
// followed): the field is open, says the default, and a hint says how to install the package when
// it is missing; a folder without the files is a message naming the folder.
void JourneyTest::fashionMnistCanComeFromAnyFolder()
{
    newSession(toySession({2, 16, 3}));
    SetupPanel& setup = m_window->setupPanel();
    auto* dataset = setup.findChild<QComboBox*>();
    auto* folder = setup.findChild<QLineEdit*>(QStringLiteral("folder"));
    auto* hint = setup.findChild<QLabel*>(QStringLiteral("installHint"));
    QVERIFY(dataset && folder && hint);
    dataset->setCurrentText(QStringLiteral("fashion-mnist"));
    QVERIFY(folder->isEnabled());
    QVERIFY(folder->placeholderText().contains(QString::fromLatin1(kDefaultFashionMnistDirectory)));
    QCOMPARE(hint->isVisibleTo(&setup), !QDir(QString::fromLatin1(kDefaultFashionMnistDirectory)).exists());
    QTemporaryDir empty;
    folder->setText(empty.path());
    QVERIFY(!hint->isVisibleTo(&setup)); // a folder is given: the package is not needed
    key(Qt::Key_N, Qt::ControlModifier);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>()) && box->isVisible());
    QVERIFY2(box->text().contains(empty.path()), qPrintable(box->text()));
    box->close();
    QCOMPARE(latest(*m_window).architecture.widths, (std::vector<int>{2, 16, 3})); // the session stays
    dataset->setCurrentText(QStringLiteral("spirals"));
    QVERIFY(!folder->isEnabled());
}

// What the user typed stays as typed: a field that cannot be used is marked and says why, the
// session is left alone, and a learning rate the user chose survives a change of optimiser.
void JourneyTest::entriesAreMarkedNotRewritten()
{
    newSession(toySession({2, 16, 3}));
    const auto field = [this](const QString& text) -> QLineEdit* {
        for (QLineEdit* edit : m_window->setupPanel().findChildren<QLineEdit*>())
            if (edit->text() == text)
                return edit;
        return nullptr;
    };
    QLineEdit* architecture = field(QStringLiteral("2-16-3"));
    QVERIFY(architecture);
    architecture->selectAll();
    QTest::keyClicks(architecture, QStringLiteral("2-abc-3"));
    QCOMPARE(architecture->text(), QStringLiteral("2-abc-3"));
    QVERIFY(architecture->toolTip().contains(QStringLiteral("2-abc-3")));
    QVERIFY(architecture->palette().color(QPalette::Text) != m_window->setupPanel().palette().color(QPalette::Text));
    key(Qt::Key_N, Qt::ControlModifier);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox*>()) && box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("2-abc-3")), qPrintable(box->text()));
    box->close();
    QCOMPARE(latest(*m_window).architecture.widths, (std::vector<int>{2, 16, 3}));
    architecture->selectAll();
    QTest::keyClicks(architecture, QStringLiteral("2-16-3"));
    QCOMPARE(architecture->palette().color(QPalette::Text), m_window->setupPanel().palette().color(QPalette::Text));

    QLineEdit* rate = field(QLocale().toString(0.01, 'g', 6));
    QVERIFY(rate);
    rate->selectAll();
    QTest::keyClicks(rate, QStringLiteral("1e9x"));
    QTest::keyClick(rate, Qt::Key_Return);
    QCOMPARE(rate->text(), QStringLiteral("1e9x"));
    QVERIFY(rate->toolTip().contains(QStringLiteral("Learning rate")));
    QTest::qWait(100);
    QCOMPARE(latest(*m_window).optimizer.learningRate, 0.01); // the session kept its rate
    rate->selectAll();
    QTest::keyClicks(rate, QStringLiteral("5e-3"));
    QTest::keyClick(rate, Qt::Key_Return);
    QTRY_COMPARE(latest(*m_window).optimizer.learningRate, 0.005);

    QComboBox* optimizer = nullptr;
    for (QComboBox* combo : m_window->setupPanel().findChildren<QComboBox*>())
        if (combo->findText(QStringLiteral("sgd")) >= 0)
            optimizer = combo;
    QVERIFY(optimizer);
    optimizer->setCurrentText(QStringLiteral("sgd"));
    QCOMPARE(rate->text(), QStringLiteral("5e-3")); // the user's rate stays
    QTRY_COMPARE(latest(*m_window).optimizer.kind, OptimizerKind::Sgd);
    QCOMPARE(latest(*m_window).optimizer.learningRate, 0.005);
    rate->selectAll();
    QTest::keyClicks(rate, QLocale().toString(defaultLearningRate(OptimizerKind::Sgd), 'g', 6));
    QTest::keyClick(rate, Qt::Key_Return);
    optimizer->setCurrentText(QStringLiteral("adam")); // a default rate follows the optimiser
    QCOMPARE(rate->text(), QLocale().toString(defaultLearningRate(OptimizerKind::Adam), 'g', 6));
    QTRY_COMPARE(latest(*m_window).optimizer.learningRate, defaultLearningRate(OptimizerKind::Adam));
}

// New session, Reset, Open and Quit ask before they discard a trained network that is not saved;
// Cancel keeps it, Save writes it first, a fresh or just-saved network goes without a question.
void JourneyTest::trainedWorkIsNotDiscardedUnasked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kept.rcp"));
    newSession(toySession({2, 12, 3}));
    key(Qt::Key_N, Qt::ControlModifier); // nothing trained yet: no question
    QTest::qWait(50);
    QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("discardQuestion")));
    stepEpoch();

    key(Qt::Key_N, Qt::ControlModifier);
    answer(QMessageBox::Cancel);
    QTest::qWait(100);
    QCOMPARE(latest(*m_window).epoch, 1); // kept

    QSignalSpy saved(&m_window->controller(), &TrainingController::modelSaved);
    m_window->controller().send(&TrainingWorker::saveModel, path);
    QVERIFY(saved.wait(patience));
    key(Qt::Key_R, Qt::ControlModifier); // just saved: no question
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).epoch == 0, patience);
    QVERIFY(!m_window->findChild<QMessageBox*>(QStringLiteral("discardQuestion")));

    stepEpoch();
    stepEpoch();
    key(Qt::Key_R, Qt::ControlModifier);
    answer(QMessageBox::Save); // written to the model's file, then reset
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).epoch == 0, patience);
    QCOMPARE(loadModel(path.toStdString()).epoch, 2);

    stepEpoch();
    m_window->close();
    answer(QMessageBox::Cancel);
    QVERIFY(m_window->isVisible());
    m_window->close();
    answer(QMessageBox::Discard);
    QTRY_VERIFY(!m_window->isVisible());
}

// Exported pictures hold the charts without the controls around them; the curves' data is one tidy
// table (series, epoch, value) with as many rows as points were measured.
void JourneyTest::exportsAreWhatToolsRead()
{
    newSession(toySession({2, 12, 3}));
    stepEpoch();
    for (const QString& name : {QStringLiteral("curves"), QStringLiteral("spectrum")}) {
        QVERIFY(m_window->showView(name));
        SnapshotView* view = nullptr;
        for (SnapshotView* candidate : m_window->findChildren<SnapshotView*>())
            if (candidate->viewName() == name)
                view = candidate;
        QWidget& figure = view->figure();
        QVERIFY2(&figure != view, qPrintable(name));
        QVERIFY(figure.findChildren<QCheckBox*>().isEmpty() && figure.findChildren<QSlider*>().isEmpty() &&
                figure.findChildren<QComboBox*>().isEmpty());
        QVERIFY(!figure.grab().isNull() && figure.height() < view->height());
    }
    QVERIFY(m_window->showView(QStringLiteral("curves")));
    QStringList lines;
    for (SnapshotView* view : m_window->findChildren<SnapshotView*>())
        if (view->viewName() == QStringLiteral("curves"))
            lines = view->seriesCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.takeFirst(), QStringLiteral("series,epoch,value"));
    const TrainingSnapshot& s = latest(*m_window);
    QCOMPARE(lines.size(), static_cast<qsizetype>(4 * s.history.size() + s.batchLosses.size())); // no validation set
    for (const QString& line : lines)
        QCOMPARE(line.count(QLatin1Char(',')), 2);

    // The spectrum's table is the whole history, whichever epoch and layer are on screen: 12 nodes
    // at the end of epochs 0, 1 and 2, then the pruned network now.
    stepEpoch();
    auto* panel = m_window->findChild<PruningPanel*>();
    panel->setRequest(PruningRequest::removingFraction(0.5));
    QTest::mouseClick(button(*panel, QStringLiteral("Prune")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].outputs < 12, patience);
    const int kept = latest(*m_window).transfers[0].outputs;
    QVERIFY(m_window->showView(QStringLiteral("spectrum"))); // Export view data exports the view shown
    for (SnapshotView* view : m_window->findChildren<SnapshotView*>())
        if (view->viewName() == QStringLiteral("spectrum"))
            lines = view->seriesCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.takeFirst(), QStringLiteral("series,epoch,layer,node,lambda,abs_lambda,rank,active"));
    QCOMPARE(lines.size(), 3 * 12 + kept);
    QCOMPARE(lines.filter(QStringLiteral("epoch end,0,1,")).size(), 12);
    QCOMPARE(lines.filter(QStringLiteral("epoch end,2,1,")).size(), 12);
    QCOMPARE(lines.filter(QStringLiteral("now,2,1,")).size(), kept);

    // The masks view draws block maxima; its data export is every |W| of the live network.
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("weights.csv"));
    QSignalSpy exported(&m_window->controller(), &TrainingController::dataExported);
    m_window->controller().send(&TrainingWorker::exportWeightMagnitudes, path);
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, patience);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.takeFirst(), QStringLiteral("transfer,receiving,emitting,abs_w"));
    QCOMPARE(lines.size(), 2 * kept + kept * 3);
}

// A 1024×768 projector: the window with both docks fits, and no label of the docks, the toolbar or
// the status bar is narrower than it needs for its text.
void JourneyTest::fitsA1024By768Projector()
{
    newSession(toySession({2, 12, 3}));
    stepEpoch();
    m_window->resize(1024, 768);
    for (const QString& name : m_window->viewNames()) {
        QVERIFY(m_window->showView(name));
        QTest::qWait(50);
        QVERIFY2(m_window->width() <= 1024 && m_window->height() <= 768,
                 qPrintable(QStringLiteral("%1: %2x%3").arg(name).arg(m_window->width()).arg(m_window->height())));
    }
    // The spectrum's charts keep room for their axis titles and all their tick labels (Qt Charts
    // elides what does not fit).
    QVERIFY(m_window->showView(QStringLiteral("spectrum")));
    QTest::qWait(50);
    for (SpectrumChartView* chart : m_window->findChildren<SpectrumChartView*>()) {
        for (QValueAxis* axis : {chart->xAxis(), chart->yAxis()}) {
            // A title is elided to the length of its axis, the plot area's side.
            const int needed = QFontMetrics(axis->titleFont()).horizontalAdvance(axis->titleText());
            const qreal room = axis == chart->xAxis() ? chart->chart()->plotArea().width()
                                                      : chart->chart()->plotArea().height();
            QVERIFY2(room >= needed, qPrintable(QStringLiteral("'%1' needs %2 px, has %3")
                                                   .arg(axis->titleText())
                                                   .arg(needed)
                                                   .arg(room)));
        }
        const qreal plot = chart->chart()->plotArea().width();
        const int ticks = chart->xAxis()->tickType() == QValueAxis::TicksFixed
                              ? chart->xAxis()->tickCount()
                              : static_cast<int>((chart->xAxis()->max() - chart->xAxis()->min()) /
                                                 chart->xAxis()->tickInterval()) + 1;
        QVERIFY2(plot / ticks >= QFontMetrics(chart->xAxis()->labelsFont()).horizontalAdvance(QStringLiteral("-0.5")),
                 qPrintable(QStringLiteral("%1 ticks on %2 px").arg(ticks).arg(plot)));
    }
    for (QLabel* label : m_window->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
            continue;
        QVERIFY2(label->width() >= label->minimumSizeHint().width(),
                 qPrintable(QStringLiteral("'%1' is %2 px wide, needs %3")
                                .arg(label->text())
                                .arg(label->width())
                                .arg(label->minimumSizeHint().width())));
    }
}

// A wide network takes a second or more per training step; Stop (Shift+F5) in the middle of one
// must answer within 200 ms (the bound), not when the step is done, and the run must be
// able to go on afterwards.
void JourneyTest::stopAnswersAtOnceOnAHugeNetwork()
{
    SessionSettings settings = toySession({2, 3000, 3000, 3}, LayerKind::Spectral2, 3000);
    settings.training.batchSize = 1000; // three steps of about 27e9 multiply-adds each per epoch
    newSession(settings);
    QElapsedTimer sinceStop;
    qint64 answeredAfter = -1;
    connect(&m_window->controller(), &TrainingController::snapshotReady, this, [&](const SnapshotPtr& snapshot) {
        if (sinceStop.isValid() && answeredAfter < 0 && snapshot->state == SessionState::Finished)
            answeredAfter = sinceStop.elapsed();
    });
    key(Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).state == SessionState::Running, patience);
    QTest::qWait(400); // into the first step
    sinceStop.start();
    key(Qt::Key_F5, Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(answeredAfter >= 0, patience);
    qInfo("Stop answered after %lld ms", answeredAfter);
    QVERIFY2(answeredAfter < 200, qPrintable(QStringLiteral("Stop took %1 ms").arg(answeredAfter)));
    QVERIFY(statusText(*m_window).contains(QStringLiteral("Finished")));

    // Play goes on from where the step was interrupted: that step is trained again, in full.
    const int epoch = latest(*m_window).epoch;
    key(Qt::Key_F6);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).state == SessionState::Paused, patience);
    QVERIFY(latest(*m_window).epoch * latest(*m_window).batchCount + latest(*m_window).batch >
            epoch * latest(*m_window).batchCount);
}

// Move the pruning slider, then type "candidate" into the ranking's filter: the table shows the
// nodes the preview would remove, as many as the pruning panel says.
void JourneyTest::rankingFiltersThePreviewsCandidates()
{
    newSession(toySession({2, 20, 10, 3}));
    stepEpoch();
    QVERIFY(m_window->showView(QStringLiteral("ranking")));
    QSignalSpy previews(&m_window->controller(), &TrainingController::previewReady);
    auto* panel = m_window->findChild<PruningPanel*>();
    panel->setRequest(PruningRequest::removingFraction(0.3));
    QTRY_VERIFY_WITH_TIMEOUT(!previews.isEmpty() && previews.last().at(0).value<PruningPreview>().request.fraction == 0.3,
                             patience);
    const PruningPreview preview = previews.last().at(0).value<PruningPreview>();
    const int removed = (preview.nodesBefore[0] - preview.nodesKept[0]) + (preview.nodesBefore[1] - preview.nodesKept[1]);
    QVERIFY(removed > 0);
    auto* filter = m_window->findChild<RankingView*>()->findChild<QLineEdit*>();
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("candidate"));
    auto* table = m_window->findChild<RankingView*>()->findChild<QTableView*>();
    QCOMPARE(table->model()->rowCount(), removed);
}

// A teacher picks XOR in the setup panel and presses Play once: the panel shows the set's teaching
// preset (bias on), and the run learns it (it stayed at chance with the general defaults). Back on
// Fashion-MNIST the general defaults return.
void JourneyTest::generatedSetLearnsWithOnePressOfPlay()
{
    auto* dataset = m_window->setupPanel().findChildren<QComboBox*>().front();
    QVERIFY(dataset->findText(QStringLiteral("xor")) >= 0);
    auto* classes = m_window->setupPanel().findChild<QSpinBox*>(QStringLiteral("classes"));
    dataset->setFocus();
    dataset->setCurrentIndex(dataset->findText(QStringLiteral("spirals")));
    classes->setValue(4);
    dataset->setCurrentIndex(dataset->findText(QStringLiteral("xor"))); // as the user's choice in the list
    // XOR has two classes, whatever spirals had; the spirals' four come back with them.
    QCOMPARE(classes->value(), 2);
    QVERIFY(!classes->isEnabled());
    dataset->setCurrentIndex(dataset->findText(QStringLiteral("spirals")));
    QCOMPARE(classes->value(), 4);
    QCOMPARE(m_window->setupPanel().settings().dataset.toyClasses, 4);
    dataset->setCurrentIndex(dataset->findText(QStringLiteral("xor")));
    const SessionSettings shown = m_window->setupPanel().settings();
    QCOMPARE(shown.architecture.widths, (std::vector<int>{2, 32, 32, 2}));
    QVERIFY(shown.architecture.bias);
    QCOMPARE(shown.training.batchSize, 20);
    key(Qt::Key_F5);
    answer(QMessageBox::Discard, false);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).state == SessionState::Finished, patience);
    QCOMPARE(latest(*m_window).datasetName, std::string("xor"));
    QVERIFY2(latest(*m_window).testAccuracy >= 0.97, qPrintable(QString::number(latest(*m_window).testAccuracy)));
    // Editing the epochs per Play of a finished run changes the next run, not the one that ended.
    const int reached = latest(*m_window).epoch;
    auto* epochs = m_window->setupPanel().findChild<QSpinBox*>(QStringLiteral("epochs"));
    QVERIFY(epochs);
    epochs->setValue(epochs->value() + 1);
    Q_EMIT epochs->editingFinished();
    QTest::qWait(100);
    QCOMPARE(latest(*m_window).targetEpochs, reached);

    dataset->setCurrentIndex(dataset->findText(QStringLiteral("fashion-mnist")));
    const SessionSettings back = m_window->setupPanel().settings();
    const SessionSettings defaults;
    QCOMPARE(back.architecture.widths, defaults.architecture.widths);
    QCOMPARE(back.architecture.bias, false);
    QCOMPARE(back.training.batchSize, defaults.training.batchSize);
    QCOMPARE(back.optimizer.learningRate, defaults.optimizer.learningRate);
}

// The playground of a trained generated set: distinct class regions under the points, a thumbnail
// per shown hidden node, and hovering one draws its map large.
void JourneyTest::playgroundDrawsTheBoundaryAndTheNodes()
{
    SessionSettings settings = toySession({2, 16, 16, 3});
    settings.architecture.bias = true;
    newSession(settings);
    for (int epoch = 0; epoch < 3; ++epoch)
        stepEpoch();
    QVERIFY(m_window->showView(QStringLiteral("playground")));
    auto* view = m_window->findChild<PlaygroundView*>();
    QVERIFY(view);
    QTRY_VERIFY(latest(*m_window).plane != nullptr);
    const PlanePicture& plane = *latest(*m_window).plane;
    QCOMPARE(plane.probabilities.rows(), 3);
    // Every class is predicted somewhere: the picture has three regions, not one colour.
    std::set<Eigen::Index> predicted;
    for (Eigen::Index cell = 0; cell < plane.probabilities.cols(); ++cell) {
        Eigen::Index top = 0;
        plane.probabilities.col(cell).maxCoeff(&top);
        predicted.insert(top);
    }
    QCOMPARE(predicted.size(), std::size_t(3));
    QCOMPARE(plane.nodeMaps.size(), std::size_t(2));
    QCOMPARE(plane.nodeMaps[0].rows(), 16);

    // On screen: the canvas shows the regions' colours and the points; the grid a thumbnail per node.
    const QImage shown = view->canvas().grab().toImage();
    const QRectF area = view->canvas().plotArea();
    std::set<QRgb> colours;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
            colours.insert(shown.pixel(QPoint(static_cast<int>(area.left() + (x + 0.5) * area.width() / 8),
                                              static_cast<int>(area.top() + (y + 0.5) * area.height() / 8))));
    QVERIFY2(colours.size() >= 3, qPrintable(QString::number(colours.size())));
    NodeMapGrid& grid = view->nodeMaps();
    const QRect thumbnail = grid.thumbnailRect(NodeRef{2, 5});
    QVERIFY(thumbnail.isValid() && grid.rect().contains(thumbnail));
    QTest::mouseMove(&grid, thumbnail.center());
    QTRY_COMPARE(view->shownNode(), (NodeRef{2, 5}));
    QTest::mouseClick(&grid, Qt::LeftButton, {}, thumbnail.center());
    // The click selected the node everywhere: the knob panel now turns its eigenvalues.
    QTRY_VERIFY(!m_window->knobPanel().knobs().empty());
    QCOMPARE(m_window->knobPanel().knobs().front().key.node, 5);

    // Its data export is the boundary's grid.
    const QStringList lines = view->seriesCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("x1,x2,predicted_class,confidence,p_0,p_1,p_2"));
    QCOMPARE(lines.size(), 1 + plane.resolution * plane.resolution);
}

// Eigenvalues as knobs: a node picked in a view, its λ_out turned with the keyboard (one undoable
// step however many presses), W follows; Silence zeroes a one-set node; undo gives back the
// network bit for bit, and the saved experiment replays the edits.
void JourneyTest::knobsTurnTheNetworkAndUndoRestoresIt()
{
    SessionSettings settings = toySession({2, 16, 3}, LayerKind::Spectral1);
    settings.architecture.bias = true;
    newSession(settings);
    stepEpoch();
    const ModelPtr original = copyModel(m_window->controller());
    QVERIFY(original);
    QVERIFY(m_window->showView(QStringLiteral("playground")));
    auto* view = m_window->findChild<PlaygroundView*>();
    QTRY_VERIFY(view->nodeMaps().thumbnailRect(NodeRef{1, 4}).isValid());
    QTest::mouseClick(&view->nodeMaps(), Qt::LeftButton, {}, view->nodeMaps().thumbnailRect(NodeRef{1, 4}).center());

    KnobPanel& knobs = m_window->knobPanel();
    QTRY_COMPARE(knobs.knobs().size(), std::size_t(2)); // λ_out and the bias; one set has no λ_in
    const KnobPanel::Knob lamOut = knobs.knobs().front();
    QCOMPARE(lamOut.key.parameter, NodeParameter::OutputEigenvalue);
    QCOMPARE(lamOut.key.value, static_cast<double>(original->network.layer(0).parameterValues()[1].value->coeff(4, 0)));
    // A wheel turned to scroll the panel leaves a knob it passes over alone until it is clicked.
    m_window->setFocus();
    const int sliderBefore = lamOut.slider->value();
    turnWheel(*lamOut.slider);
    turnWheel(*lamOut.spinBox);
    QCOMPARE(lamOut.slider->value(), sliderBefore);
    QCOMPARE(knobs.knobs().front().key.value, lamOut.key.value);
    QCOMPARE(m_window->history().count(), 0);
    lamOut.slider->setFocus();
    QElapsedTimer answered;
    answered.start();
    for (int press = 0; press < 3; ++press)
        QTest::keyClick(lamOut.slider, Qt::Key_PageUp);
    const double turnedTo = knobs.knobs().front().key.value;
    QVERIFY(turnedTo != lamOut.key.value);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].lamOut(4) == static_cast<float>(turnedTo), patience);
    qInfo("knob: three key presses answered in %lld ms", static_cast<long long>(answered.elapsed()));
    QCOMPARE(m_window->history().count(), 1); // one gesture, one step
    // The formula read-out explains node 4 at the first test point, and what the turn changed.
    QTRY_VERIFY(knobs.formula().text().contains(QStringLiteral("z<sub>4</sub>")) &&
                knobs.formula().text().contains(QStringLiteral("(was ")));
    // Its table of terms keeps a gap before every column: "0" and "-1.791" never read as "0-1.791".
    QTextDocument readout;
    readout.setHtml(knobs.formula().text());
    const QList<QTextFrame*> frames = readout.rootFrame()->childFrames();
    const auto* terms = frames.isEmpty() ? nullptr : qobject_cast<QTextTable*>(frames.front());
    QVERIFY(terms && terms->rows() > 1);
    for (int column = 1; column < terms->columns(); ++column)
        QVERIFY(terms->cellAt(1, column).format().toTableCellFormat().leftPadding() >= 3.0);
    QVERIFY(m_window->history().text(0).contains(QStringLiteral("node 4")));
    const ModelPtr turned = copyModel(m_window->controller());
    // W's row 4 is -λ_out,4 φ_4. and nothing else moved.
    const auto& phi = *turned->network.layer(0).parameterValues()[0].value;
    const Matrix<float>& w = turned->network.layer(0).effectiveWeights();
    for (int j = 0; j < 2; ++j)
        QCOMPARE(w(4, j), -static_cast<float>(turnedTo) * phi(4, j));
    QCOMPARE(w.row(3), original->network.layer(0).effectiveWeights().row(3));

    key(Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].lamOut(4) == static_cast<float>(lamOut.key.value), patience);
    QCOMPARE(fingerprint(copyModel(m_window->controller())), fingerprint(original));

    // Silence: λ_out and the bias to zero, one step; the node's map is zero over the whole plane.
    QVERIFY(knobs.silenceButton().isEnabled());
    QTest::mouseClick(&knobs.silenceButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].lamOut(4) == 0.0f && latest(*m_window).transfers[0].bias(4) == 0.0f,
                             patience);
    const auto& shownNodes = latest(*m_window).diagramNodes[1];
    const auto row = std::find(shownNodes.begin(), shownNodes.end(), 4) - shownNodes.begin();
    QVERIFY(latest(*m_window).plane->nodeMaps[0].row(row).isZero(0.0));
    QCOMPARE(m_window->history().index(), 1); // the undone turn was replaced by the silence
    QVERIFY(m_window->history().text(0).startsWith(QStringLiteral("Silence")));

    // The session log holds the edits: the saved experiment replays them headless.
    QTemporaryDir folder;
    const QString experiment = folder.filePath(QStringLiteral("knobs.json"));
    QSignalSpy saved(&m_window->controller(), &TrainingController::experimentSaved);
    m_window->controller().send(&TrainingWorker::saveExperiment, experiment);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, patience);
    const ExperimentSpec spec = loadExperiment(experiment.toStdString());
    const auto& steps = spec.runs.front().steps;
    QVERIFY(std::any_of(steps.begin(), steps.end(), [](const ExperimentStep& step) {
        return step.kind == ExperimentStep::Kind::Set && step.edits.back().value == 0.0;
    }));
    const ModelPtr silenced = copyModel(m_window->controller());

    key(Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].bias(4) != 0.0f, patience);
    QTRY_COMPARE_WITH_TIMEOUT(fingerprint(copyModel(m_window->controller())), fingerprint(original), patience);

    // Replayed in the window, the saved session trains its epoch and sets the knobs again: the
    // silenced network, bit for bit.
    QSignalSpy replayed(&m_window->controller(), &TrainingController::replayProgressed);
    m_window->openExperiment(experiment);
    QTRY_VERIFY_WITH_TIMEOUT(!replayed.isEmpty() && replayed.last().at(0).value<ReplayProgress>().kind ==
                                                        ReplayProgress::Kind::Finished,
                             patience);
    const std::vector<double> replayedModel = fingerprint(copyModel(m_window->controller()));
    QCOMPARE(replayedModel, fingerprint(silenced));
    QCOMPARE(latest(*m_window).transfers[0].lamOut(4), 0.0f);
    QCOMPARE(latest(*m_window).transfers[0].bias(4), 0.0f);

    // A two-set node: Silence is offered honestly as impossible.
    newSession(toySession({2, 16, 3}));
    m_window->knobPanel().selectNode(NodeRef{1, 2});
    QTRY_VERIFY(!knobs.silenceButton().isEnabled() && knobs.silenceButton().toolTip().contains(QStringLiteral("Prune")));
}

// Freeze: a node's knobs held against training. Eigenvalue training moves every other node and
// leaves the frozen one's incoming weights bit for bit; the knob still turns it by hand and training
// keeps the new value; undo releases it; the saved experiment replays the freeze.
void JourneyTest::frozenKnobsStayWhileTrainingGoesOn()
{
    SessionSettings settings = toySession({2, 16, 3}, LayerKind::Spectral1);
    settings.architecture.bias = true;
    settings.mode = TrainMode::Eigenvalues;
    newSession(settings);
    stepEpoch();
    KnobPanel& knobs = m_window->knobPanel();
    knobs.selectNode(NodeRef{1, 4});
    QTRY_COMPARE(knobs.knobs().size(), std::size_t(2));
    QVERIFY(knobs.freezeBox().isVisible() && !knobs.freezeBox().isChecked());
    QTest::mouseClick(&knobs.freezeBox(), Qt::LeftButton, {}, QPoint(8, knobs.freezeBox().height() / 2));
    QTRY_COMPARE_WITH_TIMEOUT(latest(*m_window).held.size(), std::size_t(2), patience);
    QVERIFY(knobs.freezeBox().isChecked());
    QVERIFY(m_window->history().text(0).startsWith(QStringLiteral("Freeze node 4")));
    const ModelPtr frozen = copyModel(m_window->controller());
    stepEpoch();
    stepEpoch();
    const ModelPtr trained = copyModel(m_window->controller());
    const auto weights = [](const ModelPtr& model) { return model->network.layer(0).effectiveWeights(); };
    QCOMPARE(weights(trained).row(4), weights(frozen).row(4));
    QVERIFY(weights(trained).row(3) != weights(frozen).row(3));

    // Turned by hand while frozen: the new value stays through training.
    knobs.knobs().front().spinBox->setValue(0.5);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).transfers[0].lamOut(4) == 0.5f, patience);
    stepEpoch();
    QCOMPARE(latest(*m_window).transfers[0].lamOut(4), 0.5f);
    QVERIFY(knobs.freezeBox().isChecked());

    QTemporaryDir folder;
    const QString experiment = folder.filePath(QStringLiteral("frozen.json"));
    QSignalSpy saved(&m_window->controller(), &TrainingController::experimentSaved);
    m_window->controller().send(&TrainingWorker::saveExperiment, experiment);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, patience);
    const ExperimentSpec spec = loadExperiment(experiment.toStdString()); // alive while its steps are read
    const auto& steps = spec.runs.front().steps;
    QVERIFY(std::any_of(steps.begin(), steps.end(), [](const ExperimentStep& step) {
        return step.kind == ExperimentStep::Kind::Hold && step.held.size() == 2;
    }));
    const std::vector<double> finished = fingerprint(copyModel(m_window->controller()));

    // Undo the turn, then the freeze: the node is free again.
    key(Qt::Key_Z, Qt::ControlModifier);
    key(Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).held.empty() && !knobs.freezeBox().isChecked(), patience);

    // Replayed, the session freezes the node where it did, and ends on the same network bit for bit.
    QSignalSpy replayed(&m_window->controller(), &TrainingController::replayProgressed);
    m_window->openExperiment(experiment);
    QTRY_VERIFY_WITH_TIMEOUT(!replayed.isEmpty() && replayed.last().at(0).value<ReplayProgress>().kind ==
                                                        ReplayProgress::Kind::Finished,
                             patience);
    QCOMPARE(fingerprint(copyModel(m_window->controller())), finished);
    QCOMPARE(latest(*m_window).held.size(), std::size_t(2));
}

// Image data has no plane: the formula read-out explains a test image chosen with its spin box,
// shows the image, its class and the prediction, names input pixels by row and column, and its z
// is the core's explanation of the live network.
void JourneyTest::formulaReadsAChosenTestImage()
{
    if (!QDir(kDefaultFashionMnistDirectory).exists())
        QSKIP("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    SessionSettings settings;
    settings.dataset.trainLimit = 600;
    settings.dataset.testLimit = 200;
    settings.architecture = Architecture{{784, 16, 10}, LayerKind::Spectral2, Activation::Tanh, true};
    settings.training.batchSize = 50;
    newSession(settings);
    stepEpoch();
    KnobPanel& knobs = m_window->knobPanel();
    knobs.selectNode(NodeRef{1, 3});
    QTRY_VERIFY(knobs.formula().text().contains(QStringLiteral("for test image 0")));
    knobs.formula().setProbeSample(7);
    QVERIFY(knobs.formula().text().contains(QStringLiteral("for test image 7")));
    const auto* picture = knobs.formula().findChild<QLabel*>(QStringLiteral("probeImage"));
    QVERIFY(picture->isVisible() && picture->pixmap().width() == 56);
    const SnapshotPtr shown = m_window->controller().latestSnapshot();
    QVERIFY(knobs.formula()
                .findChild<QLabel*>(QStringLiteral("probeCaption"))
                ->text()
                .startsWith(QStringLiteral("class %1, predicted ").arg(shown->probeSamples->labels[7])));
    // A first-layer term names its pixel: "(row,column)".
    QVERIFY(knobs.formula().text().contains(QRegularExpression(QStringLiteral(">\\(\\d+,\\d+\\)<"))));
    const NodeExplanation expected =
        explainNode(copyModel(m_window->controller())->network, 0, 3, shown->probeSamples->features.col(7));
    QVERIFY2(knobs.formula().text().contains(
                 QStringLiteral("z = %1</b>").arg(static_cast<double>(expected.preActivation), 0, 'f', 3)),
             qPrintable(knobs.formula().text()));
}

// Setup changes take effect visibly: a field that makes a new network is marked once it differs
// from the running session's, and Play then starts that network (asking before discarding the
// trained one); live fields (learning rate) keep the network. The generated data's controls
// (noise, features, Regenerate) reach the worker's data.
// The setup panel's Initialisation: a preset the layer kind lacks cannot be chosen; choosing one
// marks the field, and the new session's network is drawn by it (pre-sparse-qr: lam_in = 1,
// lam_out = 0); another layer kind without it falls back to default. A penalty goes with it.
void JourneyTest::initialisationPresetDrawsTheNewNetwork()
{
    newSession(toySession({2, 16, 16, 3}));
    SetupPanel& setup = m_window->setupPanel();
    QComboBox* presets = nullptr;
    QComboBox* kinds = nullptr;
    for (QComboBox* box : setup.findChildren<QComboBox*>()) {
        if (box->findText(QStringLiteral("pre-sparse-qr")) >= 0)
            presets = box;
        if (box->findText(QStringLiteral("qr-triangular")) >= 0)
            kinds = box;
    }
    QVERIFY(presets && kinds);
    const auto* items = qobject_cast<QStandardItemModel*>(presets->model());
    QVERIFY(!items->item(presets->findText(QStringLiteral("glorot")))->isEnabled()); // spectral2 has no W to draw
    presets->setCurrentText(QStringLiteral("pre-sparse-qr"));
    QCOMPARE(setup.changesNeedingANewNetwork(), QStringList{QStringLiteral("Initialisation")});
    // A penalty, typed as the locale writes numbers (a comma under it_IT).
    QLineEdit* l1Eigenvalues = nullptr;
    for (QLineEdit* field : setup.findChildren<QLineEdit*>())
        if (field->accessibleName().startsWith(QStringLiteral("L1 on the eigenvalues")))
            l1Eigenvalues = field;
    QVERIFY(l1Eigenvalues);
    l1Eigenvalues->setText(QLocale().toString(0.0005));
    QCOMPARE(setup.changesNeedingANewNetwork().size(), 2);
    for (QPushButton* button : setup.findChildren<QPushButton*>())
        if (button->text() == QStringLiteral("&New session"))
            button->click();
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).session &&
                                 latest(*m_window).session->training.initialisation == Initialisation::PreSparseQr,
                             patience);
    QCOMPARE(latest(*m_window).session->training.regularisation.l1Eigenvalues, 0.0005);
    for (const TransferSnapshot& transfer : latest(*m_window).transfers) {
        QVERIFY((transfer.lamIn.array() == 1.0f).all());
        QVERIFY((transfer.lamOut.array() == 0.0f).all());
    }
    QVERIFY(setup.changesNeedingANewNetwork().isEmpty());
    kinds->setCurrentText(QStringLiteral("direct"));
    QCOMPARE(presets->currentText(), QStringLiteral("default"));
}

void JourneyTest::setupChangesStartANewNetworkVisibly()
{
    newSession(toySession({2, 16, 16, 3}));
    stepEpoch();
    SetupPanel& setup = m_window->setupPanel();
    QVERIFY(setup.changesNeedingANewNetwork().isEmpty());
    QLineEdit* architecture = nullptr;
    for (QLineEdit* field : setup.findChildren<QLineEdit*>())
        if (field->text() == QStringLiteral("2-16-16-3"))
            architecture = field;
    QVERIFY(architecture);
    architecture->setFocus();
    architecture->selectAll();
    QTest::keyClicks(architecture, QStringLiteral("2-8-3"));
    QCOMPARE(setup.changesNeedingANewNetwork(), QStringList{QStringLiteral("Architecture")});
    const auto labels = setup.findChildren<QLabel*>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](QLabel* label) {
        return label->isVisible() && label->text().contains(QStringLiteral("Changed since this network was made"));
    }));
    QVERIFY(std::any_of(labels.begin(), labels.end(),
                        [](QLabel* label) { return label->text() == QStringLiteral("Architecture ●"); }));

    const std::uint64_t numbering = latest(*m_window).nodeNumbering;
    key(Qt::Key_F5);
    answer(QMessageBox::Discard); // an epoch was trained: Play asks before it starts over
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).architecture.widths == (std::vector<int>{2, 8, 3}) &&
                                 latest(*m_window).epoch >= 1,
                             patience);
    QVERIFY(latest(*m_window).nodeNumbering != numbering);
    QTRY_VERIFY(setup.changesNeedingANewNetwork().isEmpty());
    QVERIFY(std::none_of(labels.begin(), labels.end(),
                         [](QLabel* label) { return label->text().contains(QStringLiteral("●")); }));
    key(Qt::Key_F5); // pause
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).state != SessionState::Running, patience);

    // The generated data's controls: more noise and x1^2, then Regenerate draws new points.
    auto* noise = setup.findChild<QDoubleSpinBox*>(QStringLiteral("noise"));
    QCOMPARE(noise->value(), 0.1);
    noise->setValue(0.3);
    QCheckBox* squared = nullptr;
    for (QCheckBox* box : setup.findChildren<QCheckBox*>())
        if (box->text() == QStringLiteral("x1^2"))
            squared = box;
    QVERIFY(squared);
    squared->setChecked(true);
    QCOMPARE(architecture->text(), QStringLiteral("3-8-3")); // one input more
    QCOMPARE(setup.changesNeedingANewNetwork(),
             (QStringList{QStringLiteral("Noise"), QStringLiteral("Features"), QStringLiteral("Architecture")}));
    const std::shared_ptr<const PlanePoints> before = latest(*m_window).plane->points;
    QPushButton* regenerate = nullptr;
    for (QPushButton* button : setup.findChildren<QPushButton*>())
        if (button->text().remove(QLatin1Char('&')) == QStringLiteral("Regenerate"))
            regenerate = button;
    QVERIFY(regenerate);
    QTest::mouseClick(regenerate, Qt::LeftButton);
    answer(QMessageBox::Discard);
    QTRY_VERIFY_WITH_TIMEOUT(latest(*m_window).session && latest(*m_window).session->dataset.seed == 2 &&
                                 latest(*m_window).plane,
                             patience);
    const TrainingSnapshot& regenerated = latest(*m_window);
    QCOMPARE(regenerated.architecture.widths, (std::vector<int>{3, 8, 3}));
    QCOMPARE(regenerated.session->dataset.toyNoise, 0.3);
    QVERIFY(regenerated.plane->points->train != before->train);
    QCOMPARE(regenerated.plane->points->features, std::vector<PlaneFeature>{PlaneFeature::X1Squared});
}

// Compare runs: a new session keeps the last run's test curves (faded, named in a key below the
// charts, with its settings in the export) and its final boundary, which the playground shows beside
// the new one in a plane of the same size, both titled with their settings.
void JourneyTest::earlierRunsStayToCompare()
{
    SessionSettings eigenvaluesOnly = toySession({2, 16, 3});
    eigenvaluesOnly.mode = TrainMode::Eigenvalues;
    newSession(eigenvaluesOnly);
    stepEpoch();
    stepEpoch();
    newSession(toySession({2, 16, 3}));
    stepEpoch();
    auto* curves = m_window->findChild<CurvesView*>();
    QCOMPARE(curves->earlierRunCount(), 1);
    QStringList names;
    for (QChart* chart : curves->charts())
        for (QAbstractSeries* series : chart->series())
            names << series->name();
    QVERIFY2(names.filter(QStringLiteral("run 1: spirals 2-16-3 spectral2, eigenvalues 2 epochs, adam")).size() == 2,
             qPrintable(names.join(QLatin1Char('|'))));
    // The key names the run in full, where a chart's legend cut it to "earlier: s…".
    QVERIFY2(curves->earlierRunKey().text().contains(QStringLiteral("run 1: spirals, eigenvalues 2 epochs")),
             qPrintable(curves->earlierRunKey().text()));
    QVERIFY(curves->earlierRunKey().toolTip().contains(QStringLiteral("spectral2, eigenvalues 2 epochs, adam")));
    const QString csv = curves->seriesCsv();
    QCOMPARE(csv.count(QStringLiteral("earlier_run_1_test_accuracy,")), 2); // two epochs
    QVERIFY(csv.contains(QStringLiteral("\ntest_accuracy,1,")));            // and the current run's own

    QVERIFY(m_window->showView(QStringLiteral("playground")));
    auto* playground = m_window->findChild<PlaygroundView*>();
    QCheckBox* previous = nullptr;
    for (QCheckBox* box : playground->findChildren<QCheckBox*>())
        if (box->text() == QStringLiteral("Previous run"))
            previous = box;
    QVERIFY(previous && previous->isEnabled());
    previous->click();
    QTRY_VERIFY(playground->previousCanvas().isVisible());
    const QImage shown = playground->previousCanvas().grab().toImage();
    const QPoint centre = playground->previousCanvas().plotArea().center().toPoint();
    QVERIFY(shown.pixelColor(centre) != playground->previousCanvas().palette().color(QPalette::Window));
    // Once the layout has taken the thumbnails' room (a posted layout request).
    QTRY_COMPARE(playground->previousCanvas().geometry().size(), playground->canvas().geometry().size());
    QCOMPARE(playground->previousCanvas().geometry().top(), playground->canvas().geometry().top());
    QStringList texts;
    for (const QLabel* label : playground->findChildren<QLabel*>())
        texts << label->text();
    QVERIFY2(texts.filter(QStringLiteral("<b>This run</b>")).filter(QStringLiteral("full 1 epoch")).size() == 1,
             qPrintable(texts.join(QLatin1Char('|'))));
    QVERIFY(texts.filter(QStringLiteral("Hover a node's thumbnail")).isEmpty()); // the thumbnails are hidden

    // Earlier runs differ in pen, not only in name.
    newSession(toySession({2, 16, 3}));
    QTRY_COMPARE(curves->earlierRunCount(), 2);
    std::set<std::pair<QRgb, int>> pens;
    for (QAbstractSeries* series : curves->charts().front()->series())
        if (series->name().startsWith(QStringLiteral("run ")))
            pens.emplace(static_cast<QLineSeries*>(series)->pen().color().rgb(),
                         static_cast<int>(static_cast<QLineSeries*>(series)->pen().style()));
    QCOMPARE(pens.size(), std::size_t(2));
}

QTEST_MAIN(JourneyTest)
#include "test_journeys.moc"
