// SPDX-License-Identifier: MIT
// Lesson files: the shipped ones are valid and round-trip; broken ones are refused with a message
// naming the file and the field; a lesson opened in the window sets up its session, shows its view,
// hides its controls and gives them back when it ends.
#include "widgets/MainWindow.h"
#include "widgets/lessons/Lesson.h"
#include "widgets/lessons/LessonPanel.h"
#include "widgets/playground/PlaygroundView.h"
#include "widgets/setup/SetupPanel.h"
#include "widgets/views/RankingView.h"
#include "WindowActions.h"

#include "core/Error.h"

#include <QChart>
#include <QChartView>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <sys/stat.h>

using namespace reciprocal;
using namespace reciprocal::widgets;
using testing::actionNamed;

namespace {

const std::vector<std::string> views{"curves", "spectrum", "ranking", "masks", "diagram", "playground"};
const QString lessonFolder = QStringLiteral(RECIPROCAL_SOURCE_DIR "/resources/lessons");

QByteArray shippedText(const QString& name)
{
    QFile file(QDir(lessonFolder).filePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class LessonTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shippedLessonsAreValidAndRoundTrip();
    void brokenLessonsAreRefused_data();
    void brokenLessonsAreRefused();
    void specialFilesAreRefused();
    void aLessonSetsUpTheWindowAndEnds();
};

void LessonTest::shippedLessonsAreValidAndRoundTrip()
{
    const QStringList names = QDir(lessonFolder).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(names.size() >= 4);
    for (const QString& name : names) {
        const std::string path = QDir(lessonFolder).filePath(name).toStdString();
        const Lesson lesson = loadLesson(path, views);
        QVERIFY2(lesson.steps.size() >= 3, qPrintable(name));
        QVERIFY(!lesson.title.empty());
        QCOMPARE(parseLesson(lessonText(lesson), "again.json", views), lesson);
    }
    // The one about input features gives the network the inputs it declares.
    const Lesson features = loadLesson(QDir(lessonFolder).filePath(QStringLiteral("4-input-features-and-two-sets.json")).toStdString(), views);
    QCOMPARE(features.settings.architecture.inputWidth(), 2 + static_cast<int>(features.settings.dataset.toyFeatures.size()));
}

void LessonTest::brokenLessonsAreRefused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    const QByteArray good = shippedText(QStringLiteral("2-eigenvalues-as-knobs.json"));
    QVERIFY(!good.isEmpty());
    const auto replaced = [&](const char* from, const char* to) {
        QByteArray text = good;
        const qsizetype at = text.indexOf(from);
        return at < 0 ? QByteArray("not found: ") + from : text.replace(at, qstrlen(from), to);
    };
    QTest::newRow("not JSON") << QByteArray("{\"format\": ") << "not valid JSON";
    QTest::newRow("an experiment") << replaced("reciprocal-lesson", "reciprocal-experiment") << "format must be";
    QTest::newRow("from the future") << replaced("\"version\": 1", "\"version\": 2") << "version is newer";
    QTest::newRow("unknown view") << replaced("\"view\": \"playground\"", "\"view\": \"hologram\"") << "view must be one of";
    QTest::newRow("unknown control") << replaced("\"hide\": [\"pruning\"]", "\"hide\": [\"menu\"]") << "hide[0] must be one of";
    QTest::newRow("hidden twice") << replaced("\"hide\": [\"pruning\"]", "\"hide\": [\"pruning\", \"pruning\"]") << "hide[1] is listed twice";
    QTest::newRow("no steps") << replaced("\"steps\": [", "\"steps\": [], \"x\": [") << "steps must hold";
    QTest::newRow("a step that is a number") << replaced("\"steps\": [", "\"steps\": [3, ") << "steps[0] must be a text";
    QTest::newRow("bad architecture") << replaced("\"2-8-2\"", "\"2-x-2\"") << "network.arch is invalid";
    QTest::newRow("unknown feature") << replaced("\"seed\": 1},", "\"seed\": 1, \"features\": [\"x3\"]},") << "dataset.features is invalid";
    QTest::newRow("unknown key") << replaced("\"view\"", "\"colour\": 1, \"view\"") << "colour";
    QTest::newRow("key twice") << replaced("\"view\"", "\"title\": \"again\", \"view\"") << "appears twice";
    QTest::newRow("zero epochs") << replaced("\"epochs\": 30", "\"epochs\": 0") << "training.epochs must be an integer";
    QTest::newRow("invalid UTF-8") << replaced("Eigenvalues as knobs", "Eigenvalues \xff\xfe knobs") << "not valid JSON";
    QTest::newRow("huge number") << replaced("\"lr\": 0.01", "\"lr\": 1e400") << "not valid JSON";
    QTest::newRow("not finite lr") << replaced("\"lr\": 0.01", "\"lr\": 1e300") << "training.lr must be a number";
}

void LessonTest::brokenLessonsAreRefused()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    try {
        parseLesson(text.toStdString(), "broken.json", views);
        QFAIL("the lesson was accepted");
    } catch (const InputError& error) {
        const QString what = QString::fromUtf8(error.what());
        QVERIFY2(what.startsWith(QStringLiteral("lesson 'broken.json'")) && what.contains(message), qPrintable(what));
        QVERIFY(!what.contains(QLatin1Char('\n')));
    }
}

void LessonTest::specialFilesAreRefused()
{
    QVERIFY_THROWS_EXCEPTION(InputError, loadLesson("/dev/zero", views));
    QVERIFY_THROWS_EXCEPTION(InputError, loadLesson("/nonexistent/lesson.json", views));
    QTemporaryDir folder;
    const QString fifo = folder.filePath(QStringLiteral("lesson.json"));
    QCOMPARE(mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    QVERIFY_THROWS_EXCEPTION(InputError, loadLesson(fifo.toStdString(), views)); // refused, not waited on
}

void LessonTest::aLessonSetsUpTheWindowAndEnds()
{
    MainWindow window;
    window.show();
    QAction* endAction = actionNamed(window, QStringLiteral("&End lesson"));
    QVERIFY(endAction && !endAction->isEnabled()); // no lesson to end yet
    const Lesson lesson = loadLesson(QDir(lessonFolder).filePath(QStringLiteral("3-spectral-pruning.json")).toStdString(), views);
    window.startLesson(lesson);
    QVERIFY(endAction->isEnabled());
    // Three docks on the right and the setup on the left still fit a 1024 x 768 projector.
    const auto fits1024By768 = [&window] {
        window.resize(1024, 768);
        QTest::qWait(50);
        return window.width() <= 1024 && window.height() <= 768;
    };
    QVERIFY2(fits1024By768(), qPrintable(QStringLiteral("%1 x %2").arg(window.width()).arg(window.height())));
    QTRY_VERIFY_WITH_TIMEOUT(window.controller().latestSnapshot()->architecture.widths == (std::vector<int>{2, 32, 32, 3}),
                             20000);
    QCOMPARE(window.setupPanel().settings().epochs, 200);
    QCOMPARE(window.findChild<QTabWidget*>()->currentWidget(), window.findChild<PlaygroundView*>());
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("knobsDock"))->isHidden());
    QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("pruningDock"))->isHidden());
    QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("lessonDock"))->isHidden());
    auto* panel = window.findChild<LessonPanel*>();
    QCOMPARE(panel->step(), 0);
    panel->showStep(2);
    QCOMPARE(panel->step(), 2);
    panel->showStep(99);
    QCOMPARE(panel->step(), 3); // the last one
    window.endLesson();
    QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("knobsDock"))->isHidden());
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("lessonDock"))->isHidden());
    QVERIFY(!window.lesson());
    QVERIFY(!endAction->isEnabled());
    // A dock the user closed before the lesson hid it stays closed after the lesson.
    window.findChild<QDockWidget*>(QStringLiteral("knobsDock"))->close();
    window.startLesson(lesson);
    window.endLesson();
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("knobsDock"))->isHidden());
    window.findChild<QDockWidget*>(QStringLiteral("knobsDock"))->show();

    // Classroom mode: larger type, in the charts too; setup and pruning hidden; off gives everything
    // back.
    const qreal size = QApplication::font().pointSizeF();
    QChart& chart = *window.findChild<QChartView*>()->chart();
    const qreal titleSize = chart.titleFont().pointSizeF();
    const qreal labelSize = chart.axes().front()->labelsFont().pointSizeF();
    window.setClassroomMode(true);
    QCOMPARE(QApplication::font().pointSizeF(), size * 1.5);
    QTRY_COMPARE(chart.titleFont().pointSizeF(), titleSize * 1.5);
    QCOMPARE(chart.axes().front()->labelsFont().pointSizeF(), labelSize * 1.5);
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("setupDock"))->isHidden());
    // At 1024 x 768 no ranking header is cut, and the status bar's read-outs do not overlap.
    window.resize(1024, 768);
    window.showView(QStringLiteral("ranking"));
    const QHeaderView& header = *window.findChild<RankingView*>()->findChild<QTableView*>()->horizontalHeader();
    QTRY_VERIFY(header.isVisible());
    for (int section = 0; section < header.count(); ++section)
        QVERIFY2(header.sectionSize(section) >= header.sectionSizeHint(section), qPrintable(QString::number(section)));
    const QList<QWidget*> readOuts = window.statusBar()->findChildren<QWidget*>(Qt::FindDirectChildrenOnly);
    for (const QWidget* a : readOuts)
        for (const QWidget* b : readOuts)
            QVERIFY(a == b || !a->isVisible() || !b->isVisible() || !a->geometry().intersects(b->geometry()));
    window.setClassroomMode(false);
    QCOMPARE(QApplication::font().pointSizeF(), size);
    QTRY_COMPARE(chart.titleFont().pointSizeF(), titleSize);
    QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("setupDock"))->isHidden());

    // In and out of classroom mode with a lesson open, the window still fits the projector (it had
    // kept the larger type's minimum width).
    window.startLesson(lesson);
    window.setClassroomMode(true);
    window.setClassroomMode(false);
    QTRY_COMPARE(QApplication::font().pointSizeF(), size);
    QVERIFY2(fits1024By768(), qPrintable(QStringLiteral("%1 x %2").arg(window.width()).arg(window.height())));
}

QTEST_MAIN(LessonTest)
#include "test_lessons.moc"
