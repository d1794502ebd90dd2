#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/data/DatasetLoader.h"
#include "core/io/AtomicFile.h"
#include "core/io/ModelFile.h"
#include "core/pruning/FractionList.h"
#include "core/pruning/ModelPruning.h"
#include "core/pruning/Sweep.h"
#include "core/training/Evaluation.h"

#include <QString>
#include <QStringList>

#include <cmath>

namespace reciprocal::cli {

int runSweep(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("sweep"),
                    QStringLiteral("Sensitivity analysis: test accuracy of a saved model after pruning each fraction "
                                   "of its hidden nodes (masking, no retraining), for one or more criteria."));
    p.addOption(QStringLiteral("model"), QStringLiteral("The model file."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("criterion"),
                QStringLiteral("Comma-separated criteria: %1.").arg(QString::fromStdString(joinNames(pruningCriterionNames()))),
                QStringLiteral("LIST"), QStringLiteral("spectral"));
    p.addOption(QStringLiteral("fractions"), QStringLiteral("Fractions to prune: first:last:step or a list."),
                QStringLiteral("SPEC"), QStringLiteral("0.05:0.95:0.05"));
    p.addOption(QStringLiteral("per-layer"), QStringLiteral("One threshold per layer instead of one pooled threshold."));
    p.addOption(QStringLiteral("repeats"), QStringLiteral("Draws of the random criterion (mean and spread reported)."),
                QStringLiteral("N"), QStringLiteral("5"));
    p.addSeedOption(QStringLiteral("the random criterion"));
    p.addOption(QStringLiteral("csv"), QStringLiteral("Also write the table as CSV (atomically)."), QStringLiteral("FILE"));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    if (!p.parse(arguments))
        return ExitSuccess;

    std::vector<PruningCriterion> criteria;
    for (const QString& name : QString::fromStdString(p.text(QStringLiteral("criterion"))).split(QLatin1Char(',')))
        criteria.push_back(parsePruningCriterion(name.trimmed().toStdString()));
    const std::vector<double> fractions = [&] {
        try {
            return parseFractionList(p.text(QStringLiteral("fractions")));
        } catch (const InputError& error) {
            throw InputError(std::string("--") + error.what());
        }
    }();
    const int repeats = p.integer(QStringLiteral("repeats"), 1, 1000);
    const auto seed = p.seed();
    const std::string csv = p.text(QStringLiteral("csv"));
    if (!csv.empty())
        checkWritable(csv);
    const std::string path = p.requiredText(QStringLiteral("model"));
    Model model = loadModel(path);
    const DataSplit data = loadDataset(p.datasetSpec(model.datasetName));
    checkCompatible(model.network.architecture(), data.test, data.name);
    for (const PruningCriterion criterion : criteria) { // a spectral criterion on direct layers fails now
        Random probe(seed);
        nodeScores(model.network, criterion, probe);
    }

    const Evaluation unpruned = evaluate(model.network, data.test);
    nlohmann::json results = nlohmann::json::array();
    std::string table = std::string(sweepCsvHeader) + "\n";
    for (const PruningCriterion criterion : criteria) {
        for (const double fraction : fractions) {
            PruningRequest request;
            request.criterion = criterion;
            request.fraction = fraction;
            request.perLayer = p.isSet(QStringLiteral("per-layer"));
            request.seed = seed;
            const SweepPoint point = sweepPoint(model.network, data.test, request, repeats);
            const std::string name(pruningCriterionName(criterion));
            printProgress(name + " " + formatFixed(100 * fraction, 1) + " %: test accuracy " +
                          formatFixed(point.accuracy, 4) + ", " + std::to_string(point.hiddenNodesKept) + " hidden nodes");
            results.push_back({{"criterion", name},
                               {"fraction", fraction},
                               {"test_accuracy", jsonNumber(point.accuracy)},
                               {"test_accuracy_std", jsonNumber(point.accuracySpread)},
                               {"test_loss", jsonNumber(point.loss)},
                               {"nodes_kept", point.hiddenNodesKept},
                               {"draws", point.draws}});
            table += name + "," + formatNumber(fraction) + "," + formatNumber(point.accuracy) + "," +
                     formatNumber(point.accuracySpread) + "," + formatNumber(point.loss) + "," +
                     std::to_string(point.hiddenNodesKept) + "\n";
        }
    }
    if (!csv.empty())
        writeFileAtomically(csv, table);
    if (p.json())
        printJson({{"model", path},
                   {"dataset", data.name},
                   {"per_layer", p.isSet(QStringLiteral("per-layer"))},
                   {"test_accuracy_unpruned", jsonNumber(unpruned.accuracy)},
                   {"hidden_nodes", model.network.activeHiddenNodeCounts()},
                   {"results", results},
                   {"csv", csv.empty() ? nlohmann::json(nullptr) : nlohmann::json(csv)}});
    else
        printText(table);
    return ExitSuccess;
}

} // namespace reciprocal::cli
