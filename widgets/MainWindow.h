#pragma once

#include "widgets/lessons/Lesson.h"
#include "widgets/session/TrainingController.h"

#include <QMainWindow>

#include <QFont>
#include <QRect>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QMessageBox;
class QProgressBar;
class QScrollArea;
class QTabWidget;
class QToolButton;
class QUndoStack;

namespace reciprocal::widgets {

class KnobPanel;
class LessonPanel;
class PruningPanel;
class SetupPanel;
class SnapshotView;

// The desktop application: the setup panel, the live views (curves, spectrum, ranking, masks,
// diagram) as tabs, the pruning panel with its undoable history, and the training controls. All
// training runs in the TrainingController's worker; this window only sends commands and shows
// snapshots.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    TrainingController& controller() { return *m_controller; }
    SetupPanel& setupPanel() { return *m_setup; }
    KnobPanel& knobPanel() { return *m_knobs; }
    QUndoStack& history() { return *m_history; }
    // The names of the views, in tab order ("curves", "spectrum", ...).
    QStringList viewNames() const;
    // Show the named view; false if there is none.
    bool showView(const QString& name);
    // The setup, window geometry and dock layout of the last session (QSettings).
    void restoreSettings();
    void setDarkPalette(bool dark);
    // Save the whole window as a PNG. Throws InputError if it cannot be written.
    void saveScreenshot(const QString& path);

    // Open a model, experiment or lesson file, told apart by its content (a drop on the window,
    // `reciprocal gui FILE`, a file manager's Open With); problems go to the error dialog.
    void openFile(const QString& path);

    // Start a session from an experiment file's first run and play its steps (TrainingWorker::replay).
    // Problems with the file are shown in the error dialog.
    void openExperiment(const QString& path);

    // A lesson (Lessons menu, `gui --lesson`): its session, view and hidden controls, and its steps
    // in the lesson panel. openLesson reads the file, shows problems in the error dialog and asks
    // before discarding a trained network; startLesson starts at once.
    void openLesson(const QString& path);
    void startLesson(const Lesson& lesson);
    void endLesson();
    const std::optional<Lesson>& lesson() const { return m_lesson; }
    // Full screen, type 1.5 times larger, the setup dock hidden (and the pruning dock, unless a
    // lesson is open: the lesson says what it needs): for a projector.
    void setClassroomMode(bool on);
    bool classroomMode() const { return m_classroomFont.has_value(); }

public Q_SLOTS:
    void newSession();
    void startSession(const reciprocal::widgets::SessionSettings& settings);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createViews();
    void createDocks();
    void createActions();
    void createStatusBar();
    void connectController();
    void showSnapshot(const SnapshotPtr& snapshot);
    // The one node selection of every view and the pruning panel (NodeRef{} = none).
    void selectNode(NodeRef node);
    void updateStatus(const TrainingSnapshot& snapshot);
    void showProgress(long long done, long long total);
    void updateActions(SessionState state);
    void showError(const QString& message);
    void openModel();
    void openModelFile(const QString& path);
    // Returns false when the user cancelled choosing a file.
    bool saveModel(bool choosePath);
    // Trained or pruned since the last save or open (a fresh network is nothing to lose).
    bool hasUnsavedWork() const;
    // Runs `proceed` at once, or after the user agreed to discard (or save) the unsaved network.
    void confirmDiscard(const QString& action, std::function<void()> proceed);
    void exportViewImage();
    void exportViewData();
    void exportScreenshot();
    void saveExperiment();
    void saveLesson();
    void createLessonMenu();
    // The network is about to be replaced (new session, reset, open, lesson): its curves and
    // boundary stay in the views for comparison, its undo steps go.
    void endRun();
    // The panel in a vertical scroll area, as wide as the panel needs: docks on a small screen.
    QScrollArea* scrolling(QWidget* content);
    void fitWidth(QScrollArea& area) const;
    void paintMediaIcons(); // in the palette's colours
    void shareRightDocks(); // their heights, by what each shows
    // Shows or hides the docks and the toolbar a lesson or classroom mode names (lessonControls()).
    // The docks ("setup", "pruning", ...) and the training toolbar ("toolbar") lessons and classroom
    // mode hide; hideControls returns the ones that were shown, for showControls to bring back.
    QWidget* control(const std::string& name) const;
    std::vector<std::string> hideControls(const std::vector<std::string>& names);
    void showControls(const std::vector<std::string>& names);
    void showReplayProgress(const ReplayProgress& progress);
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    SnapshotView* currentView() const;
    // A temporary message in the status bar, elided in the middle to the room the read-outs leave.
    void showStatusMessage(const QString& message, int milliseconds);
    // Runs the action and reports a failure (InputError) in the error dialog.
    template <typename Action> void reportingErrors(Action action);

    TrainingController* m_controller;
    QUndoStack* m_history;
    SetupPanel* m_setup;
    PruningPanel* m_pruning;
    KnobPanel* m_knobs;
    LessonPanel* m_lessonPanel;
    std::optional<Lesson> m_lesson;
    std::vector<std::string> m_lessonHidden; // the controls the open lesson hid
    std::optional<QFont> m_classroomFont; // the font before classroom mode, while it is on
    // The window's geometry and its side docks' widths before classroom mode, until it is back.
    struct Layout {
        QRect geometry;
        QList<QDockWidget*> docks;
        QList<int> widths;
    };
    std::optional<Layout> m_layoutBeforeClassroom;
    std::vector<std::string> m_classroomHidden; // the controls classroom mode hid
    QAction* m_classroom = nullptr;
    QTabWidget* m_tabs;
    QList<SnapshotView*> m_views;
    QLabel* m_stateLabel;
    QLabel* m_epochLabel;
    QLabel* m_speedLabel;
    QProgressBar* m_progress;
    QMessageBox* m_errorBox = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_playPause = nullptr;
    QToolButton* m_pauseButton = nullptr;
    QAction* m_endLesson = nullptr;
    bool m_running = false; // the play action shows Pause
    QAction* m_stepBatch = nullptr;
    QAction* m_stepEpoch = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_stop = nullptr;
    QAction* m_darkPalette = nullptr;
    QString m_modelPath;
    std::uint64_t m_nodeNumbering = 0; // of the last snapshot shown
    // Where the session stood when it was last saved or opened.
    struct SavedMark {
        std::uint64_t nodeNumbering = 0;
        int epoch = 0;
        int batch = 0;
        int historyIndex = 0; // knob edits change neither numbering nor epoch
        friend bool operator==(const SavedMark&, const SavedMark&) = default;
    };
    SavedMark m_savedMark{~std::uint64_t(0), 0, 0, 0};
    bool m_openedPending = false;
    std::function<void()> m_afterSave; // what waits for the model file to be written
    bool m_closeConfirmed = false;
};

} // namespace reciprocal::widgets
