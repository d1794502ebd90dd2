// SPDX-License-Identifier: MIT
// Experiment files: the shipped ones parse, bad ones give errors naming the field, and the runner
// produces the rows and the per-seed aggregates it should.
#include "InputErrorCapture.h"
#include "core/experiments/ExperimentRunner.h"
#include "core/experiments/SummaryCsv.h"
#include "core/io/AtomicFile.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace reciprocal;
using testsupport::contains;
using testsupport::inputErrorOf;

namespace {

// A small valid experiment on generated data; `patch` edits its text to make it invalid.
const std::string toyExperiment = R"({
  "format": "reciprocal-experiment", "version": 1, "id": "T1", "title": "toy",
  "seeds": [1, 2],
  "quick": {"epochs": 1, "train_limit": 100, "test_limit": 50, "seeds": [3], "fractions": [0.5]},
  "runs": [{
    "name": "spirals",
    "dataset": {"name": "spirals", "samples": 300},
    "network": {"arch": "2-16-16-3", "layer": "spectral1", "activation": "tanh", "batch": 50},
    "steps": [
      {"train": {"epochs": 2, "optimizer": "adam", "lr": 0.01}},
      {"sweep": {"criteria": ["spectral", "random"], "fractions": "0.25:0.75:0.25", "repeats": 2}},
      {"prune": {"criterion": "spectral", "fractions": [0.5], "retrain_epochs": 1}},
      {"train": {"epochs": 1, "mode": "eigenvalues"}}
    ]
  }]
})";

std::string patched(const std::string& from, const std::string& to)
{
    std::string text = toyExperiment;
    const auto at = text.find(from);
    Q_ASSERT(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

class ExperimentTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shippedExperimentsParse();
    void badFilesNameTheField_data();
    void badFilesNameTheField();
    void quickVersionShrinks();
    void runnerProducesRowsAndAggregates();
    void writtenSpecsReadBackUnchanged();
    void committedPruningContinuesTheSmallerNetwork();
    void summaryFieldsAreQuotedAndReadBack();
    void holdStepFreezesTheNamedParameters();
    void claimsTurnSeedMarginsIntoVerdicts();
};

void ExperimentTest::shippedExperimentsParse()
{
    const QDir directory(QStringLiteral(RECIPROCAL_SOURCE_DIR "/resources/experiments"));
    const QStringList files = directory.entryList({QStringLiteral("*.json")});
    QVERIFY(files.size() >= 8);
    for (const QString& name : files) {
        const ExperimentSpec spec = loadExperiment(directory.filePath(name).toStdString());
        QVERIFY2(!spec.runs.empty() && !spec.expectations.empty(), qPrintable(name));
        QVERIFY(name.startsWith(QString::fromStdString(spec.id) + QLatin1Char('-')));
    }
}

void ExperimentTest::badFilesNameTheField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    const auto row = [](const char* name, const std::string& text, const char* problem) {
        QTest::newRow(name) << QString::fromStdString(text) << problem;
    };
    row("not json", "{\"format\": ", "is not valid JSON");
    row("duplicate key", patched("\"epochs\": 2", "\"epochs\": 2, \"epochs\": 3"), "the key \"epochs\" appears twice");
    row("id leaves the folder", patched("\"id\": \"T1\"", "\"id\": \"../escaped\""), "id must be a file name part");
    row("id with a NUL", patched("\"id\": \"T1\"", "\"id\": \"T\\u0000x\""), "id must be a file name part");
    row("huge epochs", patched("\"epochs\": 2", "\"epochs\": 1e400"), "is not valid JSON");
    row("not an object", "[1, 2]", "the file must be a JSON object");
    row("wrong format", patched("\"reciprocal-experiment\"", "\"something-else\""), "format must be");
    row("future version", patched("\"version\": 1", "\"version\": 2"), "version is newer");
    row("missing id", patched("\"id\": \"T1\",", ""), "id is missing");
    row("unknown root key", patched("\"title\": \"toy\"", "\"title\": \"toy\", \"colour\": 3"), "colour is not a known setting");
    row("unknown nested key", patched("\"batch\": 50", "\"batch\": 50, \"widht\": 3"), "runs[0].network.widht is not a known setting");
    row("negative epochs", patched("\"epochs\": 2", "\"epochs\": -2"), "runs[0].steps[0].train.epochs must be an integer");
    row("epochs of the wrong type", patched("\"epochs\": 2", "\"epochs\": \"two\""), "runs[0].steps[0].train.epochs must be an integer");
    row("unknown layer", patched("\"spectral1\"", "\"spectral9\""), "runs[0].network.layer is invalid");
    row("bad architecture", patched("\"2-16-16-3\"", "\"2-0-3\""), "runs[0].network.arch is invalid");
    row("unknown criterion", patched("\"random\"", "\"magnitude\""), "runs[0].steps[1].sweep.criteria is invalid");
    row("fraction out of range", patched("\"fractions\": [0.5], \"retrain", "\"fractions\": [1.5], \"retrain"),
        "runs[0].steps[2].prune.fractions[0] must be a number in [0, 1]");
    row("bad fraction range", patched("\"0.25:0.75:0.25\"", "\"0.75:0.25:0.25\""), "runs[0].steps[1].sweep.fractions is invalid");
    row("first step not train", patched("{\"train\": {\"epochs\": 2, \"optimizer\": \"adam\", \"lr\": 0.01}},", ""),
        "runs[0].steps must start with a train step");
    row("two kinds in one step", patched("{\"train\": {\"epochs\": 1, \"mode\": \"eigenvalues\"}}",
                                         "{\"train\": {\"epochs\": 1}, \"sweep\": {}}"),
        "runs[0].steps[3] must hold exactly one of");
    row("negative seed", patched("\"seeds\": [1, 2]", "\"seeds\": [-1]"), "seeds[0] must be a non-negative integer");
    row("commit with two fractions", patched("\"fractions\": [0.5], \"retrain_epochs\": 1", "\"fractions\": [0.5, 0.7], \"commit\": true"),
        "runs[0].steps[2].prune.commit needs exactly one fraction");
    row("threshold without commit", patched("\"fractions\": [0.5], \"retrain_epochs\": 1", "\"threshold\": 0.3"),
        "runs[0].steps[2].prune.threshold goes with \"commit\": true");
    row("threshold and fractions", patched("\"fractions\": [0.5], \"retrain_epochs\": 1",
                                           "\"fractions\": [0.5], \"threshold\": 0.3, \"commit\": true"),
        "runs[0].steps[2].prune.threshold goes with");
    row("model and network", patched("\"name\": \"spirals\",", "\"name\": \"spirals\", \"model\": \"m.rcp\","),
        "runs[0].network does not go with \"model\"");
    row("negative data seed", patched("\"samples\": 300", "\"samples\": 300, \"seed\": -4"),
        "runs[0].dataset.seed must be an integer");
    row("hold names a parameter twice",
        patched("{\"train\": {\"epochs\": 1, \"mode\": \"eigenvalues\"}}",
                "{\"hold\": [{\"layer\": 1, \"node\": 0, \"param\": \"bias\"}, "
                "{\"layer\": 1, \"node\": 0, \"param\": \"bias\"}]}"),
        "runs[0].steps[3].hold names a parameter twice");
    row("hold of an unknown parameter",
        patched("{\"train\": {\"epochs\": 1, \"mode\": \"eigenvalues\"}}",
                "{\"hold\": [{\"layer\": 1, \"node\": 0, \"param\": \"phi\"}]}"),
        "runs[0].steps[3].hold[0].param is invalid");
    row("claim with two tests",
        patched("\"runs\": [{", "\"claims\": [{\"id\": \"c\", \"text\": \"t\", \"select\": {\"run\": \"spirals\", "
                "\"step\": 1}, \"at_least\": 0.5, \"at_most\": 0.9}], \"runs\": [{"),
        "claims[0].select goes with exactly one test");
    row("claim with an unknown metric",
        patched("\"runs\": [{", "\"claims\": [{\"id\": \"c\", \"text\": \"t\", \"select\": {\"run\": \"spirals\", "
                "\"step\": 1, \"metric\": \"loss\"}, \"at_least\": 0.5}], \"runs\": [{"),
        "claims[0].select.metric is invalid: unknown metric 'loss'");
    row("reference claim without references",
        patched("\"runs\": [{", "\"claims\": [{\"id\": \"c\", \"text\": \"t\", \"select\": {\"run\": \"spirals\", "
                "\"step\": 1, \"fractions\": [0.5]}, \"within_reference\": {\"label\": \"a\", \"tolerance\": 0.05}}], "
                "\"runs\": [{"),
        "claims[0] compares with a reference, but the file names no \"references\"");
    row("bias not boolean", patched("\"batch\": 50", "\"batch\": 50, \"bias\": \"yes\""), "runs[0].network.bias must be true or false");
}

void ExperimentTest::badFilesNameTheField()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    const std::string message = inputErrorOf([&] { parseExperiment(text.toStdString(), "bad.json"); });
    QVERIFY2(contains(message, "experiment 'bad.json'") && contains(message, problem.toStdString()), message.c_str());
}

void ExperimentTest::quickVersionShrinks()
{
    const ExperimentSpec spec = parseExperiment(toyExperiment, "toy.json");
    const ExperimentSpec quick = quickVersion(spec);
    QCOMPARE(quick.seeds, std::vector<std::uint64_t>{3});
    QCOMPARE(quick.runs[0].steps[0].train.epochs, 1);
    QCOMPARE(quick.runs[0].steps[1].sweep.fractions, std::vector<double>{0.5});
    QCOMPARE(quick.runs[0].dataset.trainLimit, 100);
    QCOMPARE(spec.runs[0].steps[0].train.epochs, 2);
    QCOMPARE(spec.runs[0].steps[1].sweep.fractions, (std::vector<double>{0.25, 0.5, 0.75}));
    // a later train step inherits the optimizer of the one before
    QCOMPARE(spec.runs[0].steps[3].train.optimizer.learningRate, 0.01);
}

void ExperimentTest::runnerProducesRowsAndAggregates()
{
    const ExperimentResult result = runExperiment(parseExperiment(toyExperiment, "toy.json"));
    // per seed: train, 2 criteria x 3 fractions, 1 prune, train
    QCOMPARE(result.rows.size(), std::size_t(2 * (1 + 6 + 1 + 1)));
    QCOMPARE(result.summary.size(), std::size_t(9));
    for (const auto& summary : result.summary)
        QCOMPARE(summary.seeds, 2);
    // the aggregate of the first train step is the mean and population s.d. of the two seeds' rows
    const double a = result.rows[0].testAccuracy;
    const double b = result.rows[9].testAccuracy;
    QCOMPARE(result.rows[9].seed, std::uint64_t(2));
    QVERIFY(std::abs(result.summary[0].accuracyMean - (a + b) / 2) < 1e-12);
    QVERIFY(std::abs(result.summary[0].accuracySpread - std::abs(a - b) / 2) < 1e-12);
    const ExperimentRow& prune = result.rows[7];
    QCOMPARE(prune.kind, std::string("prune"));
    QCOMPARE(prune.hiddenNodes, 16);
    QVERIFY(std::isfinite(prune.retrainedAccuracy));
    QVERIFY(prune.parameters < result.rows[0].parameters); // the retrained copy was physically cut down
    const ExperimentRow& last = result.rows[8];
    QCOMPARE(last.epochs, 3); // the branch did not touch the run's own model
    QCOMPARE(last.hiddenNodes, 32);
    QVERIFY(contains(rowsCsv(result.rows), "spirals,2,1,sweep,random,0.5,"));
    QVERIFY(contains(summaryCsv(result.summary), "run,step,kind,criterion,fraction,seeds,accuracy_mean"));
    // the summary reads back as written
    QTemporaryDir directory;
    const std::string path = directory.filePath(QStringLiteral("T1-summary.csv")).toStdString();
    writeFileAtomically(path, summaryCsv(result.summary));
    const auto readBack = readSummaryCsv(path);
    QCOMPARE(readBack.size(), result.summary.size());
    QCOMPARE(readBack[1].criterion, result.summary[1].criterion);
    QVERIFY(std::abs(readBack[1].accuracyMean - result.summary[1].accuracyMean) < 1e-7);
    QVERIFY(std::isnan(readBack[0].fraction));
    writeFileAtomically(path, "run,step\n1,2\n");
    QVERIFY(contains(inputErrorOf([&] { readSummaryCsv(path); }), "does not start with the header"));
}

void ExperimentTest::writtenSpecsReadBackUnchanged()
{
    const QDir directory(QStringLiteral(RECIPROCAL_SOURCE_DIR "/resources/experiments"));
    QStringList files = directory.entryList({QStringLiteral("*.json")});
    for (const QString& name : files) {
        const ExperimentSpec spec = loadExperiment(directory.filePath(name).toStdString());
        const std::string text = experimentText(spec);
        QCOMPARE(experimentText(parseExperiment(text, "written.json")), text);
    }
    const ExperimentSpec toy = parseExperiment(toyExperiment, "toy.json");
    const ExperimentSpec readBack = parseExperiment(experimentText(toy), "written.json");
    QCOMPARE(readBack.runs[0].steps[2].prune.retrainEpochs, 1);
    QCOMPARE(readBack.runs[0].steps[1].sweep.repeats, 2);
    QCOMPARE(readBack.runs[0].dataset.toySamples, 300);
    QCOMPARE(readBack.quick.fractions, toy.quick.fractions);
    // the data set's seed, a committed threshold and a start model are written and read back
    ExperimentSpec extended = toy;
    extended.runs[0].dataset.seed = 7;
    extended.runs[0].steps[2].prune = PruneStep::committing(PruningRequest::removingBelow(0.25));
    ExperimentRun fromModel = extended.runs[0];
    fromModel.startModel = "/models/start.rcp";
    extended.runs.push_back(fromModel);
    const ExperimentSpec extendedBack = parseExperiment(experimentText(extended), "written.json");
    QCOMPARE(extendedBack.runs[0].dataset.seed, std::uint64_t(7));
    QCOMPARE(extendedBack.runs[0].steps[2].prune.threshold, std::optional<double>(0.25));
    QVERIFY(extendedBack.runs[0].steps[2].prune.fractions.empty());
    QCOMPARE(extendedBack.runs[1].startModel, std::string("/models/start.rcp"));
    QCOMPARE(experimentText(extendedBack), experimentText(extended));
    // a relative model path is relative to the experiment file
    QCOMPARE(parseExperiment(patched("\"network\": {\"arch\": \"2-16-16-3\", \"layer\": \"spectral1\", "
                                     "\"activation\": \"tanh\", \"batch\": 50}",
                                     "\"model\": \"start.rcp\""),
                             "/experiments/e.json")
                 .runs[0]
                 .startModel,
             std::string("/experiments/start.rcp"));
}

void ExperimentTest::committedPruningContinuesTheSmallerNetwork()
{
    const std::string text = patched("\"fractions\": [0.5], \"retrain_epochs\": 1", "\"fractions\": [0.5], \"commit\": true");
    ExperimentSpec spec = parseExperiment(text, "toy.json");
    spec.seeds = {1};
    const ExperimentResult result = runExperiment(spec);
    const ExperimentRow& prune = result.rows[7];
    QCOMPARE(prune.kind, std::string("prune"));
    QCOMPARE(prune.hiddenNodes, 16);
    QVERIFY(prune.parameters < result.rows[0].parameters); // cut down in place
    const ExperimentRow& last = result.rows[8];
    QCOMPARE(last.hiddenNodes, 16); // training went on with the pruned network
    QCOMPARE(last.parameters, prune.parameters);
    QCOMPARE(last.epochs, 3);
    // hand-picked nodes: written, read back, and pruned in place
    ExperimentSpec picked = spec;
    picked.runs[0].steps[2].prune.fractions.clear();
    picked.runs[0].steps[2].prune.nodes = {{1, 3}, {2, 5}};
    const std::string written = experimentText(picked);
    QVERIFY(contains(written, "\"layer\": 2"));
    const ExperimentSpec readBack = parseExperiment(written, "picked.json");
    QCOMPARE(readBack.runs[0].steps[2].prune.nodes, (std::vector<HiddenNode>{{1, 3}, {2, 5}}));
    const ExperimentResult pickedResult = runExperiment(readBack);
    QCOMPARE(pickedResult.rows[7].hiddenNodes, 30);
    QCOMPARE(pickedResult.rows[7].criterion, std::string("hand-picked"));
    QVERIFY(contains(inputErrorOf([&] { parseExperiment(patched("\"fractions\": [0.5], \"retrain_epochs\": 1",
                                                                "\"nodes\": [{\"layer\": 1, \"node\": 2}]"),
                                                        "bad.json"); }),
                     "prune.nodes go with \"commit\": true"));
    // a committed threshold removes the nodes scoring below it; the row says which fraction that was
    ExperimentSpec byThreshold = spec;
    byThreshold.runs[0].steps[2].prune = PruneStep::committing(PruningRequest::removingBelow(1e9));
    QVERIFY(contains(inputErrorOf([&] { runExperiment(byThreshold); }), "every node of hidden layer"));
    byThreshold.runs[0].steps[2].prune = PruneStep::committing(PruningRequest::removingBelow(0.0));
    const ExperimentResult thresholdResult = runExperiment(byThreshold);
    QCOMPARE(thresholdResult.rows[7].fraction, 0.0);
    QCOMPARE(thresholdResult.rows[7].hiddenNodes, 32);
    // --quick keeps a committed step's single fraction
    QCOMPARE(quickVersion(spec).runs[0].steps[2].prune.fractions, std::vector<double>{0.5});
}

// A hold step freezes parameters for the train steps after it: with every eigenvalue of a one-set
// network without bias held, eigenvalue training leaves the network - and its test loss - exactly as it
// was, where without the step it moves.
void ExperimentTest::holdStepFreezesTheNamedParameters()
{
    ExperimentSpec spec = parseExperiment(toyExperiment, "toy.json");
    spec.seeds = {1};
    ExperimentRun& run = spec.runs[0];
    ExperimentStep hold;
    hold.kind = ExperimentStep::Kind::Hold;
    for (int transfer = 1; transfer <= 3; ++transfer)
        for (int node = 0; node < (transfer == 3 ? 3 : 16); ++node)
            hold.held.push_back({transfer, node, NodeParameter::OutputEigenvalue});
    run.steps = {run.steps[0], hold, run.steps[3]};
    const ExperimentSpec readBack = parseExperiment(experimentText(spec), "written.json");
    QVERIFY(readBack.runs[0].steps[1].held == hold.held);
    QCOMPARE(experimentText(readBack), experimentText(spec));

    const ExperimentResult held = runExperiment(spec);
    QCOMPARE(held.rows.size(), std::size_t(2));
    QCOMPARE(held.rows[1].testLoss, held.rows[0].testLoss);
    ExperimentSpec free = spec;
    free.runs[0].steps[1].held.clear(); // releases everything
    const ExperimentResult trained = runExperiment(free);
    QVERIFY(trained.rows[1].testLoss != trained.rows[0].testLoss);

    ExperimentSpec impossible = spec;
    impossible.runs[0].steps[1].held = {{1, 0, NodeParameter::InputEigenvalue}};
    QVERIFY(contains(inputErrorOf([&] { runExperiment(impossible); }), "layer 1 (spectral1) has no lam_in"));
}

// A claim's margin per seed is its worst slack over the selected points; the verdict follows the
// 95 % interval of the mean margin: above 0 reproduced, below 0 not, across 0 (or one seed) not
// resolved.
void ExperimentTest::claimsTurnSeedMarginsIntoVerdicts()
{
    std::vector<ExperimentRow> rows;
    const auto add = [&](std::uint64_t seed, const char* criterion, double fraction, double accuracy) {
        ExperimentRow row;
        row.run = "r";
        row.seed = seed;
        row.step = 1;
        row.kind = "sweep";
        row.criterion = criterion;
        row.fraction = fraction;
        row.testAccuracy = accuracy;
        rows.push_back(row);
    };
    // spectral at 0.5 / 0.9 per seed, random 10 pt lower at 0.5 and 1 pt lower, or higher, at 0.9
    add(1, "spectral", 0.5, 0.80); add(1, "spectral", 0.9, 0.60); add(1, "random", 0.5, 0.70); add(1, "random", 0.9, 0.59);
    add(2, "spectral", 0.5, 0.82); add(2, "spectral", 0.9, 0.62); add(2, "random", 0.5, 0.72); add(2, "random", 0.9, 0.64);
    add(3, "spectral", 0.5, 0.81); add(3, "spectral", 0.9, 0.61); add(3, "random", 0.5, 0.71); add(3, "random", 0.9, 0.60);
    const RowSelection spectral{"r", 1, "spectral", {0.5, 0.9}, ClaimMetric::Accuracy};
    const RowSelection random{"r", 1, "random", {0.5, 0.9}, ClaimMetric::Accuracy};
    Claim atLeast{"floor", "t", spectral, Claim::Test::AtLeast, 0.55, std::nullopt, {}};
    Claim tooHigh{"high", "t", spectral, Claim::Test::AtLeast, 0.70, std::nullopt, {}};
    Claim spread{"spread", "t", spectral, Claim::Test::SpreadAtMost, 0.25, std::nullopt, {}};
    Claim above{"above", "t", spectral, Claim::Test::Above, 0.0, random, {}};
    Claim reference{"near", "t", spectral, Claim::Test::WithinReference, 0.05, std::nullopt, "authors"};
    const std::vector<ReferencePoint> references{{"authors", 0.5, 80.0, 1.0}, {"authors", 0.9, 60.0, 1.0}};
    const auto verdicts = evaluateClaims({atLeast, tooHigh, spread, above, reference}, rows, references);
    QCOMPARE(verdicts[0].verdict, std::string("reproduced")); // margins 0.05, 0.07, 0.06
    QVERIFY(std::abs(verdicts[0].marginMean - 0.06) < 1e-12);
    QCOMPARE(verdicts[1].verdict, std::string("not reproduced")); // margins -0.10, -0.08, -0.09
    QCOMPARE(verdicts[2].verdict, std::string("reproduced"));     // spread 0.20 in every seed: +0.05
    QCOMPARE(verdicts[3].verdict, std::string("not resolved"));   // +0.01, -0.02, +0.01 at 0.9
    QCOMPARE(verdicts[3].seedMargins[1].second < 0, true);
    QCOMPARE(verdicts[4].verdict, std::string("reproduced"));     // within 2 pt of 80 / 60
    QVERIFY(verdicts[3].lowerBound < 0 && verdicts[3].upperBound > 0);
    // One seed: no spread to weigh the margin against.
    std::vector<ExperimentRow> one(rows.begin(), rows.begin() + 4);
    QCOMPARE(evaluateClaims({atLeast}, one, {})[0].verdict, std::string("not resolved"));
    // A selected point that was not run is an error naming the claim.
    Claim missing = atLeast;
    missing.select.fractions = {0.7};
    QVERIFY(contains(inputErrorOf([&] { evaluateClaims({missing}, rows, {}); }), "claim 'floor': no row of run 'r' step 1 spectral at 0.7"));
    // Written and read back.
    ExperimentSpec spec = parseExperiment(toyExperiment, "/experiments/toy.json");
    spec.references = "/experiments/references/toy.csv";
    spec.claims = {atLeast, above, reference};
    const ExperimentSpec readBack = parseExperiment(experimentText(spec), "/experiments/written.json");
    QVERIFY(readBack.claims == spec.claims);
    QCOMPARE(readBack.references, spec.references);
    QVERIFY(quickVersion(spec).claims.empty());
}

// Run names are the user's: a comma, a quote or a line break in one is quoted (RFC 4180) and
// read back as it was, instead of shifting every column after it.
void ExperimentTest::summaryFieldsAreQuotedAndReadBack()
{
    ExperimentSummary entry;
    entry.run = "wide, \"tanh\"\nrun";
    entry.step = 2;
    entry.kind = "prune";
    entry.criterion = "spectral";
    entry.fraction = 0.5;
    entry.seeds = 3;
    entry.accuracyMean = 0.8125;
    entry.accuracySpread = 0.01;
    entry.hiddenNodes = 40;
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("summary.csv")).toStdString();
    writeFileAtomically(path, summaryCsv({entry, entry}));
    const std::vector<ExperimentSummary> read = readSummaryCsv(path);
    QCOMPARE(read.size(), std::size_t(2));
    QCOMPARE(read[1].run, entry.run);
    QCOMPARE(read[1].accuracyMean, entry.accuracyMean);
    writeFileAtomically(path, summaryCsv({entry}).substr(0, summaryCsv({entry}).find("tanh")));
    QVERIFY(contains(inputErrorOf([&] { readSummaryCsv(path); }), "a quoted field is never closed"));
}

QTEST_APPLESS_MAIN(ExperimentTest)
#include "test_experiments.moc"
