#pragma once

#include <QStringList>

namespace reciprocal::cli {

// Exit codes of the command line; scripts rely on them.
enum ExitCode {
    ExitSuccess = 0,
    ExitFailure = 1,    // an unexpected internal error
    ExitBadInput = 2,   // invalid arguments, missing or malformed files, impossible requests
    ExitDiverged = 3,   // training diverged; the last good state was kept (and saved with --out)
};

// Whether the subcommand draws (and so needs a QApplication rather than a QCoreApplication): plot,
// gui, and prune with --relevance-image.
bool needsGui(const QStringList& arguments);
// Whether it draws without a window (plot, prune --relevance-image, gui --screenshot), so it works
// without a display.
bool rendersOffscreen(const QStringList& arguments);

// Run `reciprocal <subcommand> [options]` (arguments[0] is the program). Returns the exit code.
int run(const QStringList& arguments);

} // namespace reciprocal::cli
