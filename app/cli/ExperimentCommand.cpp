#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/experiments/Claims.h"
#include "core/experiments/ExperimentRunner.h"
#include "core/experiments/Shards.h"
#include "core/experiments/SlurmJob.h"
#include "core/experiments/SummaryCsv.h"
#include "core/io/AtomicFile.h"

#include <QCoreApplication>
#include <QProcess>

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
            {"fraction", jsonNumber(s.fraction)},
            {"seeds", s.seeds},
            {"accuracy_mean", jsonNumber(s.accuracyMean)},
            {"accuracy_sd", jsonNumber(s.accuracySpread)},
            {"retrained_mean", jsonNumber(s.retrainedMean)},
            {"retrained_sd", jsonNumber(s.retrainedSpread)},
            {"hidden_nodes", jsonNumber(s.hiddenNodes)},
            {"mask_turnover", jsonNumber(s.maskTurnover)}};
}

nlohmann::json verdictsJson(const std::vector<ClaimVerdict>& verdicts)
{
    nlohmann::json json = nlohmann::json::array();
    for (const ClaimVerdict& v : verdicts)
        json.push_back({{"claim", v.id},
                        {"text", v.text},
                        {"seeds", v.seedMargins.size()},
                        {"margin_mean", jsonNumber(v.marginMean)},
                        {"margin_sd", jsonNumber(v.marginSpread)},
                        {"ci_low", jsonNumber(v.lowerBound)},
                        {"ci_high", jsonNumber(v.upperBound)},
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

// <id>.csv, <id>-summary.csv and, with claims, <id>-verdicts.csv in the directory (none without one),
// each checked writable before the long part: a target that cannot be a file stops the command at
// once (a directory named like the summary once let the rows be written alone).
std::vector<std::string> csvPathsIn(const std::string& directory, const ExperimentSpec& spec)
{
    if (directory.empty())
        return {};
    std::vector<std::string> suffixes{".csv", "-summary.csv"};
    if (!spec.claims.empty())
        suffixes.emplace_back("-verdicts.csv");
    std::vector<std::string> paths;
    for (const std::string& suffix : suffixes) {
        paths.push_back((std::filesystem::path(directory) / (spec.id + suffix)).string());
        checkWritable(paths.back());
    }
    return paths;
}

// What a finished experiment writes and prints, a local run's and merged shards' alike.
void reportResult(const CommandParser& p, const ExperimentSpec& spec, const ExperimentResult& result,
                  const std::vector<std::string>& csvPaths, bool quick, nlohmann::json json = nlohmann::json::object())
{
    if (!csvPaths.empty()) {
        writeFileAtomically(csvPaths[0], rowsCsv(result.rows));
        writeFileAtomically(csvPaths[1], summaryCsv(result.summary));
        if (csvPaths.size() > 2)
            writeFileAtomically(csvPaths[2], verdictsCsv(result.verdicts));
    }
    if (!p.json()) {
        printText(summaryTable(spec, result.summary) + verdictsText(result.verdicts));
        return;
    }
    nlohmann::json summary = nlohmann::json::array();
    for (const auto& entry : result.summary)
        summary.push_back(rowJson(entry));
    json.update({{"id", spec.id},
                 {"title", spec.title},
                 {"quick", quick},
                 {"seeds", spec.seeds},
                 {"rows", result.rows.size()},
                 {"summary", summary},
                 {"expectations", spec.expectations},
                 {"verdicts", verdictsJson(result.verdicts)},
                 {"csv", csvPaths}});
    printJson(json);
}

std::string existingDirectory(const CommandParser& p, const QString& option)
{
    const std::string directory = p.text(option);
    if (!directory.empty() && !std::filesystem::is_directory(directory))
        throw InputError("--" + option.toStdString() + " '" + directory + "' is not a directory");
    return directory;
}

// --shard K/N: only this shard's units, their rows written to DIR/<id>-shard-K-of-N.json.
int runShard(const CommandParser& p, const std::string& file, const ExperimentSpec& spec, const std::string& directory)
{
    const ShardSelection shard = parseShardSelection(p.text(QStringLiteral("shard")));
    if (directory.empty())
        throw InputError("--shard needs --csv-dir, where the shard's rows go");
    const bool quick = p.isSet(QStringLiteral("quick"));
    ShardResult result{identifyExperiment(file, spec, quick), shard, shardUnits(spec, shard), {}};
    const std::string path = (std::filesystem::path(directory) / shardFileName(spec.id, shard)).string();
    checkWritable(path);
    result.rows = runExperimentUnits(spec, result.units, printProgress);
    writeFileAtomically(path, shardJson(result));
    if (p.json())
        printJson({{"id", spec.id},
                   {"shard", shard.index},
                   {"shards", shard.count},
                   {"units", result.units.size()},
                   {"rows", result.rows.size()},
                   {"file", path}});
    else
        printText("shard " + std::to_string(shard.index) + " of " + std::to_string(shard.count) + " of " + spec.id + ": " +
                  std::to_string(result.units.size()) + " unit(s), " + std::to_string(result.rows.size()) +
                  " rows written to " + path + "\n");
    return ExitSuccess;
}

// reciprocal experiment merge DIR: the shards' rows as one local run's outputs.
int runMerge(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("experiment merge"),
                    QStringLiteral("Merge the shards an experiment ran with --shard K/N (on a cluster) into the outputs "
                                   "of one local run: <id>.csv, <id>-summary.csv and, with claims, <id>-verdicts.csv. "
                                   "Refuses, naming them, missing or duplicated shards and shards of another or a "
                                   "changed experiment file. Usage: reciprocal experiment merge DIR [--csv-dir OUT]"));
    p.addOption(QStringLiteral("csv-dir"), QStringLiteral("Write the outputs here instead of DIR."), QStringLiteral("DIR"));
    if (!p.parse(arguments.mid(1), 1))
        return ExitSuccess;
    const std::string directory = p.positional(0, "the directory of the shards");
    const std::string outputs = existingDirectory(p, QStringLiteral("csv-dir"));
    MergedShards merged = mergeShards(directory);
    const ExperimentSpec& spec = merged.spec;
    const std::vector<std::string> csvPaths = csvPathsIn(outputs.empty() ? directory : outputs, spec);
    reportResult(p, spec, experimentResult(spec, std::move(merged.rows)), csvPaths, merged.experiment.quick,
                 {{"shards", merged.shardCount}, {"experiment", merged.experiment.file}});
    return ExitSuccess;
}

// `sbatch --parsable ARGS`: the job id it prints ("1234" or "1234;cluster"). Throws InputError
// with sbatch's own message when it is missing or refuses.
std::string submitBatchScript(const QStringList& arguments)
{
    QProcess sbatch;
    sbatch.start(QStringLiteral("sbatch"), QStringList{QStringLiteral("--parsable")} + arguments);
    if (!sbatch.waitForStarted(30'000))
        throw InputError("cannot submit to Slurm: sbatch did not start (" + sbatch.errorString().toStdString() +
                         "); is this a Slurm login node?");
    if (!sbatch.waitForFinished(120'000)) {
        sbatch.kill();
        throw InputError("cannot submit to Slurm: sbatch did not answer within 2 minutes");
    }
    const QString output = QString::fromUtf8(sbatch.readAllStandardOutput()).trimmed();
    const QString jobId = output.section(QLatin1Char(';'), 0, 0);
    bool number = false;
    jobId.toULongLong(&number);
    if (sbatch.exitStatus() != QProcess::NormalExit || sbatch.exitCode() != 0 || !number)
        throw InputError("sbatch refused " + arguments.last().toStdString() + ": " +
                         QString::fromUtf8(sbatch.readAllStandardError()).simplified().toStdString());
    return jobId.toStdString();
}

// --slurm: the job array and its merge job as sbatch scripts in DIR, submitted with --submit.
int writeSlurmJob(const CommandParser& p, const std::string& file, const ExperimentSpec& spec, const std::string& directory)
{
    if (directory.empty())
        throw InputError("--slurm needs --csv-dir, where the shards, the outputs and Slurm's logs go");
    SlurmJob job;
    job.id = spec.id;
    job.executable = QCoreApplication::applicationFilePath().toStdString();
    job.experimentFile = std::filesystem::absolute(file).lexically_normal().string();
    job.directory = std::filesystem::absolute(directory).lexically_normal().string();
    job.tasks = p.integer(QStringLiteral("tasks"), 1, 100000);
    job.cpusPerTask = p.integer(QStringLiteral("cpus-per-task"), 1, 1024);
    job.arrayLimit = p.isSet(QStringLiteral("array-limit")) ? p.integer(QStringLiteral("array-limit"), 1, 100000) : 0;
    job.partition = p.text(QStringLiteral("partition"));
    job.time = p.text(QStringLiteral("time"));
    job.quick = p.isSet(QStringLiteral("quick"));
    checkSlurmJob(job);
    const std::size_t units = experimentUnits(spec).size();
    if (static_cast<std::size_t>(job.tasks) > units)
        throw InputError("--tasks " + std::to_string(job.tasks) + " is more than the experiment's " +
                         std::to_string(units) + " units (seeds x runs): some tasks would have nothing to run");
    const std::string arrayScript = slurmArrayScriptPath(job);
    const std::string mergeScript = slurmMergeScriptPath(job);
    checkWritable(arrayScript);
    checkWritable(mergeScript);
    writeFileAtomically(arrayScript, slurmArrayScript(job));
    writeFileAtomically(mergeScript, slurmMergeScript(job));
    nlohmann::json json{{"id", spec.id},     {"tasks", job.tasks},        {"units", units},
                        {"array_script", arrayScript}, {"merge_script", mergeScript}, {"submitted", false},
                        {"array_job", nullptr}, {"merge_job", nullptr}};
    std::string text = "wrote " + arrayScript + " (" + std::to_string(job.tasks) + " tasks for " +
                       std::to_string(units) + " units) and " + mergeScript + "\n";
    if (p.isSet(QStringLiteral("submit"))) {
        const std::string arrayJob = submitBatchScript({QString::fromStdString(arrayScript)});
        const std::string mergeJob = submitBatchScript(
            {QStringLiteral("--dependency=afterok:%1").arg(QString::fromStdString(arrayJob)), QString::fromStdString(mergeScript)});
        json.update({{"submitted", true}, {"array_job", arrayJob}, {"merge_job", mergeJob}});
        text += "submitted job array " + arrayJob + " and merge job " + mergeJob + " (runs once every task succeeded)\n";
    } else {
        text += "submit with: sbatch " + arrayScript + " and then sbatch --dependency=afterok:<array job id> " +
                mergeScript + " (or run this again with --submit)\n";
    }
    if (p.json())
        printJson(json);
    else
        printText(text);
    return ExitSuccess;
}

} // namespace

int runExperiment(const QStringList& arguments)
{
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("merge"))
        return runMerge(arguments);
    CommandParser p(QStringLiteral("experiment"),
                    QStringLiteral("Run a declarative experiment file (resources/experiments/*.json): train, sweep and "
                                   "prune as it says, for every seed; print the table of means and spreads and "
                                   "optionally write CSV; evaluate the file's claims into verdicts. On a cluster, "
                                   "--shard runs one slice of its (seed, run) units, `reciprocal experiment merge DIR` "
                                   "joins the slices, and --slurm writes (and --submit submits) a Slurm job array "
                                   "doing both. Usage: reciprocal experiment FILE [--quick] [--csv-dir DIR] "
                                   "[--verdicts-from DIR] [--shard K/N | --slurm --tasks N ...]"));
    p.addOption(QStringLiteral("quick"),
                QStringLiteral("The file's quick version: fewer epochs, samples and seeds (for CI)."));
    p.addOption(QStringLiteral("csv-dir"),
                QStringLiteral("Write <id>.csv (every row), <id>-summary.csv and, when the file has claims, "
                               "<id>-verdicts.csv here (with --shard: <id>-shard-K-of-N.json; with --slurm: the "
                               "scripts, the shards, Slurm's logs and the merged outputs)."),
                QStringLiteral("DIR"));
    p.addOption(QStringLiteral("verdicts-from"),
                QStringLiteral("Do not run: evaluate the file's claims on the rows of an earlier full run, "
                               "DIR/<id>.csv, and write DIR/<id>-verdicts.csv."),
                QStringLiteral("DIR"));
    p.addOption(QStringLiteral("shard"),
                QStringLiteral("Run only the K-th of N slices of the (seed, run) units (unit i goes to slice "
                               "i mod N + 1) and write its rows to DIR/<id>-shard-K-of-N.json atomically."),
                QStringLiteral("K/N"));
    p.addOption(QStringLiteral("slurm"),
                QStringLiteral("Do not run: write DIR/<id>-array.sbatch, a Slurm job array of --tasks shards, and "
                               "DIR/<id>-merge.sbatch, which merges them."));
    p.addOption(QStringLiteral("tasks"), QStringLiteral("With --slurm: the number of array tasks (shards)."),
                QStringLiteral("N"), QStringLiteral("1"));
    p.addOption(QStringLiteral("partition"), QStringLiteral("With --slurm: the Slurm partition (default: the cluster's)."),
                QStringLiteral("P"));
    p.addOption(QStringLiteral("time"),
                QStringLiteral("With --slurm: each task's time limit, e.g. 02:00:00 (default: the partition's)."),
                QStringLiteral("T"));
    p.addOption(QStringLiteral("cpus-per-task"),
                QStringLiteral("With --slurm: CPUs per task, which become its --threads."), QStringLiteral("C"),
                QStringLiteral("1"));
    p.addOption(QStringLiteral("array-limit"), QStringLiteral("With --slurm: at most L tasks at once."),
                QStringLiteral("L"));
    p.addOption(QStringLiteral("submit"),
                QStringLiteral("With --slurm: submit both scripts with sbatch (the merge after every task "
                               "succeeded) and print the job ids."));
    if (!p.parse(arguments, 1))
        return ExitSuccess;
    const std::string file = p.positional(0, "the experiment file");
    const std::string csvDirectory = existingDirectory(p, QStringLiteral("csv-dir"));
    ExperimentSpec spec = loadExperiment(file);
    if (p.isSet(QStringLiteral("verdicts-from")))
        return printVerdictsFrom(p, spec);
    if (p.isSet(QStringLiteral("shard")) && p.isSet(QStringLiteral("slurm")))
        throw InputError("--shard and --slurm go separately: --slurm writes the jobs that run the shards");
    for (const char* option : {"tasks", "partition", "time", "cpus-per-task", "array-limit", "submit"})
        if (p.isSet(QLatin1String(option)) && !p.isSet(QStringLiteral("slurm")))
            throw InputError(std::string("--") + option + " goes with --slurm");
    if (p.isSet(QStringLiteral("quick")))
        spec = quickVersion(spec);
    if (p.isSet(QStringLiteral("slurm")))
        return writeSlurmJob(p, file, spec, csvDirectory);
    if (p.isSet(QStringLiteral("shard")))
        return runShard(p, file, spec, csvDirectory);
    const std::vector<std::string> csvPaths = csvPathsIn(csvDirectory, spec);
    reportResult(p, spec, reciprocal::runExperiment(spec, printProgress), csvPaths, p.isSet(QStringLiteral("quick")));
    return ExitSuccess;
}

} // namespace reciprocal::cli
