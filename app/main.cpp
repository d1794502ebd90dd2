#include "app/cli/ArgumentBytes.h"
#include "app/cli/CommandLine.h"

#include "core/BuildInfo.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QIcon>

#include <clocale>
#include <cstdio>
#include <memory>

int main(int argc, char* argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << reciprocal::cli::argumentFromBytes(argv[i]); // any bytes, a file name's too
    // Commands that only render images never open a window and must work without a display.
    const bool drawing = reciprocal::cli::needsGui(arguments);
    if (reciprocal::cli::rendersOffscreen(arguments) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a display Qt's platform plugin aborts the process; say what to do instead.
    if (drawing && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        std::fputs("reciprocal: error: the desktop application needs a display (DISPLAY or WAYLAND_DISPLAY is not "
                   "set); without one, `reciprocal gui --screenshot FILE` renders it offscreen and every other "
                   "command runs headless\n",
                   stderr);
        return 2;
    }
    const std::unique_ptr<QCoreApplication> application =
        drawing ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    // The application object set the C library's locale from the environment; numbers the program
    // reads and writes (CSV, JSON, messages) stay the C locale's under de_DE or it_IT. The GUI shows
    // numbers in the user's locale through QLocale, which this does not touch.
    std::setlocale(LC_NUMERIC, "C");
    QCoreApplication::setApplicationName(QStringLiteral("reciprocal"));
    QCoreApplication::setOrganizationName(QStringLiteral("Reciprocal"));
    if (drawing) {
        // lets Wayland desktops match the window to its menu entry and icon
        QGuiApplication::setDesktopFileName(QStringLiteral("io.github.reciprocal.Reciprocal"));
        // the icon is compiled into this executable, so the application, not the window, sets it
        QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/reciprocal.svg")));
    }
    QCoreApplication::setApplicationVersion(QString::fromLatin1(reciprocal::buildinfo::version));
    return reciprocal::cli::run(arguments);
}
