#include "widgets/MainWindow.h"

#include "widgets/AppearancePalette.h"
#include "widgets/QtText.h"
#include "widgets/ScrollWheelGuard.h"
#include "widgets/charts/ChartExport.h"
#include "widgets/knobs/KnobPanel.h"
#include "widgets/lessons/LessonPanel.h"
#include "widgets/playground/PlaygroundView.h"
#include "widgets/pruning/PruneCommand.h"
#include "widgets/pruning/PruningPanel.h"
#include "widgets/setup/SetupPanel.h"
#include "widgets/views/CurvesView.h"
#include "widgets/views/DiagramView.h"
#include "widgets/views/ElidingLabel.h"
#include "widgets/views/MaskView.h"
#include "widgets/views/RankingView.h"
#include "widgets/views/SpectrumView.h"

#include "core/BuildInfo.h"
#include "core/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/FileKind.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

#include <cmath>
#include <utility>

namespace reciprocal::widgets {

namespace {

constexpr int maxRecentFiles = 8;

std::vector<std::string> toStrings(const QStringList& list)
{
    std::vector<std::string> strings;
    for (const QString& item : list)
        strings.push_back(item.toStdString());
    return strings;
}
const QString modelFilter = QObject::tr("Reciprocal models (*.rcp);;All files (*)");

QString stateText(SessionState state)
{
    switch (state) {
    case SessionState::Idle: return MainWindow::tr("No session");
    case SessionState::Loading: return MainWindow::tr("Loading data…");
    case SessionState::Ready: return MainWindow::tr("Ready");
    case SessionState::Running: return MainWindow::tr("Training");
    case SessionState::Paused: return MainWindow::tr("Paused");
    case SessionState::Finished: return MainWindow::tr("Finished");
    case SessionState::Failed: return MainWindow::tr("Failed");
    }
    return {};
}

QString duration(double seconds)
{
    const auto total = static_cast<long long>(seconds + 0.5);
    if (total >= 3600)
        return MainWindow::tr("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60);
    if (total >= 60)
        return MainWindow::tr("%1 min %2 s").arg(total / 60).arg(total % 60);
    return MainWindow::tr("%1 s").arg(total);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_controller(new TrainingController(this))
    , m_history(new QUndoStack(this))
    , m_setup(new SetupPanel(this))
    , m_pruning(new PruningPanel(m_history, this))
    , m_knobs(new KnobPanel(*m_controller, *m_history, this))
    , m_lessonPanel(new LessonPanel(this))
    , m_tabs(new QTabWidget(this))
    , m_stateLabel(new QLabel(this))
    , m_epochLabel(new ElidingLabel(this))
    , m_speedLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    setWindowTitle(tr("Reciprocal"));
    createViews();
    createDocks();
    createActions();
    createStatusBar();
    paintMediaIcons();
    connectController();
    setAcceptDrops(true); // a model, experiment or lesson file dropped on the window opens
    qApp->installEventFilter(new ScrollWheelGuard(this));
    // A first start fits the screen it opens on, a 1024x768 projector too (the frame's title bar
    // and borders come on top); later starts restore the saved geometry.
    const QSize available = screen() ? screen()->availableGeometry().size() - QSize(16, 48) : QSize(1280, 800);
    resize(QSize(1280, 800).boundedTo(available));
    shareRightDocks();
    showSnapshot(m_controller->latestSnapshot());
}

void MainWindow::restoreSettings()
{
    m_setup->restoreSettings();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setDarkPalette(settings.value(QStringLiteral("window/dark")).toBool());
}

void MainWindow::setDarkPalette(bool dark)
{
    m_darkPalette->setChecked(dark);
    useDarkPalette(dark);
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews()
{
    m_views = {new CurvesView(this), new SpectrumView(this), new RankingView(this), new MaskView(this),
               new DiagramView(this), new PlaygroundView(this)};
    const QStringList titles = {tr("&Curves"), tr("&Spectrum"), tr("&Ranking"), tr("&Masks"), tr("&Diagram"),
                                tr("Pla&yground")};
    for (int i = 0; i < m_views.size(); ++i) {
        m_tabs->addTab(m_views[i], titles[i]);
        // One selection for all views: a node picked anywhere is highlighted everywhere.
        connect(m_views[i], &SnapshotView::nodeSelected, this, &MainWindow::selectNode);
    }
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { currentView()->showSnapshot(m_controller->latestSnapshot()); });
    connect(static_cast<PlaygroundView*>(m_views[5]), &PlaygroundView::planePointHovered, m_knobs, &KnobPanel::setProbe);
    auto* spectrum = static_cast<SpectrumView*>(m_views[1]);
    connect(spectrum, &SpectrumView::thresholdDragged, m_pruning, &PruningPanel::setThreshold);
    connect(m_controller, &TrainingController::previewReady, static_cast<RankingView*>(m_views[2]),
            &RankingView::showPreview);
}

void MainWindow::createDocks()
{
    auto* setupDock = new QDockWidget(tr("Setup"), this);
    setupDock->setObjectName(QStringLiteral("setupDock"));
    // The generated sets' data rows make the panel taller than a 720-pixel screen leaves room for.
    setupDock->setWidget(scrolling(m_setup));
    addDockWidget(Qt::LeftDockWidgetArea, setupDock);
    auto* pruningDock = new QDockWidget(tr("Pruning"), this);
    pruningDock->setObjectName(QStringLiteral("pruningDock"));
    pruningDock->setWidget(scrolling(m_pruning)); // under a lesson and the knobs on a small screen
    addDockWidget(Qt::RightDockWidgetArea, pruningDock);
    auto* knobDock = new QDockWidget(tr("Eigenvalue knobs"), this);
    knobDock->setObjectName(QStringLiteral("knobsDock"));
    knobDock->setWidget(scrolling(m_knobs)); // the formula read-out below the knobs is tall
    addDockWidget(Qt::RightDockWidgetArea, knobDock);
    auto* lessonDock = new QDockWidget(tr("Lesson"), this);
    lessonDock->setObjectName(QStringLiteral("lessonDock"));
    lessonDock->setWidget(scrolling(m_lessonPanel));
    addDockWidget(Qt::RightDockWidgetArea, lessonDock);
    splitDockWidget(lessonDock, pruningDock, Qt::Vertical); // the steps above the tools they talk about
    splitDockWidget(pruningDock, knobDock, Qt::Vertical);
    lessonDock->hide(); // until a lesson opens
    connect(m_lessonPanel, &LessonPanel::endRequested, this, &MainWindow::endLesson);

    connect(m_setup, &SetupPanel::newSessionRequested, this, &MainWindow::newSession);
    connect(m_setup, &SetupPanel::optimizerChanged, m_controller, m_controller->sender(&TrainingWorker::setOptimizer));
    connect(m_setup, &SetupPanel::trainModeChanged, m_controller, m_controller->sender(&TrainingWorker::setTrainMode));
    connect(m_setup, &SetupPanel::epochsChanged, m_controller, m_controller->sender(&TrainingWorker::setEpochsPerRun));
    connect(m_pruning, &PruningPanel::requestChanged, m_controller, &TrainingController::previewPruning);
    connect(m_pruning, &PruningPanel::commitRequested, m_controller, m_controller->sender(&TrainingWorker::commitPruning));
    connect(m_pruning, &PruningPanel::retrainRequested, m_controller, m_controller->sender(&TrainingWorker::retrain));
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    auto* newAction = file->addAction(tr("&New session"), this, &MainWindow::newSession);
    newAction->setShortcut(QKeySequence::New);
    file->addAction(tr("&Open model…"), QKeySequence::Open, this, &MainWindow::openModel);
    file->addAction(tr("Open e&xperiment…"), QKeySequence(tr("Ctrl+Shift+O")), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                                          tr("Experiment files (*.json)"));
        if (!path.isEmpty())
            confirmDiscard(tr("Open experiment"), [this, path] { openExperiment(path); });
    })->setToolTip(tr("Set up the experiment's first run and play its training and pruning steps"));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Save model"), QKeySequence::Save, this, [this] { saveModel(false); });
    file->addAction(tr("Save model &as…"), QKeySequence::SaveAs, this, [this] { saveModel(true); });
    file->addAction(tr("Save e&xperiment…"), QKeySequence(tr("Ctrl+Shift+X")), this, &MainWindow::saveExperiment)
        ->setToolTip(tr("Save this session's training and pruning steps as an experiment file that "
                        "`reciprocal experiment` replays"));
    file->addSeparator();
    file->addAction(tr("Export view &image (PNG, SVG)…"), QKeySequence(tr("Ctrl+E")), this,
                    &MainWindow::exportViewImage);
    file->addAction(tr("Export view &data (CSV)…"), QKeySequence(tr("Ctrl+Shift+E")), this,
                    &MainWindow::exportViewData);
    file->addAction(tr("Export window &screenshot…"), QKeySequence(tr("F12")), this, &MainWindow::exportScreenshot);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_history->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIconText(tr("Undo")); // the toolbar keeps its width; the menu and tooltip name the step
    QAction* redo = m_history->createRedoAction(this, tr("&Redo"));
    // The platform's Redo is not Ctrl+Shift+Z everywhere (the offscreen and some desktop themes
    // offer Ctrl+Y only); both are what users try.
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    redo->setIconText(tr("Redo"));
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* training = menuBar()->addMenu(tr("&Training"));
    m_playPause = training->addAction(tr("&Play"), QKeySequence(tr("F5")), this, [this] {
        if (m_controller->latestSnapshot()->state == SessionState::Running) {
            m_controller->interruptWith(&TrainingWorker::pause);
            return;
        }
        // Play trains the network the setup panel describes: a first one, or a new one when a field
        // that makes the network has changed (the panel marks it), after asking before unsaved work
        // is discarded.
        if (m_controller->latestSnapshot()->transfers.empty() || !m_setup->changesNeedingANewNetwork().isEmpty()) {
            confirmDiscard(tr("New session"), [this] {
                bool started = false;
                reportingErrors([&] {
                    startSession(m_setup->settings());
                    started = true;
                });
                if (started)
                    m_controller->send(&TrainingWorker::play);
            });
            return;
        }
        m_controller->send(&TrainingWorker::play);
    });
    m_playPause->setToolTip(tr("Train, or pause training (F5)"));
    m_stepBatch = training->addAction(tr("Step one &batch"), QKeySequence(tr("F6")), m_controller,
                                      m_controller->sender(&TrainingWorker::stepBatch));
    m_stepEpoch = training->addAction(tr("Step one &epoch"), QKeySequence(tr("F7")), m_controller,
                                      m_controller->sender(&TrainingWorker::stepEpoch));
    m_stop = training->addAction(tr("S&top"), QKeySequence(tr("Shift+F5")), m_controller, m_controller->interrupter(&TrainingWorker::stop));
    m_stop->setToolTip(tr("End this run; Play starts the next one from the current weights"));
    m_reset = training->addAction(tr("&Reset"), QKeySequence(tr("Ctrl+R")), this, [this] {
        confirmDiscard(tr("Reset"), [this] {
            endRun(); // the steps belong to the run that is discarded; its curves stay to compare
            m_controller->interruptWith(&TrainingWorker::reset);
        });
    });
    m_reset->setToolTip(tr("Back to the initial network of this seed (Ctrl+R)"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_views.size(); ++i)
        view->addAction(m_tabs->tabText(i).remove(QLatin1Char('&')), QKeySequence(tr("Ctrl+%1").arg(i + 1)), this,
                        [this, i] { m_tabs->setCurrentIndex(i); });
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    m_darkPalette = view->addAction(tr("&Dark palette"), this, [](bool dark) { useDarkPalette(dark); });
    m_darkPalette->setCheckable(true);
    m_darkPalette->setToolTip(tr("Dark colours for every view, whatever the desktop theme"));
    m_classroom = view->addAction(tr("&Classroom mode"), QKeySequence(tr("F11")), this, &MainWindow::setClassroomMode);
    m_classroom->setCheckable(true);
    m_classroom->setToolTip(tr("Full screen, larger type, the setup (and, outside a lesson, the pruning) panel hidden: for a projector (F11)"));
    createLessonMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Reciprocal"), this, [this] {
        QMessageBox::about(this, tr("About Reciprocal"),
                           tr("<b>Reciprocal %1</b><p>Spectral learning of neural networks: train eigenvalues and "
                              "eigenvectors, rank nodes by |λ|, prune interactively.</p><p>%2. Released under the "
                              "%3 licence: free to use, copy, modify and distribute, without warranty.</p>")
                               .arg(QApplication::applicationVersion(), QString::fromUtf8(reciprocal::buildinfo::copyright),
                                    QString::fromUtf8(reciprocal::buildinfo::licence)));
    });

    QToolBar* toolbar = addToolBar(tr("Training"));
    toolbar->setObjectName(QStringLiteral("trainingToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reset->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    toolbar->addActions({m_playPause, m_stepBatch, m_stepEpoch, m_stop, m_reset});
    toolbar->addSeparator();
    toolbar->addActions({undo, redo});
}

void MainWindow::createStatusBar()
{
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    auto* pause = m_pauseButton = new QToolButton(this);
    pause->setToolTip(tr("Pause training"));
    pause->setAutoRaise(true);
    connect(pause, &QToolButton::clicked, m_controller, m_controller->interrupter(&TrainingWorker::pause));
    statusBar()->addWidget(m_stateLabel);
    statusBar()->addWidget(m_epochLabel, 1);
    statusBar()->addPermanentWidget(m_speedLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(pause);
}

void MainWindow::connectController()
{
    connect(m_controller, &TrainingController::snapshotReady, this, &MainWindow::showSnapshot);
    connect(m_controller, &TrainingController::replayProgressed, this, &MainWindow::showReplayProgress);
    connect(m_controller, &TrainingController::errorOccurred, this, [this](const SessionError& error) {
        if (error.command == SessionError::Command::Save)
            m_afterSave = nullptr; // not saved: whatever waited for it does not happen
        showError(sessionErrorText(error));
    });
    connect(m_controller, &TrainingController::previewReady, m_pruning, &PruningPanel::showPreview);
    connect(m_controller, &TrainingController::previewBusyChanged, m_pruning, &PruningPanel::showPreviewBusy);
    // The spectrum draws the candidate's |lambda| threshold: the nodes below it would go.
    connect(m_controller, &TrainingController::previewReady, this, [this](const PruningPreview& preview) {
        auto* spectrum = static_cast<SpectrumView*>(m_views[1]);
        const PruningRequest& request = preview.request;
        if (request.criterion == PruningCriterion::Spectral && !request.perLayer && !request.handPicked() &&
            !preview.plan.thresholds.empty())
            spectrum->setThreshold(preview.plan.thresholds.front());
        else
            spectrum->clearThreshold();
    });
    connect(m_controller, &TrainingController::previewFailed, m_pruning,
            [this](const SessionError& error) { m_pruning->showPreviewError(sessionErrorText(error)); });
    connect(m_controller, &TrainingController::pruningCommitted, this,
            [this](const SessionPointPtr& before, const SessionPointPtr& after, const PruningStep& step) {
                m_history->push(new PruneCommand(*m_controller, before, after, step));
            });
    connect(m_controller, &TrainingController::modelOpened, this,
            [this](const QString& path, const SessionSettings& settings) {
                m_setup->setSettings(settings);
                endRun();
                m_openedPending = true; // the snapshot of the opened model marks it as saved
                m_modelPath = path;
                addRecentFile(path);
                setWindowTitle(tr("%1 — Reciprocal").arg(QFileInfo(path).fileName()));
            });
    connect(m_controller, &TrainingController::modelSaved, this, [this](const QString& path) {
        const TrainingSnapshot& s = *m_controller->latestSnapshot();
        m_savedMark = {s.nodeNumbering, s.epoch, s.batch, m_history->index()};
        if (auto next = std::exchange(m_afterSave, nullptr))
            next();
        m_modelPath = path;
        addRecentFile(path);
        setWindowTitle(tr("%1 — Reciprocal").arg(QFileInfo(path).fileName()));
        showStatusMessage(tr("Saved %1").arg(path), 4000);
    });
    connect(m_controller, &TrainingController::experimentSaved, this, [this](const QString& path) {
        showStatusMessage(tr("Saved %1: replay it with `reciprocal experiment %1`").arg(path), 8000);
    });
    connect(m_controller, &TrainingController::dataExported, this,
            [this](const QString& path) { showStatusMessage(tr("Saved %1").arg(path), 4000); });
}

void MainWindow::newSession()
{
    confirmDiscard(tr("New session"), [this] { reportingErrors([this] { startSession(m_setup->settings()); }); });
}

bool MainWindow::hasUnsavedWork() const
{
    const TrainingSnapshot& s = *m_controller->latestSnapshot();
    const bool worked = s.epoch > 0 || s.batch > 0 || m_history->count() > 0;
    return worked && SavedMark{s.nodeNumbering, s.epoch, s.batch, m_history->index()} != m_savedMark;
}

void MainWindow::confirmDiscard(const QString& action, std::function<void()> proceed)
{
    if (!hasUnsavedWork()) {
        proceed();
        return;
    }
    // Window-modal and asynchronous: training and snapshots go on while the question is open.
    auto* question = new QMessageBox(QMessageBox::Question, action,
                                     tr("This session's trained network is not saved. Save it first?"),
                                     QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    question->setObjectName(QStringLiteral("discardQuestion"));
    question->setInformativeText(tr("%1 discards the network as it is now.").arg(action));
    question->setWindowModality(Qt::WindowModal);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::finished, this, [this, question, proceed = std::move(proceed)] {
        const auto answer = question->standardButton(question->clickedButton());
        if (answer == QMessageBox::Discard)
            proceed();
        else if (answer == QMessageBox::Save && saveModel(false))
            m_afterSave = proceed; // once the worker says the file is written
    });
    question->open();
}

void MainWindow::endRun()
{
    const SnapshotPtr run = m_controller->latestSnapshot();
    static_cast<CurvesView*>(m_views[0])->keepRun(run);
    static_cast<PlaygroundView*>(m_views[5])->keepRun(run);
    m_history->clear();
}

void MainWindow::startSession(const SessionSettings& settings)
{
    endRun();
    m_modelPath.clear();
    setWindowTitle(tr("Reciprocal"));
    m_controller->interruptWith(&TrainingWorker::configure, settings);
}

void MainWindow::showSnapshot(const SnapshotPtr& snapshot)
{
    // A selection names a node by its index; once the indices mean other nodes it names nothing.
    if (snapshot->nodeNumbering != m_nodeNumbering) {
        m_nodeNumbering = snapshot->nodeNumbering;
        selectNode(NodeRef{});
    }
    if (m_openedPending && snapshot->state == SessionState::Paused) {
        m_openedPending = false;
        m_savedMark = {snapshot->nodeNumbering, snapshot->epoch, snapshot->batch, m_history->index()};
    }
    // Only the visible view draws; the others catch up when their tab is chosen. Drawing hidden
    // views would take CPU time from training for nothing.
    currentView()->showSnapshot(snapshot);
    m_pruning->showSnapshot(snapshot);
    m_knobs->showSnapshot(snapshot);
    m_setup->showSession(snapshot->session);
    updateStatus(*snapshot);
    updateActions(snapshot->state);
}

void MainWindow::selectNode(NodeRef node)
{
    for (SnapshotView* view : m_views)
        view->highlightNode(node);
    m_pruning->selectNode(node);
    m_knobs->selectNode(node);
}

void MainWindow::updateStatus(const TrainingSnapshot& s)
{
    m_stateLabel->setText(stateText(s.state));
    if (s.transfers.empty()) {
        m_epochLabel->clear();
        m_speedLabel->clear();
        // Loading a data set takes seconds: a busy bar, not a progress bar standing at 0 %.
        showProgress(0, s.state == SessionState::Loading ? 0 : 1);
        return;
    }
    const QString accuracy = std::isnan(s.testAccuracy)
                                 ? QString()
                                 : tr(" · test accuracy %1 %").arg(100.0 * s.testAccuracy, 0, 'f', 2);
    // Mid-epoch (after Step one batch, or a pause) the batch shows where the epoch stands.
    const QString batch = s.batch > 0 ? tr(" · batch %1 of %2").arg(s.batch).arg(s.batchCount) : QString();
    // A stopped run has no epochs ahead: "epoch 3", not "epoch 3 of 3" before the epoch is done.
    const QString epoch = s.targetEpochs > s.epoch ? tr("epoch %1 of %2").arg(s.epoch).arg(s.targetEpochs)
                                                   : tr("epoch %1").arg(s.epoch);
    m_epochLabel->setText(tr("%1 %2 · %3 · %4%5%6")
                              .arg(QString::fromStdString(s.datasetName),
                                   QString::fromStdString(s.architecture.widthsText()),
                                   QString::fromUtf8(layerKindName(s.architecture.layerKind).data()), epoch,
                                   batch, accuracy));
    const long long total = static_cast<long long>(s.targetEpochs) * s.batchCount;
    const long long done = static_cast<long long>(s.epoch) * s.batchCount + s.batch;
    showProgress(std::min(done, total), std::max(1LL, total));
    if (s.activity != TrainingSnapshot::Activity::None) {
        // Seconds for a wide network: say what happens instead of a stalled progress bar.
        m_speedLabel->setText(s.activity == TrainingSnapshot::Activity::Pruning
                                  ? tr("pruning: measuring the test accuracy before and after…")
                              : s.activity == TrainingSnapshot::Activity::MeasuringEpoch
                                  ? tr("measuring the test accuracy of epoch %1…").arg(s.epoch)
                                  : tr("measuring the test accuracy…"));
        showProgress(0, 0);
    } else if (s.state == SessionState::Running && s.samplesPerSecond == 0.0) {
        // The first step of a wide network takes seconds; until it is done there is no rate to show.
        m_speedLabel->setText(tr("starting…"));
        showProgress(0, 0);
    } else if (s.state == SessionState::Running) {
        const auto samplesPerBatch = static_cast<double>(s.batchSize);
        const double remaining = static_cast<double>(std::max(0LL, total - done)) * samplesPerBatch / s.samplesPerSecond;
        m_speedLabel->setText(tr("%1 samples/s · %2 left")
                                  .arg(QLocale().toString(s.samplesPerSecond, 'f', 0), duration(remaining)));
    } else {
        m_speedLabel->setText(tr("%1 trainable parameters").arg(QLocale().toString(s.trainableParameters)));
    }
}

void MainWindow::showStatusMessage(const QString& message, int milliseconds)
{
    // A message shares the bar with the permanent read-outs; a long path would run into them.
    int room = statusBar()->width() - 24;
    for (const QWidget* permanent : {static_cast<QWidget*>(m_speedLabel), static_cast<QWidget*>(m_progress)})
        room -= permanent->isVisible() ? permanent->width() : 0;
    const QString shown = statusBar()->fontMetrics().elidedText(message, Qt::ElideMiddle, std::max(room, 80));
    statusBar()->showMessage(shown, milliseconds);
    statusBar()->setToolTip(shown == message ? QString() : message);
}

void MainWindow::showProgress(long long done, long long total)
{
    // QProgressBar::setValue repaints at once, and a synchronous repaint draws every dirty widget
    // of the window with it: each snapshot drew the current view again, however many were queued,
    // and the GUI stalled for seconds behind a busy diagram. With updates off the bar is only
    // scheduled, and the views draw once per frame.
    m_progress->setUpdatesEnabled(false);
    m_progress->setRange(0, static_cast<int>(total));
    m_progress->setValue(static_cast<int>(done));
    m_progress->setUpdatesEnabled(true);
}

void MainWindow::updateActions(SessionState state)
{
    const bool running = state == SessionState::Running;
    const bool busy = state == SessionState::Loading;
    m_playPause->setText(running ? tr("&Pause") : tr("&Play"));
    if (running != m_running) { // not on every snapshot: the icons are drawn anew
        m_running = running;
        paintMediaIcons();
    }
    m_playPause->setEnabled(!busy);
    m_stepBatch->setEnabled(!running && !busy && state != SessionState::Idle);
    m_stepEpoch->setEnabled(!running && !busy && state != SessionState::Idle);
    m_stop->setEnabled(running);
    m_reset->setEnabled(!busy && state != SessionState::Idle);
}

void MainWindow::showError(const QString& message)
{
    // Non-modal: training and snapshots go on while the message is read.
    if (!m_errorBox) {
        m_errorBox = new QMessageBox(QMessageBox::Warning, tr("Reciprocal"), QString(), QMessageBox::Ok, this);
        m_errorBox->setModal(false);
    }
    m_errorBox->setText(message);
    m_errorBox->show();
    showStatusMessage(message, 8000);
}

template <typename Action> void MainWindow::reportingErrors(Action action)
{
    try {
        action();
    } catch (const Error& error) {
        showError(QString::fromStdString(error.what()));
    }
}

void MainWindow::openModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), QFileInfo(m_modelPath).path(), modelFilter);
    if (!path.isEmpty())
        openModelFile(path);
}

void MainWindow::openModelFile(const QString& path)
{
    confirmDiscard(tr("Open model"), [this, path] { m_controller->interruptWith(&TrainingWorker::openModel, path); });
}

bool MainWindow::saveModel(bool choosePath)
{
    QString path = m_modelPath;
    if (choosePath || path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save model"), path, modelFilter);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".rcp");
    m_controller->send(&TrainingWorker::saveModel, path); // atomic: written to a temporary file, then renamed
    return true;
}

SnapshotView* MainWindow::currentView() const { return static_cast<SnapshotView*>(m_tabs->currentWidget()); }

void MainWindow::exportViewImage()
{
    SnapshotView* view = currentView();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view image"), view->viewName() + QStringLiteral(".png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (!path.isEmpty())
        reportingErrors([&] { saveWidgetImage(view->figure(), path, view->viewName()); });
}

void MainWindow::exportViewData()
{
    SnapshotView* view = currentView();
    // The mask map draws block maxima of |W|; the worker has every weight and writes them by default.
    const bool masks = qobject_cast<MaskView*>(view) != nullptr;
    const QString everyWeight = tr("Every |W|, one row per weight (*.csv)");
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export view data"), masks ? QStringLiteral("weights.csv") : view->dataFileName(),
        masks ? everyWeight + QStringLiteral(";;") + tr("Block maxima as drawn (*.csv)") : tr("CSV (*.csv)"), &filter);
    if (path.isEmpty())
        return;
    if (masks && filter == everyWeight)
        m_controller->send(&TrainingWorker::exportWeightMagnitudes, path);
    else
        reportingErrors([&] { saveText(view->seriesCsv(), path); });
}

void MainWindow::exportScreenshot()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export window screenshot"),
                                                      QStringLiteral("reciprocal.png"), tr("PNG image (*.png)"));
    if (!path.isEmpty())
        reportingErrors([&] { saveScreenshot(path); });
}

void MainWindow::showReplayProgress(const ReplayProgress& progress)
{
    QString message;
    switch (progress.kind) {
    case ReplayProgress::Kind::Training:
        message = tr("Replay step %1: training %2 epochs").arg(progress.step).arg(progress.epochs);
        break;
    case ReplayProgress::Kind::Pruning: message = tr("Replay step %1: pruning").arg(progress.step); break;
    case ReplayProgress::Kind::Skipped:
        message = tr("Replay step %1 skipped: sweeps and branching prunings run headless (reciprocal experiment)")
                      .arg(progress.step);
        break;
    case ReplayProgress::Kind::Finished: message = tr("Replay finished."); break;
    case ReplayProgress::Kind::Stopped: message = tr("Replay stopped at step %1.").arg(progress.step); break;
    }
    showStatusMessage(message, 6000);
}

void MainWindow::openFile(const QString& path)
{
    reportingErrors([&] {
        switch (reciprocalFileKind(path.toStdString())) {
        case ReciprocalFileKind::Model:
            openModelFile(path);
            break;
        case ReciprocalFileKind::Experiment:
            openExperiment(path);
            break;
        case ReciprocalFileKind::Lesson:
            openLesson(path);
            break;
        }
    });
}

namespace {

// The first local file of a drag, or empty.
QString droppedFile(const QMimeData* data)
{
    for (const QUrl& url : data->urls())
        if (url.isLocalFile())
            return url.toLocalFile();
    return {};
}

} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(path);
}

void MainWindow::openExperiment(const QString& path)
{
    reportingErrors([&] {
        const ExperimentSpec spec = loadExperiment(path.toStdString());
        if (spec.runs.front().startModel.empty())
            m_setup->setSettings(sessionSettingsOf(spec)); // a run from a model file: set when it is opened
        endRun();
        m_modelPath.clear();
        m_controller->interruptWith(&TrainingWorker::replay, spec);
        setWindowTitle(tr("%1 — Reciprocal").arg(QFileInfo(path).fileName()));
    });
}

void MainWindow::saveExperiment()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), QStringLiteral("session.json"),
                                                      tr("Experiment files (*.json)"));
    if (!path.isEmpty())
        m_controller->send(&TrainingWorker::saveExperiment, path);
}

QScrollArea* MainWindow::scrolling(QWidget* content)
{
    auto* area = new QScrollArea(this);
    area->setObjectName(QStringLiteral("panelScroll"));
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    fitWidth(*area);
    return area;
}

void MainWindow::fitWidth(QScrollArea& area) const
{
    // As wide as the panel needs, but no more than a share of the screen that leaves room for the
    // views and a dock on the other side on a 1024-pixel screen; a narrower panel scrolls sideways.
    const int needed = area.widget()->minimumSizeHint().width() + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4;
    const int screenWidth = screen() ? screen()->availableGeometry().width() : 1024;
    area.setMinimumWidth(std::min(needed, screenWidth * 28 / 100));
}

void MainWindow::createLessonMenu()
{
    QMenu* lessons = menuBar()->addMenu(tr("&Lessons"));
    // The lessons shipped in resources/lessons, by title; the file names order them.
    const QDir shipped(QStringLiteral(":/lessons"));
    for (const QString& name : shipped.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = shipped.filePath(name);
        try {
            const Lesson lesson = loadLesson(path.toStdString(), toStrings(viewNames()));
            lessons->addAction(QString::fromStdString(lesson.title), this, [this, path] { openLesson(path); })
                ->setToolTip(QString::fromStdString(lesson.summary));
        } catch (const InputError& error) { // tests keep the shipped lessons valid; say so if one is not
            qWarning("%s", error.what());
        }
    }
    lessons->addSeparator();
    lessons->addAction(tr("&Open lesson file…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open lesson"), QString(), tr("Lesson files (*.json)"));
        if (!path.isEmpty())
            openLesson(path);
    });
    lessons->addAction(tr("&Save as lesson…"), this, &MainWindow::saveLesson)
        ->setToolTip(tr("This session's setup, view and hidden controls as a lesson file, to add steps to"));
    m_endLesson = lessons->addAction(tr("&End lesson"), this, &MainWindow::endLesson);
    m_endLesson->setEnabled(false); // until a lesson opens
}

void MainWindow::openLesson(const QString& path)
{
    reportingErrors([&] {
        const Lesson lesson = loadLesson(path.toStdString(), toStrings(viewNames()));
        confirmDiscard(tr("Open lesson"), [this, lesson] { startLesson(lesson); });
    });
}

void MainWindow::startLesson(const Lesson& lesson)
{
    endLesson();
    m_setup->setSettings(lesson.settings);
    startSession(lesson.settings);
    showView(QString::fromStdString(lesson.view));
    m_lessonHidden = hideControls(lesson.hidden);
    m_lesson = lesson;
    m_endLesson->setEnabled(true);
    m_lessonPanel->showLesson(lesson);
    auto* dock = findChild<QDockWidget*>(QStringLiteral("lessonDock"));
    dock->show();
    dock->raise(); // in front when it shares a tab with another dock
    shareRightDocks();
}

void MainWindow::shareRightDocks()
{
    // The knobs' read-out is tall and the pruning panel's preview short; a lesson's steps in between.
    const std::vector<std::pair<const char*, int>> shares{{"lessonDock", 30}, {"pruningDock", 28}, {"knobsDock", 42}};
    QList<QDockWidget*> docks;
    QList<int> heights;
    for (const auto& [name, share] : shares)
        if (auto* dock = findChild<QDockWidget*>(QString::fromLatin1(name)); dock && !dock->isHidden()) {
            docks << dock;
            heights << height() * share / 100;
        }
    resizeDocks(docks, heights, Qt::Vertical);
}

void MainWindow::endLesson()
{
    if (!m_lesson)
        return;
    showControls(m_lessonHidden); // not those the user had closed before
    m_lessonHidden.clear();
    m_lesson.reset();
    m_endLesson->setEnabled(false);
    findChild<QDockWidget*>(QStringLiteral("lessonDock"))->hide();
    shareRightDocks();
}

QWidget* MainWindow::control(const std::string& name) const
{
    const QString text = QString::fromStdString(name);
    if (auto* dock = findChild<QDockWidget*>(text + QStringLiteral("Dock")))
        return dock;
    return text == QStringLiteral("toolbar") ? findChild<QToolBar*>(QStringLiteral("trainingToolbar")) : nullptr;
}

std::vector<std::string> MainWindow::hideControls(const std::vector<std::string>& names)
{
    std::vector<std::string> hidden;
    for (const std::string& name : names)
        if (QWidget* widget = control(name); widget && !widget->isHidden()) {
            widget->hide();
            hidden.push_back(name);
        }
    return hidden;
}

void MainWindow::showControls(const std::vector<std::string>& names)
{
    for (const std::string& name : names)
        if (QWidget* widget = control(name))
            widget->show();
}

void MainWindow::saveLesson()
{
    reportingErrors([this] {
        Lesson lesson = m_lesson.value_or(Lesson{});
        lesson.settings = m_setup->settings();
        lesson.view = currentView()->viewName().toStdString();
        if (!m_lesson) { // a first draft of the steps, for the teacher to rewrite
            const SessionSettings& s = lesson.settings;
            lesson.title = tr("%1 with %2").arg(QString::fromStdString(s.dataset.name),
                                                QString::fromStdString(s.architecture.widthsText())).toStdString();
            lesson.steps = {tr("Press <b>Play</b>: the network learns %1 by training its %2 group.")
                                .arg(QString::fromStdString(s.dataset.name), qt(trainModeName(s.mode)))
                                .toStdString(),
                            tr("Select a node (a thumbnail, a circle in the diagram, a row of the ranking) and turn "
                               "its eigenvalues in the knob panel: watch the boundary and the accuracy.")
                                .toStdString()};
        }
        lesson.hidden.clear();
        for (const std::string& control : lessonControls()) {
            const QString name = QString::fromStdString(control);
            const QWidget* widget = control == "toolbar" ? static_cast<QWidget*>(findChild<QToolBar*>(QStringLiteral("trainingToolbar")))
                                                         : findChild<QDockWidget*>(name + QStringLiteral("Dock"));
            if (widget && widget->isHidden())
                lesson.hidden.push_back(control);
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Save as lesson"), QStringLiteral("lesson.json"),
                                                          tr("Lesson files (*.json)"));
        if (!path.isEmpty())
            writeFileAtomically(path.toStdString(), lessonText(lesson));
    });
}

void MainWindow::setClassroomMode(bool on)
{
    if (on == classroomMode())
        return;
    if (on) {
        // The setup panel goes; the pruning panel too unless an open lesson decides what it needs.
        std::vector<std::string> hidden{"setup"};
        if (!m_lesson)
            hidden.push_back("pruning");
        m_classroomFont = QApplication::font();
        QFont larger = *m_classroomFont;
        larger.setPointSizeF(larger.pointSizeF() * 1.5);
        Layout layout{geometry(), {}, {}};
        for (QDockWidget* dock : findChildren<QDockWidget*>())
            if (!dock->isHidden()) {
                layout.docks << dock;
                layout.widths << dock->width();
            }
        m_layoutBeforeClassroom = layout;
        QApplication::setFont(larger);
        m_classroomHidden = hideControls(hidden);
        showFullScreen();
    } else {
        QApplication::setFont(*m_classroomFont);
        m_classroomFont.reset();
        showControls(m_classroomHidden);
        showNormal();
    }
    m_classroom->setChecked(on);
}

void MainWindow::paintMediaIcons()
{
    if (!m_pauseButton)
        return; // a palette change while the window is being built
    m_playPause->setIcon(paletteIcon(m_running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay, *this));
    m_stepBatch->setIcon(paletteIcon(QStyle::SP_MediaSeekForward, *this));
    m_stepEpoch->setIcon(paletteIcon(QStyle::SP_MediaSkipForward, *this));
    m_stop->setIcon(paletteIcon(QStyle::SP_MediaStop, *this));
    m_pauseButton->setIcon(paletteIcon(QStyle::SP_MediaPause, *this));
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        paintMediaIcons();
    // The type's size decides how wide the panels must be. When this window hears of a new font its
    // panels' layouts still hold the old sizes: they are measured once the change has gone through,
    // and a window back from classroom mode then takes its old size and its docks their old widths
    // (the larger type's minimum sizes had made it wider than a small screen).
    if (event->type() == QEvent::FontChange)
        QMetaObject::invokeMethod(
            this,
            [this] {
                for (QScrollArea* area : findChildren<QScrollArea*>(QStringLiteral("panelScroll")))
                    fitWidth(*area);
                if (!classroomMode() && m_layoutBeforeClassroom) {
                    layout()->activate();
                    setGeometry(m_layoutBeforeClassroom->geometry);
                    resizeDocks(m_layoutBeforeClassroom->docks, m_layoutBeforeClassroom->widths, Qt::Horizontal);
                    m_layoutBeforeClassroom.reset();
                }
            },
            Qt::QueuedConnection);
}

void MainWindow::saveScreenshot(const QString& path) { saveWidgetImage(*this, path, windowTitle()); }

QStringList MainWindow::viewNames() const
{
    QStringList names;
    for (const SnapshotView* view : m_views)
        names << view->viewName();
    return names;
}

bool MainWindow::showView(const QString& name)
{
    const qsizetype index = viewNames().indexOf(name);
    if (index < 0)
        return false;
    m_tabs->setCurrentIndex(static_cast<int>(index));
    return true;
}

void MainWindow::addRecentFile(const QString& path)
{
    QSettings settings;
    QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
    files.removeAll(path);
    files.prepend(path);
    settings.setValue(QStringLiteral("recentFiles"), files.mid(0, maxRecentFiles));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : files)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openModelFile(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_closeConfirmed && hasUnsavedWork()) {
        event->ignore();
        confirmDiscard(tr("Quit"), [this] {
            m_closeConfirmed = true;
            close();
        });
        return;
    }
    // The next start is an ordinary one: no classroom layout, no docks a lesson hid.
    setClassroomMode(false);
    endLesson();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/dark"), m_darkPalette->isChecked());
    m_setup->saveSettings();
    event->accept();
}

} // namespace reciprocal::widgets
