// SPDX-License-Identifier: MIT
// An experiment split into shards merges back into exactly the local run; merge names what is
// missing, duplicated or foreign; the Slurm scripts carry the job and refuse what they cannot carry.
#include "InputErrorCapture.h"
#include "core/Error.h"
#include "core/experiments/Claims.h"
#include "core/experiments/Shards.h"
#include "core/experiments/SlurmJob.h"
#include "core/io/AtomicFile.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace reciprocal;
using testsupport::contains;
using testsupport::inputErrorOf;

namespace {

// Three runs and two seeds on generated data: six units.
const std::string threeRuns = R"({
  "format": "reciprocal-experiment", "version": 1, "id": "S1", "title": "shards",
  "seeds": [1, 2],
  "runs": [
    {"name": "one set", "dataset": {"name": "spirals", "samples": 200},
     "network": {"arch": "2-8-3", "layer": "spectral1", "activation": "tanh", "batch": 50},
     "steps": [{"train": {"epochs": 2}}, {"sweep": {"criteria": ["spectral", "random"], "fractions": [0.5], "repeats": 2}}]},
    {"name": "two sets", "dataset": {"name": "spirals", "samples": 200},
     "network": {"arch": "2-8-3", "layer": "spectral2", "activation": "tanh", "batch": 50},
     "steps": [{"train": {"epochs": 2}}, {"prune": {"criterion": "spectral", "fractions": [0.5], "retrain_epochs": 1}}]},
    {"name": "direct, with a comma", "dataset": {"name": "circles", "samples": 200},
     "network": {"arch": "2-8-2", "layer": "direct", "activation": "relu", "batch": 50},
     "steps": [{"train": {"epochs": 2}}]}
  ],
  "claims": [{"id": "above-chance", "text": "above chance", "select": {"run": "one set", "step": 0, "metric": "accuracy"},
              "at_least": 0.2}]
})";

void withoutTimings(std::vector<ExperimentRow>& rows)
{
    for (ExperimentRow& row : rows)
        row.seconds = 0.0;
}

} // namespace

class ShardTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void selectionsParseAndRefuse();
    void shardsPartitionTheUnits();
    void mergedShardsEqualTheLocalRun();
    void mergeNamesWhatIsWrong();
    void slurmScriptsCarryTheJob();

private:
    std::string writeShards(const std::string& directory, int count);

    QTemporaryDir m_dir;
    std::string m_file;
    ExperimentSpec m_spec;
};

void ShardTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("S1.json")).toStdString();
    writeFileAtomically(m_file, threeRuns);
    m_spec = loadExperiment(m_file);
}

std::string ShardTest::writeShards(const std::string& directory, int count)
{
    std::filesystem::create_directories(directory);
    for (int index = 1; index <= count; ++index) {
        const ShardSelection shard{index, count};
        ShardResult result{identifyExperiment(m_file, m_spec, false), shard, shardUnits(m_spec, shard), {}};
        result.rows = runExperimentUnits(m_spec, result.units);
        writeFileAtomically((std::filesystem::path(directory) / shardFileName("S1", shard)).string(), shardJson(result));
    }
    return directory;
}

void ShardTest::selectionsParseAndRefuse()
{
    QVERIFY((parseShardSelection("3/4") == ShardSelection{3, 4}));
    QVERIFY((parseShardSelection("1/1") == ShardSelection{1, 1}));
    for (const char* bad : {"0/4", "5/4", "4", "1/0", "a/b", "1/4x", "-1/4", "1/100001", "", "/"})
        QVERIFY2(contains(inputErrorOf([&] { parseShardSelection(bad); }), "--shard must be K/N"), bad);
}

void ShardTest::shardsPartitionTheUnits()
{
    const std::vector<ExperimentUnit> all = experimentUnits(m_spec);
    QCOMPARE(all.size(), std::size_t(6));
    QVERIFY((all.front() == ExperimentUnit{1, 0}) && (all.back() == ExperimentUnit{2, 2})); // seed by seed
    for (const int count : {1, 2, 4, 6}) {
        std::vector<ExperimentUnit> union_;
        for (int index = 1; index <= count; ++index)
            for (const ExperimentUnit& unit : shardUnits(m_spec, {index, count}))
                union_.push_back(unit);
        QCOMPARE(union_.size(), all.size()); // every unit exactly once
        for (const ExperimentUnit& unit : all)
            QCOMPARE(std::ranges::count(union_, unit), 1);
    }
    QCOMPARE(shardUnits(m_spec, {2, 4}).size(), std::size_t(2)); // units 1 and 5
}

void ShardTest::mergedShardsEqualTheLocalRun()
{
    ExperimentResult local = runExperiment(m_spec);
    withoutTimings(local.rows);
    for (const int count : {1, 4}) {
        const std::string directory = m_dir.filePath(QStringLiteral("merged-%1").arg(count)).toStdString();
        MergedShards merged = mergeShards(writeShards(directory, count));
        QCOMPARE(merged.shardCount, count);
        QCOMPARE(merged.experiment.file, std::filesystem::absolute(m_file).lexically_normal().string());
        withoutTimings(merged.rows);
        const ExperimentResult fromShards = experimentResult(m_spec, merged.rows);
        // the same rows in the same order, to the last bit, so the same summary and verdicts
        QCOMPARE(rowsCsv(fromShards.rows), rowsCsv(local.rows));
        QCOMPARE(summaryCsv(fromShards.summary), summaryCsv(local.summary));
        QCOMPARE(verdictsCsv(fromShards.verdicts), verdictsCsv(local.verdicts));
        for (std::size_t i = 0; i < local.rows.size(); ++i)
            QVERIFY(fromShards.rows[i].testLoss == local.rows[i].testLoss); // full precision survived
    }
}

void ShardTest::mergeNamesWhatIsWrong()
{
    const std::string complete = writeShards(m_dir.filePath(QStringLiteral("complete")).toStdString(), 3);
    const auto shardPath = [&](const std::string& directory, int index, int count) {
        return (std::filesystem::path(directory) / shardFileName("S1", {index, count})).string();
    };
    const auto copyOf = [&](const QString& name) {
        const std::string directory = m_dir.filePath(name).toStdString();
        std::filesystem::copy(complete, directory);
        return directory;
    };
    // a killed task leaves no file: merge names the shard to run again
    const std::string missing = copyOf(QStringLiteral("missing"));
    std::filesystem::remove(shardPath(missing, 2, 3));
    QVERIFY(contains(inputErrorOf([&] { mergeShards(missing); }), "shard 2 of 3 is missing (run it again with --shard 2/3)"));
    // a shard of another split
    const std::string mixed = copyOf(QStringLiteral("mixed"));
    writeShards(mixed, 2);
    QVERIFY(contains(inputErrorOf([&] { mergeShards(mixed); }), "one split per directory"));
    // a shard that claims to be another one (renamed by hand)
    const std::string renamed = copyOf(QStringLiteral("renamed"));
    std::filesystem::copy_file(shardPath(renamed, 1, 3), (std::filesystem::path(renamed) / "S1-shard-1-of-3 copy.json"));
    QVERIFY(contains(inputErrorOf([&] { mergeShards(renamed); }), "shard 1 is there twice"));
    // the experiment file changed after the shards ran
    const std::string changed = copyOf(QStringLiteral("changed"));
    writeFileAtomically(m_file, threeRuns + " ");
    QVERIFY(contains(inputErrorOf([&] { mergeShards(changed); }), "changed since its shards ran"));
    writeFileAtomically(m_file, threeRuns);
    QCOMPARE(mergeShards(changed).shardCount, 3);
    // not a shard file, and no shard files at all
    const std::string garbage = copyOf(QStringLiteral("garbage"));
    writeFileAtomically(shardPath(garbage, 3, 3), "{\"format\": \"reciprocal-experiment-shard\", \"version\": 1}");
    QVERIFY(contains(inputErrorOf([&] { mergeShards(garbage); }), "experiment"));
    const std::string empty = m_dir.filePath(QStringLiteral("empty")).toStdString();
    std::filesystem::create_directories(empty);
    QVERIFY(contains(inputErrorOf([&] { mergeShards(empty); }), "holds no shard files"));
    QVERIFY(contains(inputErrorOf([&] { mergeShards(empty + "/nothing"); }), "not a directory"));
}

void ShardTest::slurmScriptsCarryTheJob()
{
    SlurmJob job{"S1", "/opt/reciprocal/bin/reciprocal", "/home/me/S1.json", "/scratch/me/s1", 4, 8, 2, "gpu-short",
                 "01:30:00", true};
    checkSlurmJob(job);
    const std::string array = slurmArrayScript(job);
    for (const char* line : {"#!/bin/bash\n", "#SBATCH --array=1-4%2\n", "#SBATCH --cpus-per-task=8\n",
                             "#SBATCH --partition=gpu-short\n", "#SBATCH --time=01:30:00\n",
                             "#SBATCH --output=/scratch/me/s1/slurm-%x-%A_%a.out\n",
                             "exec '/opt/reciprocal/bin/reciprocal' experiment '/home/me/S1.json' --shard "
                             "\"${SLURM_ARRAY_TASK_ID}/4\" --csv-dir '/scratch/me/s1' --threads "
                             "\"${SLURM_CPUS_PER_TASK:-8}\" --quick\n"})
        QVERIFY2(contains(array, line), line);
    const std::string merge = slurmMergeScript(job);
    QVERIFY(contains(merge, "exec '/opt/reciprocal/bin/reciprocal' experiment merge '/scratch/me/s1'\n"));
    QVERIFY(!contains(merge, "--array"));
    QCOMPARE(slurmArrayScriptPath(job), std::string("/scratch/me/s1/S1-array.sbatch"));
    // what a script cannot carry is refused, naming the setting
    const auto refusal = [&](auto edit) {
        SlurmJob bad = job;
        edit(bad);
        return inputErrorOf([&] { checkSlurmJob(bad); });
    };
    QVERIFY(contains(refusal([](SlurmJob& j) { j.directory = "/scratch/my runs"; }), "--csv-dir '/scratch/my runs'"));
    QVERIFY(contains(refusal([](SlurmJob& j) { j.experimentFile = "/home/me/$(rm -rf ~).json"; }), "experiment file"));
    QVERIFY(contains(refusal([](SlurmJob& j) { j.partition = "debug\n#SBATCH --mem=1T"; }), "--partition"));
    QVERIFY(contains(refusal([](SlurmJob& j) { j.time = "1h"; }), "--time"));
    QVERIFY(contains(refusal([](SlurmJob& j) { j.tasks = 0; }), "--tasks"));
}

QTEST_GUILESS_MAIN(ShardTest)
#include "test_shards.moc"
