#pragma once

#include <QStringList>

namespace reciprocal::cli {

// Each takes the arguments from the subcommand name on and returns the exit code; bad input is
// thrown as InputError and mapped to exit code 2 by run().
int runTrain(const QStringList& arguments);
int runEval(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runBench(const QStringList& arguments);
int runPrune(const QStringList& arguments);
int runEdit(const QStringList& arguments);
int runSweep(const QStringList& arguments);
int runExperiment(const QStringList& arguments);
int runPlot(const QStringList& arguments);
int runGui(const QStringList& arguments);

} // namespace reciprocal::cli
