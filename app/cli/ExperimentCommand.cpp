#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/experiments/Claims.h"
#include "core/experiments/ExperimentRunner.h"
#include "core/experiments/SummaryCsv.h"
#include "core/io/AtomicFile.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace reciprocal::cli {

namespace {

std::string cell(double value, int decimals)
{
    return std::isfinite(value) ? formatFixed(value, decimals) : std::string("-");
}

std::string padded(std::string text, std::size_t width)
{
    if (text.size() < width)
        text.resize(width, ' ');
    return text;
}

std::string summaryTable(const ExperimentSpec& spec, const std::vector<ExperimentSummary>& summary)
{
    std::string text = spec.id + ": " + spec.title + "\n";
    std::size_t runWidth = 22;
    bool sparse = false; // a column for the mask turnover, when a run trained sparse
    for (const auto& s : summary) {
        runWidth = std::max(runWidth, s.run.size() + 2);
        sparse = sparse || std::isfinite(s.maskTurnover);
    }
    text += padded("run", runWidth) + padded("step", 6) + padded("kind", 7) + padded("criterion", 21) +
            padded("fraction", 10) + padded("seeds", 7) + padded("accuracy (mean ± s.d.)", 24) + padded("retrained", 18) +
            (sparse ? padded("hidden nodes", 14) + "mask turnover\n" : "hidden nodes\n");
    for (const auto& s : summary)
        text += padded(s.run, runWidth) + padded(std::to_string(s.step), 6) + padded(s.kind, 7) +
                padded(s.criterion.empty() ? "-" : s.criterion, 21) + padded(cell(s.fraction, 2), 10) +
                padded(std::to_string(s.seeds), 7) +
                padded(cell(100 * s.accuracyMean, 2) + " ± " + cell(100 * s.accuracySpread, 2), 24) +
                padded(std::isfinite(s.retrainedMean)
                           ? cell(100 * s.retrainedMean, 2) + " ± " + cell(100 * s.retrainedSpread, 2)
                           : std::string("-"),
                       18) +
                (sparse ? padded(cell(s.hiddenNodes, 0), 14) + (std::isfinite(s.maskTurnover) ? cell(100 * s.maskTurnover, 2) + " %" : "-") + "\n"
                        : cell(s.hiddenNodes, 0) + "\n");
    for (const auto& expectation : spec.expectations)
        text += "expected: " + expectation + "\n";
    return text;
}

nlohmann::json rowJson(const ExperimentSummary& s)
{
    return {{"run", s.run},
            {"step", s.step},
            {"kind", s.kind},
            {"criterion", s.criterion},
            {"fraction", number(s.fraction)},
            {"seeds", s.seeds},
            {"accuracy_mean", number(s.accuracyMean)},
            {"accuracy_sd", number(s.accuracySpread)},
            {"retrained_mean", number(s.retrainedMean)},
            {"retrained_sd", number(s.retrainedSpread)},
            {"hidden_nodes", number(s.hiddenNodes)},
            {"mask_turnover", number(s.maskTurnover)}};
}

nlohmann::json verdictsJson(const std::vector<ClaimVerdict>& verdicts)
{
    nlohmann::json json = nlohmann::json::array();
    for (const ClaimVerdict& v : verdicts)
        json.push_back({{"claim", v.id},
                        {"text", v.text},
                        {"seeds", v.seedMargins.size()},
                        {"margin_mean", number(v.marginMean)},
                        {"margin_sd", number(v.marginSpread)},
                        {"ci_low", number(v.lowerBound)},
                        {"ci_high", number(v.upperBound)},
                        {"verdict", v.verdict}});
    return json;
}

// --verdicts-from: the claims on the rows an earlier full run wrote, without running again.
int printVerdictsFrom(const CommandParser& p, const ExperimentSpec& spec)
{
    if (spec.claims.empty())
        throw InputError("experiment '" + spec.id + "' has no claims to evaluate");
    const std::filesystem::path directory(p.text(QStringLiteral("verdicts-from")));
    const std::string rows = (directory / (spec.id + ".csv")).string();
    const std::string out = (directory / (spec.id + "-verdicts.csv")).string();
    checkWritable(out);
    const std::vector<ClaimVerdict> verdicts = evaluateClaims(spec.claims, readRowsCsv(rows), claimReferences(spec));
    writeFileAtomically(out, verdictsCsv(verdicts));
    if (p.json())
        printJson({{"id", spec.id}, {"rows", rows}, {"verdicts", verdictsJson(verdicts)}, {"csv", out}});
    else
        printText(verdictsText(verdicts));
    return ExitSuccess;
}

} // namespace

int runExperiment(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("experiment"),
                    QStringLiteral("Run a declarative experiment file (resources/experiments/*.json): train, sweep and "
                                   "prune as it says, for every seed; print the table of means and spreads and "
                                   "optionally write CSV; evaluate the file's claims into verdicts. Usage: reciprocal "
                                   "experiment FILE [--quick] [--csv-dir DIR] [--verdicts-from DIR]"));
    p.addOption(QStringLiteral("quick"),
                QStringLiteral("The file's quick version: fewer epochs, samples and seeds (for CI)."));
    p.addOption(QStringLiteral("csv-dir"),
                QStringLiteral("Write <id>.csv (every row), <id>-summary.csv and, when the file has claims, "
                               "<id>-verdicts.csv here."),
                QStringLiteral("DIR"));
    p.addOption(QStringLiteral("verdicts-from"),
                QStringLiteral("Do not run: evaluate the file's claims on the rows of an earlier full run, "
                               "DIR/<id>.csv, and write DIR/<id>-verdicts.csv."),
                QStringLiteral("DIR"));
    if (!p.parse(arguments, 1))
        return ExitSuccess;
    const std::string file = p.positional(0, "the experiment file");
    const std::string csvDirectory = p.text(QStringLiteral("csv-dir"));
    if (!csvDirectory.empty() && !std::filesystem::is_directory(csvDirectory))
        throw InputError("--csv-dir '" + csvDirectory + "' is not a directory");
    ExperimentSpec spec = loadExperiment(file);
    if (p.isSet(QStringLiteral("verdicts-from")))
        return printVerdictsFrom(p, spec);
    if (p.isSet(QStringLiteral("quick")))
        spec = quickVersion(spec);
    std::vector<std::string> csvPaths;
    if (!csvDirectory.empty()) {
        std::vector<std::string> suffixes{".csv", "-summary.csv"};
        if (!spec.claims.empty())
            suffixes.emplace_back("-verdicts.csv");
        for (const std::string& suffix : suffixes)
            csvPaths.push_back((std::filesystem::path(csvDirectory) / (spec.id + suffix)).string());
    }
    // Both files or neither, and known before the long run: a target that cannot be a file stops
    // the command at once (a directory named like the summary once let the rows be written alone).
    for (const std::string& path : csvPaths)
        checkWritable(path);
    const ExperimentResult result = reciprocal::runExperiment(spec, printProgress);

    nlohmann::json csvFiles = nlohmann::json::array();
    if (!csvPaths.empty()) {
        writeFileAtomically(csvPaths[0], rowsCsv(result.rows));
        writeFileAtomically(csvPaths[1], summaryCsv(result.summary));
        if (csvPaths.size() > 2)
            writeFileAtomically(csvPaths[2], verdictsCsv(result.verdicts));
        csvFiles = csvPaths;
    }
    if (p.json()) {
        nlohmann::json summary = nlohmann::json::array();
        for (const auto& entry : result.summary)
            summary.push_back(rowJson(entry));
        printJson({{"id", spec.id},
                   {"title", spec.title},
                   {"quick", p.isSet(QStringLiteral("quick"))},
                   {"seeds", spec.seeds},
                   {"rows", result.rows.size()},
                   {"summary", summary},
                   {"expectations", spec.expectations},
                   {"verdicts", verdictsJson(result.verdicts)},
                   {"csv", csvFiles}});
    } else {
        printText(summaryTable(spec, result.summary) + verdictsText(result.verdicts));
    }
    return ExitSuccess;
}

} // namespace reciprocal::cli
