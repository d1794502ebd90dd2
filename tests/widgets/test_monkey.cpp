// SPDX-License-Identifier: MIT
// A monkey test: thousands of random user actions on the assembled window while a toy session
// trains (play, pause, steps, stop, reset, undo and redo, other data sets, architectures and layer
// kinds, optimiser and trained-group changes, pruning requests possible and impossible, hand-picked
// nodes, view switches, knobs turned by slider, spin box, Silence and Freeze, edits and holds of
// parameters that do not exist). Nothing may crash, the worker must still answer at the end, the
// GUI thread must never stall for a second, and the last snapshot must describe the network the
// worker holds.
//
// The seed is random and printed; RECIPROCAL_MONKEY_SEED repeats a run, RECIPROCAL_MONKEY_STEPS
// makes it longer, RECIPROCAL_MONKEY_MAX_STALL_MS loosens the stall bound for sanitizer builds
// (they run several times slower) and RECIPROCAL_MONKEY_TRACE=1 prints every action (the last line
// before a crash names its cause).
#include "widgets/MainWindow.h"
#include "widgets/knobs/KnobPanel.h"
#include "widgets/pruning/PruningPanel.h"
#include "widgets/setup/SetupPanel.h"
#include "widgets/views/SnapshotView.h"
#include "ImageChecks.h"
#include "ModelFingerprint.h"
#include "ToySession.h"

#include "core/training/Optimizer.h"

#include <QAction>
#include <QElapsedTimer>
#include <QImage>
#include <QMessageBox>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QPushButton>
#include <QSlider>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <cmath>
#include <cstdio>
#include <deque>
#include <functional>
#include <initializer_list>
#include <limits>
#include <random>
#include <set>

using namespace reciprocal;
using namespace reciprocal::widgets;
using testing::copyModel;
using testing::distinctColours;
using testing::toySession;

namespace {

constexpr int defaultSteps = 3000;
constexpr quint64 defaultMaxStallMilliseconds = 1000;

quint64 environmentNumber(const char* name, quint64 fallback)
{
    bool ok = false;
    const quint64 value = qEnvironmentVariable(name).toULongLong(&ok);
    return ok ? value : fallback;
}

QtMessageHandler qtTestHandler = nullptr;

// The offscreen platform warns each time an error message box resizes; thousands of those would
// hide real warnings and reach Qt Test's message limit.
void withoutPlatformNoise(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (!message.contains(QStringLiteral("does not support propagateSizeHints")))
        qtTestHandler(type, context, message);
}

// Ticks every 20 ms on the GUI thread: the longest gap between two ticks is the longest time the
// window did not respond.
class StallMeter : public QObject {
public:
    explicit StallMeter(QObject* parent = nullptr)
        : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this,
                [this] { m_longest = std::max(m_longest, m_sinceTick.restart()); });
        m_sinceTick.start();
        m_timer.start();
    }

    qint64 longestGap() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longest = 0;
};

// Picks and performs the random actions, remembering the last few for failure messages.
class Monkey {
public:
    Monkey(MainWindow& window, std::uint64_t seed)
        : m_window(window)
        , m_panel(*window.findChild<PruningPanel*>())
        , m_random(seed)
        , m_trace(qEnvironmentVariableIntValue("RECIPROCAL_MONKEY_TRACE") != 0)
    {
        for (QAction* action : window.findChildren<QAction*>())
            m_actions[action->text().remove(QLatin1Char('&'))].push_back(action);
        for (QPushButton* button : m_panel.findChildren<QPushButton*>())
            if (button->text().remove(QLatin1Char('&')) == QStringLiteral("Prune the selected node"))
                m_pruneNode = button;
        m_moves = {
            {3, "play/pause", [this] { trigger("Play"); }},
            {2, "step batch", [this] { trigger("Step one batch"); }},
            {1, "step epoch", [this] { trigger("Step one epoch"); }},
            {1, "stop", [this] { trigger("Stop"); }},
            {1, "reset", [this] { trigger("Reset"); }},
            {2, "undo", [this] { trigger("Undo"); }},
            {2, "redo", [this] { trigger("Redo"); }},
            // the controller takes commands the buttons would not offer in this state
            {1, "controller play", [this] { m_window.controller().send(&TrainingWorker::play); }},
            {1, "controller pause", [this] { m_window.controller().send(&TrainingWorker::pause); }},
            {1, "controller step batch", [this] { m_window.controller().send(&TrainingWorker::stepBatch); }},
            {1, "controller stop", [this] { m_window.controller().send(&TrainingWorker::stop); }},
            {1, "optimiser", [this] { setOptimizer(); }},
            {1, "train mode", [this] { // a layer kind may refuse the group
                 m_window.controller().send(&TrainingWorker::setTrainMode, 
                     pick({TrainMode::Full, TrainMode::Eigenvalues, TrainMode::Eigenvectors}));
             }},
            {1, "target epochs", [this] { m_window.controller().send(&TrainingWorker::setEpochsPerRun, uniform(-1, 4)); }},
            {1, "new session", [this] { m_window.startSession(randomSession()); }},
            {0.5, "new session from the setup panel", [this] {
                 m_window.setupPanel().setSettings(randomSession());
                 m_window.newSession();
             }},
            {3, "pruning request", [this] { m_panel.setRequest(randomRequest()); }},
            {2, "prune", [this] { Q_EMIT m_panel.commitRequested(m_panel.request()); }},
            {2, "prune the selected node", [this] {
                 m_panel.selectNode(randomNode());
                 m_pruneNode->click();
             }},
            {1, "prune a hand-picked node", [this] {
                 PruningRequest request;
                 request.nodes = {HiddenNode{uniform(-1, 3), uniform(-1, 30)}};
                 Q_EMIT m_panel.commitRequested(request);
             }},
            {1, "threshold",
             [this] { m_panel.setThreshold(std::uniform_real_distribution<double>(0.0, 2.0)(m_random)); }},
            {0.5, "retrain", [this] { Q_EMIT m_panel.retrainRequested(uniform(1, 2)); }},
            {2, "show a view", [this] { m_window.showView(pick(m_window.viewNames())); }},
            {1, "select a node in a view", [this] {
                 const auto views = m_window.findChildren<SnapshotView*>();
                 Q_EMIT views[uniform(0, static_cast<int>(views.size()) - 1)]->nodeSelected(randomNode());
             }},
            {2, "turn a knob", [this] { turnKnob(); }},
            {1, "generated data's controls", [this] { changeDataControls(); }},
            {0.5, "silence", [this] { m_window.knobPanel().silenceButton().click(); }},
            {0.5, "freeze", [this] { m_window.knobPanel().freezeBox().click(); }},
            {0.5, "edit a parameter that may not exist", [this] {
                 m_window.controller().editParameter(ParameterEdit{
                     uniform(-1, 4), uniform(-1, 40),
                     pick({NodeParameter::InputEigenvalue, NodeParameter::OutputEigenvalue, NodeParameter::Bias}),
                     std::uniform_real_distribution<double>(-3.0, 3.0)(m_random)});
             }},
            {0.3, "hold a parameter that may not exist", [this] {
                 m_window.controller().send(&TrainingWorker::holdParameters,
                                            HeldParameters{{uniform(-1, 4), uniform(-1, 40),
                                                            pick({NodeParameter::InputEigenvalue,
                                                                  NodeParameter::OutputEigenvalue, NodeParameter::Bias})}},
                                            chance(0.7));
             }},
            {0.2, "dark palette", [this] { m_window.setDarkPalette(chance(0.5)); }},
            {0.5, "answer a question about discarding the network", [this] {
                 if (auto* question = m_window.findChild<QMessageBox*>(QStringLiteral("discardQuestion")))
                     question->button(pick({QMessageBox::Discard, QMessageBox::Cancel}))->click();
             }},
            {0.5, "close error messages", [this] {
                 for (QMessageBox* box : m_window.findChildren<QMessageBox*>())
                     box->close();
             }},
        };
        std::vector<double> weights;
        for (const Move& move : m_moves)
            weights.push_back(move.weight);
        m_choice = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    }

    // The actions the monkey triggers, each found exactly once among the window's actions.
    QStringList missingActions() const
    {
        QStringList missing;
        for (const char* text : {"Play", "Step one batch", "Step one epoch", "Stop", "Reset", "Undo", "Redo"})
            if (m_actions.value(QString::fromLatin1(text)).size() != 1)
                missing << QString::fromLatin1(text);
        if (!m_pruneNode)
            missing << QStringLiteral("Prune the selected node");
        return missing;
    }

    // One random action, then a few milliseconds of events (snapshots, previews, timers).
    void step(int index)
    {
        const Move& move = m_moves[m_choice(m_random)];
        remember(QStringLiteral("%1: %2").arg(index).arg(QLatin1String(move.name)));
        move.perform();
        QTest::qWait(uniform(1, 5));
    }

    QString lastActions() const { return QStringList(m_last.begin(), m_last.end()).join(QStringLiteral(", ")); }

private:
    struct Move {
        double weight;
        const char* name;
        std::function<void()> perform;
    };

    void remember(const QString& action)
    {
        if (m_trace) { // straight to stderr: the last line survives a crash, and Qt Test caps its messages
            std::fprintf(stderr, "%s\n", qPrintable(action));
            std::fflush(stderr);
        }
        m_last.push_back(action);
        if (m_last.size() > 12)
            m_last.pop_front();
    }

    // Play and Undo change their text ("Pause", "Undo Prune …"): they are found by their first text.
    void trigger(const char* text) { m_actions.value(QString::fromLatin1(text)).front()->trigger(); }

    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_random); }
    bool chance(double p) { return std::bernoulli_distribution(p)(m_random); }
    template <typename T> T pick(std::initializer_list<T> values)
    {
        return values.begin()[uniform(0, static_cast<int>(values.size()) - 1)];
    }
    QString pick(const QStringList& values) { return values.at(uniform(0, static_cast<int>(values.size()) - 1)); }

    void setOptimizer()
    {
        OptimizerSettings settings;
        settings.kind = pick({OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::Adamax});
        // log-uniform from 1e-5 to 1, and now and then a rate the worker must refuse
        settings.learningRate = chance(0.1)
                                    ? pick({0.0, -0.1, std::numeric_limits<double>::quiet_NaN()})
                                    : std::pow(10.0, std::uniform_real_distribution<double>(-5.0, 0.0)(m_random));
        m_window.controller().send(&TrainingWorker::setOptimizer, settings);
    }

    // A toy session that trains an epoch in milliseconds; now and then one whose output layer does
    // not fit the data, or whose trained group its layer kind refuses.
    SessionSettings randomSession()
    {
        const auto [name, classes] =
            pick<std::pair<const char*, int>>({{"spirals", 3}, {"circles", 2}, {"xor", 2}, {"blobs", 3}});
        std::vector<int> widths{2};
        for (int k = uniform(1, 3); k > 0; --k)
            widths.push_back(uniform(2, 24));
        widths.push_back(chance(0.05) ? classes + 1 : classes);
        const LayerKind kind =
            pick({LayerKind::Direct, LayerKind::Spectral1, LayerKind::Spectral2, LayerKind::Qr, LayerKind::Ssvd});
        SessionSettings settings = toySession(widths, kind, uniform(100, 400));
        settings.dataset.name = name;
        settings.dataset.seed = static_cast<std::uint64_t>(uniform(1, 3));
        settings.architecture.activation =
            pick({Activation::Tanh, Activation::Relu, Activation::Elu, Activation::Sigmoid});
        settings.architecture.bias = chance(0.5);
        settings.mode = chance(0.8) ? TrainMode::Full : pick({TrainMode::Eigenvalues, TrainMode::Eigenvectors});
        settings.training.seed = static_cast<std::uint64_t>(uniform(1, 1000));
        settings.epochs = uniform(1, 4);
        return settings;
    }

    // Any criterion and fraction, including removing every hidden node.
    PruningRequest randomRequest()
    {
        PruningRequest request;
        request.criterion =
            pick({PruningCriterion::Spectral, PruningCriterion::Connectivity, PruningCriterion::Random,
                  PruningCriterion::SpectralDescending, PruningCriterion::WeightNorm});
        request.fraction =
            chance(0.2) ? pick({0.0, 1.0}) : std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
        request.perLayer = chance(0.5);
        request.seed = static_cast<std::uint64_t>(uniform(1, 1000));
        return request;
    }

    // Mostly a node of the shown network, sometimes one that is not there.
    // Noise, samples, classes, test ratio, an input feature, or Regenerate (a new session).
    void changeDataControls()
    {
        SetupPanel& setup = m_window.setupPanel();
        switch (uniform(0, 5)) {
        case 0: setup.findChild<QDoubleSpinBox*>(QStringLiteral("noise"))->setValue(uniform(0, 50) / 100.0); break;
        case 1: setup.findChild<QSpinBox*>(QStringLiteral("samples"))->setValue(uniform(10, 400)); break;
        case 2: setup.findChild<QSpinBox*>(QStringLiteral("classes"))->setValue(uniform(2, 5)); break;
        case 3: setup.findChild<QDoubleSpinBox*>(QStringLiteral("testRatio"))->setValue(uniform(5, 100) / 100.0); break;
        case 4: {
            QList<QCheckBox*> features;
            for (QCheckBox* box : setup.findChildren<QCheckBox*>())
                if (box->text() != QStringLiteral("Bias") && !box->text().startsWith(QStringLiteral("Bias")))
                    features << box;
            QCheckBox* box = features[uniform(0, static_cast<int>(features.size()) - 1)];
            box->setChecked(!box->isChecked());
            break;
        }
        default:
            for (QPushButton* button : setup.findChildren<QPushButton*>())
                if (button->text().remove(QLatin1Char('&')) == QStringLiteral("Regenerate"))
                    button->click();
        }
    }

    // A knob of the selected node (a node is selected first when none is), dragged with the
    // slider or typed into the spin box.
    void turnKnob()
    {
        KnobPanel& panel = m_window.knobPanel();
        if (panel.knobs().empty())
            panel.selectNode(randomNode());
        if (panel.knobs().empty())
            return;
        const KnobPanel::Knob& knob = panel.knobs()[static_cast<std::size_t>(uniform(0, static_cast<int>(panel.knobs().size()) - 1))];
        if (chance(0.5)) {
            knob.slider->setSliderDown(true);
            for (int step = uniform(1, 5); step > 0; --step)
                knob.slider->setValue(uniform(-KnobPanel::sliderSteps, KnobPanel::sliderSteps));
            knob.slider->setSliderDown(false);
        } else {
            knob.spinBox->setValue(std::uniform_real_distribution<double>(-5.0, 5.0)(m_random));
        }
    }

    NodeRef randomNode()
    {
        const SnapshotPtr snapshot = m_window.controller().latestSnapshot();
        const auto& widths = snapshot->architecture.widths;
        if (widths.empty() || chance(0.2))
            return NodeRef{uniform(-1, 5), uniform(-1, 30)};
        const int layer = uniform(0, static_cast<int>(widths.size()) - 1);
        return NodeRef{layer, uniform(0, widths[static_cast<std::size_t>(layer)] - 1)};
    }

    MainWindow& m_window;
    PruningPanel& m_panel;
    QPushButton* m_pruneNode = nullptr;
    QHash<QString, QList<QAction*>> m_actions;
    std::mt19937 m_random;
    std::vector<Move> m_moves;
    std::discrete_distribution<std::size_t> m_choice;
    std::deque<QString> m_last;
    bool m_trace;
};

// What a snapshot must say about the network it was made of.
QString inconsistency(const TrainingSnapshot& snapshot, const Architecture& network)
{
    const std::vector<int>& widths = snapshot.architecture.widths;
    if (widths != network.widths)
        return QStringLiteral("snapshot widths %1, network %2")
            .arg(QString::fromStdString(snapshot.architecture.widthsText()),
                 QString::fromStdString(network.widthsText()));
    if (snapshot.transfers.size() + 1 != widths.size())
        return QStringLiteral("%1 transfers for widths %2")
            .arg(snapshot.transfers.size())
            .arg(QString::fromStdString(snapshot.architecture.widthsText()));
    for (std::size_t k = 0; k < snapshot.transfers.size(); ++k) {
        const TransferSnapshot& t = snapshot.transfers[k];
        const bool sizesFit = t.inputs == widths[k] && t.outputs == widths[k + 1] &&
                              t.nodeMask.size() == t.outputs && t.connectivity.size() == t.outputs &&
                              (!t.spectral || t.lamOut.size() == t.outputs);
        if (!sizesFit)
            return QStringLiteral("transfer %1 is %2 x %3 for widths %4")
                .arg(k)
                .arg(t.outputs)
                .arg(t.inputs)
                .arg(QString::fromStdString(snapshot.architecture.widthsText()));
    }
    return {};
}

} // namespace

class MonkeyTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void randomActionsWhileTraining();
};

void MonkeyTest::initTestCase() { qtTestHandler = qInstallMessageHandler(withoutPlatformNoise); }

void MonkeyTest::randomActionsWhileTraining()
{
    const std::uint64_t seed = environmentNumber("RECIPROCAL_MONKEY_SEED", std::random_device{}());
    const int steps = static_cast<int>(environmentNumber("RECIPROCAL_MONKEY_STEPS", defaultSteps));
    const auto maxStall =
        static_cast<qint64>(environmentNumber("RECIPROCAL_MONKEY_MAX_STALL_MS", defaultMaxStallMilliseconds));
    qInfo("monkey seed %llu, %d steps (RECIPROCAL_MONKEY_SEED=%llu repeats this run)",
          static_cast<unsigned long long>(seed), steps, static_cast<unsigned long long>(seed));

    // A Qt warning is a bug found (a bad connection, a chart given nonsense); only the offscreen
    // platform's size-hint remark is filtered out above.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    MainWindow window;
    window.show();
    window.startSession(toySession({2, 16, 12, 3}, LayerKind::Spectral2, 300));
    QTRY_COMPARE_WITH_TIMEOUT(window.controller().latestSnapshot()->state, SessionState::Ready, 20000);
    window.controller().send(&TrainingWorker::play);

    Monkey monkey(window, seed);
    QVERIFY2(monkey.missingActions().isEmpty(),
             qPrintable(monkey.missingActions().join(QStringLiteral(", "))));
    StallMeter meter;
    qint64 longest = 0;
    QString stalledAt;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < steps; ++i) {
        monkey.step(i);
        if (meter.longestGap() > longest) {
            longest = meter.longestGap();
            stalledAt = monkey.lastActions();
        }
    }
    qInfo("%d actions in %.1f s; the longest GUI stall was %lld ms, after: %s", steps,
          static_cast<double>(clock.elapsed()) / 1000.0, longest, qPrintable(stalledAt));
    QVERIFY2(longest < maxStall,
             qPrintable(QStringLiteral("the GUI stalled %1 ms after: %2").arg(longest).arg(stalledAt)));
    // A question about discarding the network may wait for its answer; error messages never block.
    for (QMessageBox* question : window.findChildren<QMessageBox*>(QStringLiteral("discardQuestion")))
        question->button(QMessageBox::Cancel)->click();
    QCoreApplication::processEvents();
    for (const QMessageBox* box : window.findChildren<QMessageBox*>())
        QVERIFY2(!box->isModal() || box->objectName() == QStringLiteral("discardQuestion"),
                 "an error message must not block the window");

    // The worker still answers, and after a pause it holds still.
    window.controller().send(&TrainingWorker::pause);
    const ModelPtr model = copyModel(window.controller());
    QVERIFY2(model, qPrintable(QStringLiteral("the worker no longer answers after: ") + monkey.lastActions()));
    const SnapshotPtr last = window.controller().latestSnapshot();
    const std::set states{SessionState::Paused, SessionState::Finished, SessionState::Ready};
    QVERIFY2(states.contains(last->state),
             qPrintable(QStringLiteral("state %1 after a pause").arg(static_cast<int>(last->state))));
    const QString problem = inconsistency(*last, model->network.architecture());
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral(" after: ") + monkey.lastActions()));

    // And it still trains: an epoch with sane settings.
    window.controller().send(&TrainingWorker::setOptimizer, OptimizerSettings{});
    window.controller().send(&TrainingWorker::setTrainMode, TrainMode::Full);
    window.controller().send(&TrainingWorker::stepEpoch);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller().latestSnapshot()->epoch == last->epoch + 1 &&
                                 window.controller().latestSnapshot()->state == SessionState::Paused,
                             10000);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("monkey.png"));
    window.saveScreenshot(path);
    const QImage image(path);
    QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
    QVERIFY(distinctColours(image, 7) > 20);
}

QTEST_MAIN(MonkeyTest)
#include "test_monkey.moc"
