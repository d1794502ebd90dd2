#include "app/cli/CommandLine.h"

#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/BuildInfo.h"
#include "core/Error.h"
#include "core/kernels/CpuLevel.h"
#include "core/kernels/ProductLibrary.h"
#include "core/Text.h"

#include <algorithm>
#include <array>
#include <new>

namespace reciprocal::cli {

namespace {

struct Command {
    const char* name;
    int (*run)(const QStringList&);
    const char* summary;
};

constexpr std::array commands{
    Command{"gui", runGui, "the desktop application (--screenshot FILE renders it offscreen and exits)"},
    Command{"train", runTrain, "train a network and optionally save it (--out model.rcp)"},
    Command{"eval", runEval, "evaluate a saved model on a data set's test set"},
    Command{"export", runExport, "write a model's parameters, W and masks as JSON"},
    Command{"prune", runPrune, "remove hidden nodes by |eigenvalue| or a baseline; evaluate, retrain, save"},
    Command{"edit", runEdit, "set single eigenvalues or biases by hand (the knobs); evaluate, save"},
    Command{"sweep", runSweep, "test accuracy against the fraction of nodes pruned, for several criteria"},
    Command{"experiment", runExperiment, "run a declarative experiment file (resources/experiments/*.json)"},
    Command{"plot", runPlot, "render an experiment's pruning curves as PNG or SVG (offscreen)"},
    Command{"bench", runBench, "measure training throughput against this machine's GEMM peak"},
};

void printUsage()
{
    std::string text = "Reciprocal " + std::string(buildinfo::version) +
                       " - spectral learning of neural networks\n\n"
                       "Usage: reciprocal <command> [options]\n\nCommands:\n";
    for (const auto& command : commands)
        text += "  " + std::string(command.name) + std::string(12 - std::string(command.name).size(), ' ') +
                command.summary + "\n";
    text += "\nEvery command takes --help, --json (one JSON object on stdout) and --threads N.\n"
            "  reciprocal --version   print the version\n\n"
            "Exit codes: 0 success, 1 internal error, 2 bad input (arguments, files, shapes), 3 training diverged.\n"
            "`reciprocal gui` opens the desktop application; everything it does is also available here.\n";
    printText(text);
}

std::string kernelReport()
{
    return "kernels: " + std::string(cpuLevelName(activeCpuLevel())) + " (this CPU's best: " +
           std::string(cpuLevelName(bestCpuLevel())) + "; " + cpuLevelVariable + "=" + joinNames(cpuLevelNames(), "|") +
           " forces a lower one)\nproducts: " + productLibraryDescription(activeCpuLevel()) + " (" +
           productLibraryVariable + "=" + joinNames(productLibraryNames(), "|") + " chooses the library)";
}

int fail(const QStringList& arguments, const std::string& reason, int code)
{
    // The reason may quote a file's bytes: one valid line whatever they were.
    const std::string message = printableLine(reason);
    printProgress("reciprocal: error: " + message);
    if (arguments.contains(QStringLiteral("--json")))
        writeStdout(jsonText({{"error", message}, {"exit_code", code}})); // nothing more to do if it fails
    return code;
}

} // namespace

namespace {

// `prune --relevance-image FILE` (or `--relevance-image=FILE`) draws a figure.
bool drawsRelevanceImage(const QStringList& arguments)
{
    return arguments.size() > 1 && arguments.at(1) == QLatin1String("prune") &&
           std::ranges::any_of(arguments, [](const QString& argument) {
               return argument == QLatin1String("--relevance-image") ||
                      argument.startsWith(QLatin1String("--relevance-image="));
           });
}

} // namespace

bool needsGui(const QStringList& arguments)
{
    return arguments.size() > 1 && (arguments.at(1) == QLatin1String("plot") || arguments.at(1) == QLatin1String("gui") ||
                                    drawsRelevanceImage(arguments));
}

bool rendersOffscreen(const QStringList& arguments)
{
    // `gui --help` only prints, so it must not need a display either.
    return needsGui(arguments) &&
           (arguments.at(1) != QLatin1String("gui") || arguments.contains(QStringLiteral("--screenshot")) ||
            arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h")));
}

int run(const QStringList& arguments)
{
    const QStringList rest = arguments.mid(1);
    if (rest.isEmpty() || rest.first() == QStringLiteral("--help") || rest.first() == QStringLiteral("-h") ||
        rest.first() == QStringLiteral("help")) {
        printUsage();
        return ExitSuccess;
    }
    try {
        selectCpuLevel(requestedCpuLevel());
        requestedProductLibrary(); // a bad RECIPROCAL_GEMM is an error here, not a silent default later
        if (rest.first() == QStringLiteral("--version")) {
            printText("reciprocal " + std::string(buildinfo::version) + "\n" + buildinfo::copyright + "\n" +
                      buildinfo::licence +
                      " licence: free to use, copy, modify and distribute; no warranty (see LICENSE)\n" +
                      kernelReport() + "\n");
            return ExitSuccess;
        }
        for (const auto& command : commands)
            if (rest.first() == QLatin1String(command.name))
                return command.run(rest);
        std::vector<std::string> names;
        for (const auto& command : commands)
            names.emplace_back(command.name);
        throw InputError("unknown command '" + rest.first().toStdString() + "' (expected one of: " + joinNames(names) +
                         ")");
    } catch (const InputError& error) {
        return fail(rest, error.what(), ExitBadInput);
    } catch (const DivergenceError& error) {
        return fail(rest, error.what(), ExitDiverged);
    } catch (const std::bad_alloc&) {
        return fail(rest, "out of memory", ExitFailure);
    } catch (const std::exception& error) {
        return fail(rest, std::string("internal error: ") + error.what(), ExitFailure);
    }
}

} // namespace reciprocal::cli
