#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/io/FileKind.h"
#include "widgets/MainWindow.h"
#include "widgets/pruning/PruningPanel.h"
#include "widgets/setup/SetupPanel.h"

#include "core/Error.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>

namespace reciprocal::cli {

namespace {

using widgets::SessionState;
using widgets::TrainingSnapshot;

// Runs the event loop until the predicate holds; throws InputError with `what` on timeout.
template <typename Predicate> void waitUntil(Predicate predicate, double seconds, const std::string& what)
{
    QElapsedTimer timer;
    timer.start();
    while (!predicate()) {
        if (static_cast<double>(timer.elapsed()) > seconds * 1000.0)
            throw InputError("gui: timed out waiting for " + what);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
}

// Session errors (bad data folder, architecture not matching the data) end the run with exit 2.
void failOnError(widgets::TrainingController& controller, std::optional<std::string>& error)
{
    QObject::connect(&controller, &widgets::TrainingController::errorOccurred, &controller,
                     [&error](const widgets::SessionError& failure) {
                         error = widgets::sessionErrorText(failure).toStdString();
                     });
}

// The options' session; epochs per Play from --train-epochs, else the teaching preset's, else the
// panel's.
widgets::SessionSettings sessionSettings(const CommandParser& p, widgets::SessionSettings settings)
{
    settings.dataset = p.datasetSpec();
    settings.architecture = p.architecture(settings.architecture.widths);
    settings.mode = p.trainMode();
    settings.training = p.trainingSettings();
    settings.optimizer = p.optimizerSettings();
    if (p.isSet(QStringLiteral("train-epochs")))
        settings.epochs = std::max(1, p.integer(QStringLiteral("train-epochs"), 0, 100000));
    else if (p.preset())
        settings.epochs = p.preset()->epochs;
    return settings;
}

// --view (or the lesson's view), checked against the window's views.
QString shownView(const CommandParser& p, const widgets::MainWindow& window, const std::optional<widgets::Lesson>& lesson)
{
    const QString view = QString::fromStdString(lesson && !p.isSet(QStringLiteral("view")) ? lesson->view
                                                                                         : p.text(QStringLiteral("view")));
    if (!window.viewNames().contains(view))
        throw InputError("--view must be one of: " + window.viewNames().join(QStringLiteral(", ")).toStdString() +
                         " (got '" + view.toStdString() + "')");
    return view;
}

// The lesson of --lesson, read before any window opens so that a bad file is exit 2.
std::optional<widgets::Lesson> lessonOf(const CommandParser& p, const QStringList& views)
{
    if (!p.isSet(QStringLiteral("lesson")))
        return std::nullopt;
    std::vector<std::string> names;
    for (const QString& view : views)
        names.push_back(view.toStdString());
    return widgets::loadLesson(p.text(QStringLiteral("lesson")), names);
}

int takeScreenshot(const CommandParser& p, widgets::MainWindow& window, const std::optional<widgets::Lesson>& lesson)
{
    const std::string out = p.requiredText(QStringLiteral("screenshot"));
    checkWritable(out);
    const QString view = shownView(p, window, lesson);
    const int epochs = p.integer(QStringLiteral("train-epochs"), 0, 100000);
    const double pruneFraction = p.isSet(QStringLiteral("prune-preview"))
                                     ? p.real(QStringLiteral("prune-preview"), 0.0, 1.0)
                                     : -1.0;
    // A lesson brings its session; --train-epochs still says how long to train before the picture.
    widgets::SessionSettings settings =
        lesson ? lesson->settings : sessionSettings(p, window.setupPanel().settings());
    if (lesson && epochs > 0)
        settings.epochs = epochs;
    window.setupPanel().setSettings(settings);

    widgets::TrainingController& controller = window.controller();
    std::optional<std::string> error;
    failOnError(controller, error);
    auto state = [&controller] { return controller.latestSnapshot()->state; };
    if (lesson) {
        widgets::Lesson shown = *lesson;
        shown.settings = settings;
        window.startLesson(shown);
    } else {
        window.startSession(settings);
    }
    window.showView(view); // shown while it trains, so that wall_seconds includes drawing it live
    waitUntil([&] { return error || state() == SessionState::Ready; }, 600, "the data set to load");
    if (error)
        throw InputError(*error);
    QElapsedTimer training;
    double trainingWallSeconds = 0.0;
    if (epochs > 0) {
        training.start();
        controller.send(&widgets::TrainingWorker::play);
        waitUntil([&] { return error || state() == SessionState::Finished; }, 3600, "training to finish");
        trainingWallSeconds = static_cast<double>(training.nsecsElapsed()) * 1e-9;
    }
    std::optional<PruningPreview> preview;
    if (pruneFraction >= 0.0) {
        bool previewed = false;
        QObject::connect(&controller, &widgets::TrainingController::previewReady, &window,
                         [&](const PruningPreview& ready) {
                             if (ready.request.fraction == pruneFraction) {
                                 preview = ready;
                                 previewed = true;
                             }
                         });
        window.findChild<widgets::PruningPanel*>()->setRequest(PruningRequest::removingFraction(pruneFraction));
        waitUntil([&] { return error || previewed; }, 120, "the pruning preview");
    }
    if (error)
        throw InputError(*error);
    // Let every view lay out and paint the final snapshot before grabbing.
    QElapsedTimer settle;
    settle.start();
    waitUntil([&] { return settle.elapsed() > 300; }, 10, "the window to settle");
    window.saveScreenshot(QString::fromStdString(out));
    const TrainingSnapshot& last = *controller.latestSnapshot();
    // Throughput as `train` reports it (training time only) and over the wall clock of the whole run
    // with the views updating, which shows what the GUI costs.
    double samples = 0.0;
    double seconds = 0.0;
    for (const EpochRecord& record : last.history) {
        samples += record.samplesPerSecond * record.seconds;
        seconds += record.seconds;
    }
    if (p.json())
        printJson({{"out", out},
                   {"view", view.toStdString()},
                   {"width", window.width()},
                   {"height", window.height()},
                   {"epochs", last.epoch},
                   {"samples_per_second", seconds > 0 ? samples / seconds : 0.0},
                   {"wall_seconds", trainingWallSeconds},
                   {"test_accuracy", last.history.empty() ? nlohmann::json() : nlohmann::json(last.history.back().testAccuracy)},
                   {"preview_accuracy", preview ? nlohmann::json(preview->accuracyAfter) : nlohmann::json()},
                   {"preview_milliseconds", preview ? nlohmann::json(preview->milliseconds) : nlohmann::json()}});
    else
        printText("wrote " + out + "\n");
    return ExitSuccess;
}

} // namespace

int runGui(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("gui"),
                    QStringLiteral("The desktop application: live eigenvalue spectra, node rankings, sparsity masks "
                                   "and interactive pruning over a background training thread. Data, network, training "
                                   "and optimiser options set up the first session (without them the window starts as "
                                   "it was left). With --screenshot it runs offscreen: sets up the session, trains "
                                   "--train-epochs, optionally previews a pruning, saves the window as PNG and exits. "
                                   "Usage: reciprocal gui [FILE] [options], FILE a model, experiment or lesson to open."));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    p.addArchitectureOptions(
        QStringLiteral("%1, the setup panel's")
            .arg(QString::fromStdString(widgets::SessionSettings{}.architecture.widthsText())));
    p.addTrainingOptions();
    p.addOptimizerOptions();
    p.addOption(QStringLiteral("screenshot"), QStringLiteral("Render offscreen, save the window as this PNG and exit."),
                QStringLiteral("FILE"));
    p.addOption(QStringLiteral("train-epochs"), QStringLiteral("Epochs one Play trains (with --screenshot: epochs to train first; "
                                                                  "default: the teaching preset's or the setup panel's)."),
                QStringLiteral("N"), QStringLiteral("0"));
    p.addOption(QStringLiteral("view"),
                QStringLiteral("The view shown (curves, spectrum, ranking, masks, diagram, playground)."),
                QStringLiteral("NAME"), QStringLiteral("curves"));
    p.addOption(QStringLiteral("prune-preview"),
                QStringLiteral("With --screenshot: preview pruning this fraction by |lambda| first."),
                QStringLiteral("F"));
    p.addOption(QStringLiteral("dark"), QStringLiteral("The dark palette."));
    p.addOption(QStringLiteral("lesson"),
                QStringLiteral("Open this lesson file (docs/teaching.md): its session, view, hidden controls and "
                               "steps. With --screenshot its settings replace the data and network options."),
                QStringLiteral("FILE"));
    p.addOption(QStringLiteral("size"), QStringLiteral("With --screenshot: window size."), QStringLiteral("WxH"),
                QStringLiteral("1400x860"));
    if (!p.parse(arguments, 1))
        return ExitSuccess;
    // `reciprocal gui FILE` (a file manager's Open With): a model, experiment or lesson, checked
    // before a window opens.
    const std::optional<std::string> file =
        p.positionalCount() > 0 ? std::optional(p.positional(0, "the file")) : std::nullopt;
    if (file) {
        if (p.isSet(QStringLiteral("screenshot")) || p.isSet(QStringLiteral("lesson")))
            throw InputError("gui FILE opens the file in the window; use --lesson FILE with --screenshot");
        reciprocalFileKind(*file);
    }

    widgets::MainWindow window;
    const std::optional<widgets::Lesson> lesson = lessonOf(p, window.viewNames());
    if (p.isSet(QStringLiteral("screenshot"))) {
        const QStringList size = QString::fromStdString(p.text(QStringLiteral("size"))).split(QLatin1Char('x'));
        const int width = size.size() == 2 ? size[0].toInt() : 0;
        const int height = size.size() == 2 ? size[1].toInt() : 0;
        if (width < 400 || height < 300 || width > 8000 || height > 8000)
            throw InputError("--size must be WxH with 400 <= W, 300 <= H, both <= 8000 (got '" +
                             p.text(QStringLiteral("size")) + "')");
        window.setDarkPalette(p.isSet(QStringLiteral("dark")));
        window.resize(width, height);
        window.show();
        return takeScreenshot(p, window, lesson);
    }
    // Options given on the command line set the session up as the screenshot would (bad values are
    // exit 2 before a window opens); without any, the window starts as the user left it.
    const QString view = shownView(p, window, lesson);
    const std::optional<widgets::SessionSettings> settings =
        !lesson && p.anySessionOptionGiven()
            ? std::optional(sessionSettings(p, window.setupPanel().settings()))
            : std::nullopt;
    window.restoreSettings();
    if (p.isSet(QStringLiteral("dark")))
        window.setDarkPalette(true);
    window.show();
    if (lesson) {
        window.startLesson(*lesson);
    } else if (settings) {
        window.setupPanel().setSettings(*settings);
        window.startSession(*settings);
    }
    if (lesson || p.isSet(QStringLiteral("view")))
        window.showView(view);
    if (file)
        window.openFile(QString::fromStdString(*file));
    return QApplication::exec();
}

} // namespace reciprocal::cli
