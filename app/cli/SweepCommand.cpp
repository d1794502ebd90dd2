#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/data/DatasetLoader.h"
#include "core/io/AtomicFile.h"
#include "core/io/ModelFile.h"
#include "core/pruning/ModelPruning.h"
#include "core/training/Evaluation.h"

#include <QString>
#include <QStringList>

#include <cmath>

namespace reciprocal::cli {

namespace {

// "0.05:0.95:0.05" (first:last:step, last included) or "0.1,0.5,0.9"; every value in [0, 1].
std::vector<double> parseFractions(const std::string& text)
{
    const auto fail = [&](const std::string& why) {
        return InputError("--fractions '" + text + "': " + why + " (expected e.g. 0.05:0.95:0.05 or 0.1,0.5,0.9)");
    };
    const auto number = [&](const QString& field) {
        bool ok = false;
        const double value = field.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(value))
            throw fail("'" + field.toStdString() + "' is not a number");
        return value;
    };
    std::vector<double> fractions;
    const QString spec = QString::fromStdString(text);
    if (spec.contains(QLatin1Char(':'))) {
        const QStringList parts = spec.split(QLatin1Char(':'));
        if (parts.size() != 3)
            throw fail("a range needs first:last:step");
        const double first = number(parts[0]);
        const double last = number(parts[1]);
        const double step = number(parts[2]);
        if (step <= 0 || last < first)
            throw fail("the step must be positive and last >= first");
        for (int i = 0; first + i * step <= last + 1e-9; ++i)
            fractions.push_back(std::round((first + i * step) * 1e9) / 1e9);
    } else {
        for (const QString& field : spec.split(QLatin1Char(',')))
            fractions.push_back(number(field));
    }
    if (fractions.empty() || fractions.size() > 10000)
        throw fail("needs between 1 and 10000 fractions");
    for (const double fraction : fractions)
        if (fraction < 0 || fraction > 1)
            throw fail("fraction " + formatNumber(fraction) + " is outside [0, 1]");
    return fractions;
}

struct SweepPoint {
    double accuracy = 0.0;
    double accuracySpread = 0.0; // population standard deviation over the random draws
    double loss = 0.0;
    int nodesKept = 0;
};

} // namespace

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
    p.addOption(QStringLiteral("seed"), QStringLiteral("Seed of the random criterion."), QStringLiteral("N"),
                QStringLiteral("1"));
    p.addOption(QStringLiteral("csv"), QStringLiteral("Also write the table as CSV (atomically)."), QStringLiteral("FILE"));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    if (!p.parse(arguments))
        return ExitSuccess;

    std::vector<PruningCriterion> criteria;
    for (const QString& name : QString::fromStdString(p.text(QStringLiteral("criterion"))).split(QLatin1Char(',')))
        criteria.push_back(parsePruningCriterion(name.trimmed().toStdString()));
    const std::vector<double> fractions = parseFractions(p.text(QStringLiteral("fractions")));
    const int repeats = p.integer(QStringLiteral("repeats"), 1, 1000);
    const auto seed = static_cast<std::uint64_t>(p.integer(QStringLiteral("seed"), 0, 2'000'000'000));
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
    std::string table = "criterion,fraction,test_accuracy,test_accuracy_std,test_loss,nodes_kept\n";
    for (const PruningCriterion criterion : criteria) {
        const int draws = criterion == PruningCriterion::Random ? repeats : 1;
        for (const double fraction : fractions) {
            SweepPoint point;
            std::vector<double> accuracies;
            for (int draw = 0; draw < draws; ++draw) {
                Network<float> network = model.network;
                const PruningRequest request{criterion, fraction, p.isSet(QStringLiteral("per-layer")), seed + draw};
                applyNodeMasks(network, choosePruningMasks(network, request));
                const Evaluation test = evaluate(network, data.test);
                accuracies.push_back(test.accuracy);
                point.loss += test.loss / draws;
                point.nodesKept = 0;
                for (const int kept : network.activeHiddenNodeCounts())
                    point.nodesKept += kept;
            }
            for (const double accuracy : accuracies)
                point.accuracy += accuracy / draws;
            for (const double accuracy : accuracies)
                point.accuracySpread += (accuracy - point.accuracy) * (accuracy - point.accuracy) / draws;
            point.accuracySpread = std::sqrt(point.accuracySpread);
            const std::string name(pruningCriterionName(criterion));
            printProgress(name + " " + formatFixed(100 * fraction, 1) + " %: test accuracy " +
                          formatFixed(point.accuracy, 4) + ", " + std::to_string(point.nodesKept) + " hidden nodes");
            results.push_back({{"criterion", name},
                               {"fraction", fraction},
                               {"test_accuracy", number(point.accuracy)},
                               {"test_accuracy_std", number(point.accuracySpread)},
                               {"test_loss", number(point.loss)},
                               {"nodes_kept", point.nodesKept},
                               {"draws", draws}});
            table += name + "," + formatNumber(fraction) + "," + formatNumber(point.accuracy) + "," +
                     formatNumber(point.accuracySpread) + "," + formatNumber(point.loss) + "," +
                     std::to_string(point.nodesKept) + "\n";
        }
    }
    if (!csv.empty())
        writeFileAtomically(csv, table);
    if (p.json())
        printJson({{"model", path},
                   {"dataset", data.name},
                   {"per_layer", p.isSet(QStringLiteral("per-layer"))},
                   {"test_accuracy_unpruned", number(unpruned.accuracy)},
                   {"hidden_nodes", model.network.activeHiddenNodeCounts()},
                   {"results", results},
                   {"csv", csv.empty() ? nlohmann::json(nullptr) : nlohmann::json(csv)}});
    else
        printText(table);
    return ExitSuccess;
}

} // namespace reciprocal::cli
