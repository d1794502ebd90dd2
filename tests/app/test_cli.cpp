// SPDX-License-Identifier: MIT
// The command-line contract that scripts rely on: subcommands, --json keys, exit code 2 for bad
// input with nothing written, exact resume, and the export's arithmetic.
#include "core/data/IdxBytes.h"

#include "RequiredLocale.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run reciprocal(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(RECIPROCAL_EXECUTABLE), arguments);
    process.waitForFinished(300'000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
}

QStringList entriesOf(const QString& directory)
{
    return QDir(directory).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

// The last line of stderr: the one-line error of a failed command.
QByteArray lastLine(const QByteArray& err)
{
    return err.trimmed().split('\n').last();
}

// An option's entry in --help (its names, value and description), whitespace simplified, so that
// line wrapping, which depends on the command's longest option, does not matter.
QByteArray optionHelp(const QByteArray& help, const QByteArray& option)
{
    QByteArray entry;
    for (const QByteArray& line : help.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (line.startsWith("  -")) { // a new option begins; its description continues further indented
            if (!entry.isEmpty())
                break;
            if (trimmed.startsWith("--" + option + " ") || trimmed == "--" + option)
                entry = trimmed;
        } else if (!entry.isEmpty()) {
            entry += ' ' + trimmed;
        }
    }
    return entry.simplified();
}

const QStringList spirals{QStringLiteral("--dataset"), QStringLiteral("spirals"), QStringLiteral("--samples"),
                          QStringLiteral("400"), QStringLiteral("--arch"), QStringLiteral("2-16-3"),
                          QStringLiteral("--batch"), QStringLiteral("50"), QStringLiteral("--json")};

} // namespace

class CliTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        testsupport::verifyRequiredLocale();
    }
    void helpAndVersion();
    void kernelsAreReportedAndForced();
    void benchTakesTheTeachingPreset();
    void trainReportsTheContractKeys();
    void resumeEqualsUninterrupted();
    void evalAndExport();
    void badInputExitsWithTwoAndWritesNothing_data();
    void badInputExitsWithTwoAndWritesNothing();
    void malformedFilesExitWithTwoAndWriteNothing_data();
    void malformedFilesExitWithTwoAndWriteNothing();
    void absurdArchitectureIsRefusedQuickly_data();
    void absurdArchitectureIsRefusedQuickly();
    void divergenceExitsWithThreeAndKeepsLastGoodModel();
    void trainsOnFashionMnist();
    void pruneRemovesNodesAndSavesASmallerModel();
    void pruneInputsSilencesFeaturesAndDrawsTheRanking();
    void sweepReportsEveryCriterionAndFraction();
    void sparseTrainingReportsZerosAndNonLocality();
    void gradualPruningMasksNodesDuringTraining();
    void quickExperimentRuns();
    void resultsPageShowsTheComputedVerdicts();
    void guiScreenshotRendersOffscreen();
    void guiSpeaksTrainsVocabulary();
    void hostileTextStaysOneValidLine();
    void fullStdoutIsAnError();
    void specialFilesAreRefusedNotRead();
    void guiWithoutADisplaySaysSo();
    void plotOfThousandsOfRunsStaysQuick();
    void fileNamesNeedNotBeUtf8();
    void generatedSetsTrainWithTheirPreset();
    void editSetsKnobsAsTheExperimentSetStepDoes();

private:
    QByteArray goodModelBytes();

    QTemporaryDir m_dir;
};

void CliTest::helpAndVersion()
{
    const Run none = reciprocal({});
    QCOMPARE(none.exitCode, 0);
    QVERIFY(none.out.contains("Usage: reciprocal <command>"));
    const Run version = reciprocal({QStringLiteral("--version")});
    QVERIFY(version.out.startsWith("reciprocal "));
    QVERIFY(version.out.contains("MIT licence")); // as LICENSE, the package's copyright and the About box say
    for (const char* command : {"train", "eval", "export", "bench", "gui"}) {
        const Run help = reciprocal({QLatin1String(command), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QByteArray("Usage: reciprocal ") + command));
    }
}

void CliTest::benchTakesTheTeachingPreset()
{
    // A generated set without --arch or --batch benchmarks its preset's network (it once insisted
    // on 784-500-10); each mode reports its first epoch beside the median.
    const Run bench = reciprocal({QStringLiteral("bench"), QStringLiteral("--dataset"), QStringLiteral("xor"),
                                  QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--modes"),
                                  QStringLiteral("direct"), QStringLiteral("--threads"), QStringLiteral("1"),
                                  QStringLiteral("--json")});
    QCOMPARE(bench.exitCode, 0);
    QCOMPARE(bench.json()[QStringLiteral("architecture")].toString(), QStringLiteral("2-32-32-2"));
    QCOMPARE(bench.json()[QStringLiteral("batch")].toInt(), 20);
    const QJsonObject mode = bench.json()[QStringLiteral("modes")].toArray().first().toObject();
    const double first = mode[QStringLiteral("first_epoch_seconds")].toDouble();
    QVERIFY(first > 0.0);
    QVERIFY(mode[QStringLiteral("min_seconds_per_epoch")].toDouble() <= first);
}

void CliTest::kernelsAreReportedAndForced()
{
    const auto withVariable = [&](const char* variable, const QByteArray& value, const QStringList& arguments) {
        qputenv(variable, value);
        const Run run = reciprocal(arguments);
        qunsetenv(variable);
        return run;
    };
    const auto withLevel = [&](const QByteArray& level, const QStringList& arguments) {
        return withVariable("RECIPROCAL_CPU_LEVEL", level, arguments);
    };
    const Run peak = withLevel("x86-64", {QStringLiteral("bench"), QStringLiteral("--peak"), QStringLiteral("--json"),
                                          QStringLiteral("--threads"), QStringLiteral("1")});
    QCOMPARE(peak.exitCode, 0);
    QCOMPARE(peak.json()[QStringLiteral("cpu_level")].toString(), QStringLiteral("x86-64"));
    QVERIFY(peak.json()[QStringLiteral("fma_peak_gflops")].toDouble() > 0.0);
    const QString best = peak.json()[QStringLiteral("best_cpu_level")].toString();
    const QStringList levels{QStringLiteral("x86-64"), QStringLiteral("avx2"), QStringLiteral("avx512")};
    QVERIFY(levels.contains(best));
    // Every level up to the best is measured, and a wider one does more arithmetic per second (a
    // generous margin: the machine is shared).
    const QJsonObject peaks = peak.json()[QStringLiteral("fma_peak_gflops_by_level")].toObject();
    QCOMPARE(peaks.size(), levels.indexOf(best) + 1);
    if (peaks.contains(QStringLiteral("avx2")))
        QVERIFY(peaks[QStringLiteral("avx2")].toDouble() > 1.2 * peaks[QStringLiteral("x86-64")].toDouble());

    const Run unforced = reciprocal({QStringLiteral("--version")});
    QVERIFY2(unforced.out.contains("kernels: " + best.toUtf8() + " (this CPU's best: " + best.toUtf8()),
             unforced.out.constData());
    const Run forced = withLevel("x86-64", {QStringLiteral("--version")});
    QVERIFY2(forced.out.contains("kernels: x86-64 (this CPU's best: " + best.toUtf8()), forced.out.constData());
    // oneDNN multiplies at the AVX2 and AVX-512 levels unless RECIPROCAL_GEMM=eigen; the baseline
    // level always has Eigen's products.
    QVERIFY2(unforced.out.contains(best == QStringLiteral("x86-64") ? "products: Eigen 3." : "products: oneDNN 2."),
             unforced.out.constData());
    QVERIFY2(forced.out.contains("products: Eigen 3."), forced.out.constData());
    const Run eigen = withVariable("RECIPROCAL_GEMM", "eigen", {QStringLiteral("--version")});
    QVERIFY2(eigen.exitCode == 0 && eigen.out.contains("products: Eigen 3."), eigen.out.constData());
    for (const QByteArray& bad : {QByteArray("openblas"), QByteArray("EIGEN"), QByteArray("\xc3\x28")}) {
        const Run refused = withVariable("RECIPROCAL_GEMM", bad, {QStringLiteral("--version")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.out.isEmpty());
        QCOMPARE(refused.err.count('\n'), 1);
        QVERIFY2(refused.err.contains("RECIPROCAL_GEMM"), refused.err.constData());
    }
    QList<QByteArray> refusedLevels{"sse9", "avx\xff\xfe", "AVX2"};
    if (best != QStringLiteral("avx512"))
        refusedLevels << "avx512"; // beyond this CPU
    for (const QByteArray& bad : refusedLevels) {
        const Run refused = withLevel(bad, {QStringLiteral("--version")});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.out.isEmpty());
        QCOMPARE(refused.err.count('\n'), 1);
        QVERIFY2(refused.err.contains("RECIPROCAL_CPU_LEVEL") && QString::fromUtf8(refused.err).toUtf8() == refused.err,
                 refused.err.constData());
    }
}

void CliTest::trainReportsTheContractKeys()
{
    // --no-bias: spirals' teaching preset has a bias; the counts below are those of the papers' layers.
    const Run run = reciprocal(QStringList{QStringLiteral("train"), QStringLiteral("--epochs"), QStringLiteral("3"),
                                           QStringLiteral("--no-bias")} +
                               spirals);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = run.json();
    for (const char* key : {"test_accuracy", "test_loss", "train_loss", "epochs", "seconds_per_epoch",
                            "samples_per_second", "parameters", "trainable_parameters", "history"})
        QVERIFY2(result.contains(QLatin1String(key)), key);
    QCOMPARE(result[QStringLiteral("epochs")].toInt(), 3);
    QCOMPARE(result[QStringLiteral("history")].toArray().size(), 3);
    // 2-16-3 two-set spectral, no bias: 2*16 + 16*3 eigenvector entries + (2+16) + (16+3) eigenvalues
    QCOMPARE(result[QStringLiteral("parameters")].toInt(), 32 + 48 + 18 + 19);
    const QJsonArray layers = result[QStringLiteral("layers")].toArray();
    QCOMPARE(layers.size(), 2);
    QCOMPARE(layers[0].toObject()[QStringLiteral("parameters")].toInt(), 32 + 18);
    QCOMPARE(layers[1].toObject()[QStringLiteral("trainable_parameters")].toInt(), 48 + 19);
    QVERIFY(result[QStringLiteral("test_accuracy")].toDouble() > 0.0);
    QVERIFY(run.err.contains("epoch 3/3")); // progress goes to stderr
    QCOMPARE(result[QStringLiteral("init")].toString(), QStringLiteral("default"));

    // A preset draws another network from the same seed, and the JSON names it.
    const Run sparseQr = reciprocal(QStringList{QStringLiteral("train"), QStringLiteral("--epochs"), QStringLiteral("3"),
                                                QStringLiteral("--no-bias"), QStringLiteral("--init"),
                                                QStringLiteral("pre-sparse-qr")} +
                                    spirals);
    QCOMPARE(sparseQr.exitCode, 0);
    QCOMPARE(sparseQr.json()[QStringLiteral("init")].toString(), QStringLiteral("pre-sparse-qr"));
    const Run penalised = reciprocal(QStringList{QStringLiteral("train"), QStringLiteral("--epochs"), QStringLiteral("3"),
                                                 QStringLiteral("--no-bias"), QStringLiteral("--l1-eigenvalues"),
                                                 QStringLiteral("0.01")} +
                                     spirals);
    QCOMPARE(penalised.exitCode, 0);
    QCOMPARE(penalised.json()[QStringLiteral("regularisation")].toObject()[QStringLiteral("l1_eigenvalues")].toDouble(), 0.01);
    const Run subset = reciprocal(QStringList{QStringLiteral("train"), QStringLiteral("--epochs"), QStringLiteral("3"),
                                              QStringLiteral("--layer"), QStringLiteral("direct"), QStringLiteral("--train"),
                                              QStringLiteral("random-subset"), QStringLiteral("--trainable"),
                                              QStringLiteral("25")} +
                                  spirals);
    QCOMPARE(subset.exitCode, 0);
    QCOMPARE(subset.json()[QStringLiteral("trainable_parameters")].toInt(), 25);
    QCOMPARE(subset.json()[QStringLiteral("train")].toString(), QStringLiteral("random-subset"));
    QVERIFY(penalised.json()[QStringLiteral("test_loss")] != result[QStringLiteral("test_loss")]);
    QVERIFY(sparseQr.json()[QStringLiteral("test_loss")] != result[QStringLiteral("test_loss")]);
}

void CliTest::resumeEqualsUninterrupted()
{
    const QString whole = m_dir.filePath(QStringLiteral("whole.rcp"));
    const QString half = m_dir.filePath(QStringLiteral("half.rcp"));
    const QString resumed = m_dir.filePath(QStringLiteral("resumed.rcp"));
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "4", "--out", whole} + spirals).exitCode, 0);
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "2", "--out", half} + spirals).exitCode, 0);
    const Run run = reciprocal({"train", "--resume", half, "--epochs", "2", "--out", resumed, "--json", "--dataset",
                                "spirals", "--samples", "400"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()[QStringLiteral("epochs")].toInt(), 4);
    const QString wholeJson = m_dir.filePath(QStringLiteral("whole.json"));
    const QString resumedJson = m_dir.filePath(QStringLiteral("resumed.json"));
    QCOMPARE(reciprocal({"export", "--model", whole, "--out", wholeJson}).exitCode, 0);
    QCOMPARE(reciprocal({"export", "--model", resumed, "--out", resumedJson}).exitCode, 0);
    QFile a(wholeJson), b(resumedJson);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), b.readAll());
    // a resumed run cannot change what the file fixes
    QCOMPARE(reciprocal({"train", "--resume", half, "--arch", "2-8-3"}).exitCode, 2);
    QCOMPARE(reciprocal({"train", "--resume", half, "--init", "pre"}).exitCode, 2);
}

void CliTest::evalAndExport()
{
    const QString model = m_dir.filePath(QStringLiteral("eval.rcp"));
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "2", "--out", model, "--layer", "spectral1"} + spirals).exitCode, 0);
    const Run eval = reciprocal({"eval", "--model", model, "--json", "--samples", "400"});
    QCOMPARE(eval.exitCode, 0);
    for (const char* key : {"test_accuracy", "test_loss", "parameters", "hidden_nodes"})
        QVERIFY2(eval.json().contains(QLatin1String(key)), key);
    QCOMPARE(eval.json()[QStringLiteral("hidden_nodes")].toArray().at(0).toInt(), 16);

    const QString weights = m_dir.filePath(QStringLiteral("weights.json"));
    QCOMPARE(reciprocal({"export", "--model", model, "--out", weights}).exitCode, 0);
    QFile file(weights);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray layers = QJsonDocument::fromJson(file.readAll()).object()[QStringLiteral("layers")].toArray();
    QCOMPARE(layers.size(), 2);
    for (const auto& value : layers) {
        // one set: W_ij = -lam_out_i phi_ij, checked independently of the core
        const QJsonObject layer = value.toObject();
        QVERIFY(layer[QStringLiteral("lam_in")].isNull());
        const QJsonArray phi = layer[QStringLiteral("phi")].toArray();
        const QJsonArray lamOut = layer[QStringLiteral("lam_out")].toArray();
        const QJsonArray w = layer[QStringLiteral("W")].toArray();
        for (int i = 0; i < w.size(); ++i)
            for (int j = 0; j < w[i].toArray().size(); ++j) {
                const double expected = -lamOut[i].toDouble() * phi[i].toArray()[j].toDouble();
                QVERIFY(std::abs(w[i].toArray()[j].toDouble() - expected) < 1e-6);
            }
    }
}

void CliTest::badInputExitsWithTwoAndWritesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList train{QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("spirals")};
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command";
    QTest::newRow("unknown option") << QStringList{"train", "--frobnicate"} << "frobnicate";
    QTest::newRow("stray argument") << QStringList{"train", "extra"} << "unexpected argument 'extra'";
    QTest::newRow("negative epochs") << train + QStringList{"--epochs", "-1"} << "--epochs";
    QTest::newRow("epochs not a number") << train + QStringList{"--epochs", "many"} << "--epochs";
    QTest::newRow("zero batch") << train + QStringList{"--batch", "0"} << "--batch";
    QTest::newRow("negative lr") << train + QStringList{"--lr", "-0.1"} << "--lr";
    QTest::newRow("validation 1") << train + QStringList{"--validation", "1.5"} << "--validation";
    QTest::newRow("bad layer") << train + QStringList{"--layer", "spectral3"} << "spectral3";
    QTest::newRow("bad mode") << train + QStringList{"--train", "everything"} << "everything";
    QTest::newRow("direct eigenvalues") << train + QStringList{"--layer", "direct", "--train", "eigenvalues"}
                                        << "direct";
    QTest::newRow("bad activation") << train + QStringList{"--activation", "swish"} << "swish";
    QTest::newRow("zero-width layer") << train + QStringList{"--arch", "2-0-3"} << "2-0-3";
    QTest::newRow("malformed arch") << train + QStringList{"--arch", "2--3"} << "2--3";
    QTest::newRow("arch does not fit") << QStringList{"train", "--arch", "100-10", "--epochs", "1"} << "784";
    QTest::newRow("unknown dataset") << QStringList{"train", "--dataset", "imagenet"} << "imagenet";
    QTest::newRow("missing dataset dir") << QStringList{"train", "--dataset", "mnist", "--dataset-dir", "/nonexistent"}
                                         << "/nonexistent";
    QTest::newRow("bad threads") << train + QStringList{"--threads", "0"} << "--threads";
    QTest::newRow("missing model") << QStringList{"eval", "--model", "/nonexistent/m.rcp"} << "/nonexistent/m.rcp";
    QTest::newRow("eval without model") << QStringList{"eval"} << "--model";
    QTest::newRow("export bad format") << QStringList{"export", "--model", "x.rcp", "--out", "x.pt", "--format", "torch"}
                                       << "unknown --format 'torch'";
    QTest::newRow("export without out") << QStringList{"export", "--model", "x.rcp"} << "--out";
    QTest::newRow("out dir missing") << train + QStringList{"--out", "/nonexistent/dir/m.rcp"} << "/nonexistent/dir";
    QTest::newRow("empty out") << train + QStringList{"--out", ""} << "--out needs a value";
    QTest::newRow("prune fraction > 1") << QStringList{"prune", "--model", "m.rcp", "--fraction", "1.5"} << "--fraction";
    QTest::newRow("prune bad criterion") << QStringList{"prune", "--model", "m.rcp", "--criterion", "magnitude"}
                                         << "magnitude";
    QTest::newRow("sweep bad fractions") << QStringList{"sweep", "--model", "m.rcp", "--fractions", "0.9:0.1:0.1"}
                                         << "--fractions";
    QTest::newRow("sweep fraction > 1") << QStringList{"sweep", "--model", "m.rcp", "--fractions", "0.5,2"}
                                        << "outside [0, 1]";
    QTest::newRow("prune image without inputs") << QStringList{"prune", "--model", "m.rcp", "--relevance-image", "r.png"}
                                                << "--relevance-image goes with --inputs";
    QTest::newRow("prune inputs per layer") << QStringList{"prune", "--model", "m.rcp", "--inputs", "--per-layer"}
                                            << "--per-layer goes with hidden nodes";
    const QString e10 = QStringLiteral(RECIPROCAL_SOURCE_DIR "/resources/experiments/E10-l1-eigenvalues-pruning.json");
    QTest::newRow("shard 0 of 4") << QStringList{"experiment", e10, "--shard", "0/4", "--csv-dir", "/tmp"}
                                  << "--shard must be K/N";
    QTest::newRow("shard without dir") << QStringList{"experiment", e10, "--shard", "1/4"} << "--shard needs --csv-dir";
    QTest::newRow("tasks without slurm") << QStringList{"experiment", e10, "--tasks", "4"} << "--tasks goes with --slurm";
    QTest::newRow("slurm without dir") << QStringList{"experiment", e10, "--slurm"} << "--slurm needs --csv-dir";
    QTest::newRow("slurm and shard") << QStringList{"experiment", e10, "--slurm", "--shard", "1/2"}
                                     << "--shard and --slurm go separately";
    QTest::newRow("more tasks than units") << QStringList{"experiment", e10, "--slurm", "--tasks", "16", "--csv-dir", "/tmp"}
                                           << "more than the experiment's 15 units";
    QTest::newRow("slurm bad time") << QStringList{"experiment", e10, "--slurm", "--time", "1 hour", "--csv-dir", "/tmp"}
                                    << "--time '1 hour'";
    QTest::newRow("merge missing dir") << QStringList{"experiment", "merge", "/nonexistent/shards"} << "not a directory";
    QTest::newRow("merge without dir") << QStringList{"experiment", "merge"} << "the directory of the shards is required";
    QTest::newRow("prune fraction < 0") << QStringList{"prune", "--model", "m.rcp", "--fraction", "-0.1"}
                                        << "--fraction";
    QTest::newRow("too many epochs") << train + QStringList{"--epochs", "2000000"} << "--epochs";
    QTest::newRow("negative batch") << train + QStringList{"--batch", "-5"} << "--batch";
    QTest::newRow("sparsity 1") << train + QStringList{"--sparsity", "1"} << "--sparsity";
    QTest::newRow("negative penalty") << train + QStringList{"--l1-eigenvalues", "-0.1"} << "--l1-eigenvalues";
    QTest::newRow("penalty nan") << train + QStringList{"--l2-eigenvectors", "nan"} << "--l2-eigenvectors";
    QTest::newRow("subset without count") << train + QStringList{"--layer", "direct", "--train", "random-subset"}
                                          << "--train random-subset and --trainable N go together";
    QTest::newRow("count without subset") << train + QStringList{"--layer", "direct", "--trainable", "5"}
                                          << "--train random-subset and --trainable N go together";
    QTest::newRow("subset of spectral") << train + QStringList{"--train", "random-subset", "--trainable", "5"}
                                        << "random-subset training needs direct layers";
    QTest::newRow("subset too large") << train + QStringList{"--layer", "direct", "--train", "random-subset",
                                                             "--trainable", "100000"}
                                      << "the trainable subset must hold 1 to";
    QTest::newRow("unknown init") << train + QStringList{"--init", "xavier"} << "unknown initialisation 'xavier'";
    QTest::newRow("init the kind lacks") << train + QStringList{"--layer", "direct", "--init", "pre-sparse-qr"}
                                         << "initialisation 'pre-sparse-qr' is defined for spectral2, qr, qr-triangular layers, not direct";
    QTest::newRow("gradual fraction > 1") << train + QStringList{"--prune-every", "1", "--prune-fraction", "1.5"}
                                          << "--prune-fraction";
    QTest::newRow("negative prune-every") << train + QStringList{"--prune-every", "-1"} << "--prune-every";
    QTest::newRow("momentum 1") << train + QStringList{"--optimizer", "sgd", "--momentum", "1"} << "--momentum";
    QTest::newRow("validation negative") << train + QStringList{"--validation", "-0.2"} << "--validation";
    QTest::newRow("zero samples") << train + QStringList{"--samples", "0"} << "--samples";
    QTest::newRow("zero-width output") << train + QStringList{"--arch", "2-16-0"} << "layer width 0";
    QTest::newRow("width beyond limit") << train + QStringList{"--arch", "2-2000000-3"} << "out of range";
    QTest::newRow("arch does not fit spirals") << train + QStringList{"--arch", "3-16-3"} << "must start with 2";
    QTest::newRow("arch does not fit classes") << train + QStringList{"--arch", "2-16-10"} << "end with 3";
    QTest::newRow("seed beyond limit") << train + QStringList{"--seed", "2000000001"}
                                       << "--seed must be an integer in 0..2000000000";
    // gui --screenshot checks the same options, with the same limits and messages, before loading data.
    const QStringList gui{QStringLiteral("gui"), QStringLiteral("--dataset"), QStringLiteral("spirals")};
    QTest::newRow("gui negative lr") << gui + QStringList{"--lr", "-0.1"} << "--lr must be a number";
    QTest::newRow("gui zero batch") << gui + QStringList{"--batch", "0"} << "--batch";
    QTest::newRow("gui bad activation") << gui + QStringList{"--activation", "swish"} << "swish";
    QTest::newRow("gui bad optimizer") << gui + QStringList{"--optimizer", "lbfgs"} << "lbfgs";
    QTest::newRow("gui momentum 1") << gui + QStringList{"--optimizer", "sgd", "--momentum", "1"} << "--momentum";
    QTest::newRow("gui seed beyond limit") << gui + QStringList{"--seed", "2000000001"}
                                           << "--seed must be an integer in 0..2000000000";
    QTest::newRow("gui sparsity 1") << gui + QStringList{"--sparsity", "1"} << "--sparsity";
    QTest::newRow("gui too many classes") << gui + QStringList{"--classes", "11"} << "--classes";
    const QStringList edit{QStringLiteral("edit"), QStringLiteral("--model"), QStringLiteral("m.rcp")};
    QTest::newRow("edit without set") << edit << "at least one --set";
    QTest::newRow("edit malformed set") << edit + QStringList{"--set", "1:0:lam_out"} << "LAYER:NODE:PARAM=VALUE";
    QTest::newRow("edit unknown param") << edit + QStringList{"--set", "1:0:phi=1"} << "unknown parameter 'phi'";
    QTest::newRow("edit nan") << edit + QStringList{"--set", "1:0:lam_out=nan"} << "finite";
    QTest::newRow("edit comma decimal") << edit + QStringList{"--set", "1:0:lam_out=0,5"} << "finite";
    QTest::newRow("edit missing model") << edit + QStringList{"--set", "1:0:lam_out=0"} << "m.rcp";
}

void CliTest::badInputExitsWithTwoAndWritesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString out = m_dir.filePath(QStringLiteral("should-not-exist.rcp"));
    // Every command that writes a file is asked to, so that "nothing written" is tested; the gui
    // reads its options only when it renders offscreen.
    const QString outOption = arguments.first() == QStringLiteral("sweep") ? QStringLiteral("--csv")
                              : arguments.first() == QStringLiteral("gui") ? QStringLiteral("--screenshot")
                                                                           : QStringLiteral("--out");
    const bool addOut =
        QStringList{"train", "prune", "edit", "sweep", "gui"}.contains(arguments.first()) && !arguments.contains(outOption);
    const Run run = reciprocal(addOut ? arguments + QStringList{outOption, out} : arguments);
    QCOMPARE(run.exitCode, 2);
    const QList<QByteArray> lines = run.err.trimmed().split('\n');
    QVERIFY2(lines.last().startsWith("reciprocal: error: ") && lines.last().contains(message.toUtf8()),
             run.err.constData());
    QVERIFY(!QFile::exists(out));
    QVERIFY(run.out.isEmpty());
}

// A model trained once for the malformed-model rows (cut, flipped, from the future).
QByteArray CliTest::goodModelBytes()
{
    const QString path = m_dir.filePath(QStringLiteral("corpus-good.rcp"));
    if (!QFile::exists(path) &&
        reciprocal(QStringList{"train", "--epochs", "1", "--out", path} + spirals).exitCode != 0)
        return {};
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Each row writes a malformed corpus file (with valid companions) into {dir}, runs a command on
// it that would write into {outdir} (the file {out}), and expects exit 2, a last stderr line
// "reciprocal: error: ..." naming the file and the problem, nothing on stdout, {outdir} empty.
void CliTest::malformedFilesExitWithTwoAndWriteNothing_data()
{
    using namespace datatest;
    QTest::addColumn<QVariantMap>("files");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QByteArray pixels, labels;
    for (int i = 0; i < 20; ++i) {
        pixels += QByteArray(4, static_cast<char>(i));
        labels += static_cast<char>(i % 10);
    }
    const QVariantMap mnist{{"train-images-idx3-ubyte", idxImages(20, 2, 2, pixels)},
                            {"train-labels-idx1-ubyte", idxLabels(20, labels)},
                            {"t10k-images-idx3-ubyte", idxImages(10, 2, 2, pixels.left(40))},
                            {"t10k-labels-idx1-ubyte", idxLabels(10, labels.left(10))}};
    const auto mnistWith = [&](const QString& name, const QByteArray& bytes) {
        QVariantMap files = mnist;
        files[name] = bytes;
        return files;
    };
    const QStringList trainMnist{"train", "--dataset", "mnist", "--dataset-dir", "{dir}",
                                 "--epochs", "1", "--out", "{out}"};
    const QString images = QStringLiteral("{dir}/train-images-idx3-ubyte");
    const QString trainLabels = QStringLiteral("{dir}/train-labels-idx1-ubyte");
    QTest::newRow("idx wrong magic") << mnistWith("train-images-idx3-ubyte", idxImages(20, 2, 2, pixels, 0x00000801))
                                     << trainMnist << images + ": wrong magic number 0x00000801";
    QTest::newRow("idx truncated header") << mnistWith("train-images-idx3-ubyte", idxImages(20, 2, 2, {}).left(10))
                                          << trainMnist << images + ": truncated header (10 of 16";
    QTest::newRow("idx oversized header") << mnistWith("train-images-idx3-ubyte", idxImages(2'800'000, 28, 28, pixels))
                                          << trainMnist << images + ": absurd dimensions";
    QTest::newRow("idx dimensions overflow")
        << mnistWith("train-images-idx3-ubyte", idxImages(0xffffffffu, 0xffffffffu, 0xffffffffu, pixels)) << trainMnist
        << images + ": absurd dimensions";
    QTest::newRow("idx data cut") << mnistWith("train-images-idx3-ubyte", idxImages(20, 2, 2, pixels.left(70)))
                                  << trainMnist
                                  << images + ": truncated data: expected 80 bytes of pixels after the header, found 70";
    QByteArray badLabels = labels;
    badLabels[3] = 10;
    QTest::newRow("idx label >= classes") << mnistWith("train-labels-idx1-ubyte", idxLabels(20, badLabels))
                                          << trainMnist << trainLabels + ": label 10 of sample 3 is outside 0..9";
    QTest::newRow("idx count mismatch") << mnistWith("train-labels-idx1-ubyte", idxLabels(19, labels.left(19)))
                                        << trainMnist << images + ": has 20 images but " + trainLabels;
    QVariantMap gzipGarbage = mnist;
    gzipGarbage["train-images-idx3-ubyte.gz"] = QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) +
                                                "\x07 garbage, no deflate stream";
    QTest::newRow("gzip garbage") << gzipGarbage << trainMnist << images + ".gz: gzip error: invalid block type";

    QVariantMap cifar;
    QByteArray record(3073, '\x40');
    record[0] = 3;
    for (int b = 1; b <= 5; ++b)
        cifar[QString("data_batch_%1.bin").arg(b)] = record + record;
    cifar["test_batch.bin"] = record;
    cifar["data_batch_2.bin"] = record + record.left(3072);
    QTest::newRow("cifar wrong length") << cifar
                                        << QStringList{"train", "--dataset", "cifar10", "--dataset-dir", "{dir}",
                                                       "--epochs", "1", "--out", "{out}"}
                                        << "{dir}/data_batch_2.bin: size 6145 bytes is not a multiple";

    const QStringList trainCsv{"train", "--dataset", "csv", "--dataset-dir", "{dir}",
                               "--epochs", "1", "--out", "{out}"};
    QTest::newRow("csv ragged") << QVariantMap{{"train.csv", QByteArray("1,2,0\n3,4,1\n5,6,7,1\n")}} << trainCsv
                                << "{dir}/train.csv:3: row has 4 fields, expected 3";
    QTest::newRow("csv not a number") << QVariantMap{{"train.csv", QByteArray("1,2,0\n3,abc,1\n")}} << trainCsv
                                      << "{dir}/train.csv:2: field 2 'abc' is not a number";
    QTest::newRow("csv nan") << QVariantMap{{"train.csv", QByteArray("1,2,0\nnan,2,1\n")}} << trainCsv
                             << "{dir}/train.csv:2: field 1 'nan' is NaN or infinite";
    QTest::newRow("csv test file ragged")
        << QVariantMap{{"train.csv", QByteArray("1,2,0\n3,4,1\n")}, {"test.csv", QByteArray("1,2,0\n1,1\n")}}
        << trainCsv << "{dir}/test.csv:2: row has 2 fields, expected 3";

    const QByteArray good = goodModelBytes();
    QVERIFY(good.size() > 100);
    QByteArray flippedChecksum = good;
    flippedChecksum[21] = static_cast<char>(flippedChecksum[21] ^ 0x01);
    QByteArray flippedPayload = good;
    flippedPayload[good.size() / 2] = static_cast<char>(flippedPayload[good.size() / 2] ^ 0x20);
    QByteArray future = good;
    future[8] = 9;
    const QString model = QStringLiteral("{dir}/m.rcp");
    const QString named = QStringLiteral("'{dir}/m.rcp'");
    const QList<std::pair<const char*, QStringList>> modelCommands{
        {"eval", {"eval", "--model", model}},
        {"prune", {"prune", "--model", model, "--out", "{out}"}},
        {"export", {"export", "--model", model, "--out", "{out}"}},
        {"sweep", {"sweep", "--model", model, "--csv", "{out}"}},
        {"resume", {"train", "--resume", model, "--epochs", "1", "--out", "{out}"}}};
    const QList<std::tuple<const char*, QByteArray, QString>> badModels{
        {"model header cut", good.left(12), named + " is truncated (12 bytes, header needs 24)"},
        {"model payload cut", good.left(good.size() / 2), named + " is truncated: header declares"},
        {"model checksum flipped", flippedChecksum, named + " is corrupted: checksum mismatch"},
        {"model payload flipped", flippedPayload, named + " is corrupted: checksum mismatch"},
        {"model future version", future, named + " was written by a newer Reciprocal (format version 9"},
        {"model empty", QByteArray(""), named + " is empty"},
        {"not a model", QByteArray("{\"format\": \"reciprocal-experiment\"}\n"),
         named + " is not a Reciprocal model file"}};
    for (const auto& [problem, bytes, message] : badModels)
        for (const auto& [command, arguments] : modelCommands)
            QTest::addRow("%s, %s", problem, command) << QVariantMap{{"m.rcp", bytes}} << arguments << message;

    const QByteArray experiment = R"({
      "format": "reciprocal-experiment", "version": 1, "id": "X1", "title": "corpus", "seeds": [1],
      "runs": [{"name": "toy", "dataset": {"name": "spirals", "samples": 200},
                "network": {"arch": "2-8-3"}, "steps": [{"train": {"epochs": 1}}]}]
    })";
    QTest::newRow("experiment valid sanity check") << QVariantMap{{"e.json", experiment}}
                                                   << QStringList{"experiment", "{dir}/e.json", "--csv-dir", "{outdir}"}
                                                   << "<exit 0>";
    const auto experimentRow = [&](const char* name, const char* from, const char* to, const QString& message) {
        QByteArray text = experiment;
        QVERIFY(text.contains(from));
        QTest::newRow(name) << QVariantMap{{"e.json", text.replace(from, to)}}
                            << QStringList{"experiment", "{dir}/e.json", "--csv-dir", "{outdir}"}
                            << "experiment '{dir}/e.json': " + message;
    };
    experimentRow("experiment wrong type", "\"epochs\": 1", "\"epochs\": \"one\"",
                  "runs[0].steps[0].train.epochs must be an integer");
    experimentRow("experiment unknown key", "\"title\"", "\"colour\": 1, \"title\"", "colour is not a known setting");
    experimentRow("experiment negative epochs", "\"epochs\": 1", "\"epochs\": -1",
                  "runs[0].steps[0].train.epochs must be an integer");
    experimentRow("experiment zero-width layer", "2-8-3", "2-0-3", "runs[0].network.arch is invalid");
    experimentRow("experiment future version", "\"version\": 1", "\"version\": 7", "version is newer");
    QTest::newRow("summary csv foreign") << QVariantMap{{"s.csv", QByteArray("run,step\n1,2\n")}}
                                         << QStringList{"plot", "--summary", "{dir}/s.csv", "--out", "{out}.png"}
                                         << "'{dir}/s.csv' does not start with the header";
    QTest::newRow("experiment not json") << QVariantMap{{"e.json", experiment.left(experiment.size() / 2)}}
                                         << QStringList{"experiment", "{dir}/e.json", "--csv-dir", "{outdir}"}
                                         << "experiment '{dir}/e.json' is not valid JSON";
}

void CliTest::malformedFilesExitWithTwoAndWriteNothing()
{
    QFETCH(QVariantMap, files);
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir, outDir;
    for (auto file = files.cbegin(); file != files.cend(); ++file)
        writeFile(dir.filePath(file.key()), file.value().toByteArray());
    const auto expand = [&](QString text) {
        return text.replace("{dir}", dir.path())
            .replace("{outdir}", outDir.path())
            .replace("{out}", outDir.filePath(QStringLiteral("result")));
    };
    QStringList expanded;
    for (const QString& argument : arguments)
        expanded << expand(argument);
    const Run run = reciprocal(expanded);
    if (message == QStringLiteral("<exit 0>")) { // the uncorrupted file works, so the rows test what they say
        QCOMPARE(run.exitCode, 0);
        return;
    }
    QCOMPARE(run.exitCode, 2);
    const QByteArray last = run.err.trimmed().split('\n').last();
    QVERIFY2(last.startsWith("reciprocal: error: ") && last.contains(expand(message).toUtf8()), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QCOMPARE(entriesOf(outDir.path()), QStringList());
}

void CliTest::absurdArchitectureIsRefusedQuickly_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("architecture");
    QTest::newRow("fashion-mnist") << QStringList{"train", "--arch", "784-200000-200000-10", "--epochs", "1"}
                                   << "784-200000-200000-10";
    QTest::newRow("spirals") << QStringList{"train", "--dataset", "spirals", "--arch", "2-300000-300000-3",
                                            "--epochs", "1"}
                             << "2-300000-300000-3";
}

// Instead of minutes of swapping and the OOM killer: exit 2 at once, naming need and availability.
void CliTest::absurdArchitectureIsRefusedQuickly()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, architecture);
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly) || !meminfo.readAll().contains("MemAvailable:"))
        QSKIP("no MemAvailable in /proc/meminfo: the check is off");
    if (!arguments.contains(QStringLiteral("--dataset")) &&
        !QDir(QStringLiteral("/usr/share/datasets/fashion-mnist")).exists())
        QSKIP("Fashion-MNIST is not installed");
    const QString out = m_dir.filePath(QStringLiteral("absurd.rcp"));
    QElapsedTimer timer;
    timer.start();
    const Run run = reciprocal(arguments + QStringList{"--out", out});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(timer.elapsed() < 30'000, qPrintable(QString::number(timer.elapsed())));
    const QByteArray last = run.err.trimmed().split('\n').last();
    QVERIFY2(last.startsWith("reciprocal: error: architecture " + architecture.toUtf8() + " needs about ") &&
                 last.contains(" GB, more than the ") && last.endsWith(" available"),
             run.err.constData());
    QVERIFY(!QFile::exists(out));
}

void CliTest::divergenceExitsWithThreeAndKeepsLastGoodModel()
{
    const QString model = m_dir.filePath(QStringLiteral("diverged.rcp"));
    const Run run = reciprocal(QStringList{"train", "--epochs", "20", "--lr", "1000", "--out", model} + spirals);
    QCOMPARE(run.exitCode, 3);
    const QByteArray last = run.err.trimmed().split('\n').last();
    QVERIFY2(last.startsWith("reciprocal: error: training diverged in epoch "), run.err.constData());
    QVERIFY(run.err.contains("saved the last good state to " + model.toUtf8()));
    QVERIFY(run.json()[QStringLiteral("diverged")].toBool());
    QVERIFY(QFile::exists(model));
    const Run eval = reciprocal({"eval", "--model", model, "--json", "--samples", "400"});
    QCOMPARE(eval.exitCode, 0);
    QCOMPARE(eval.json()[QStringLiteral("epochs")].toInt(), run.json()[QStringLiteral("epochs")].toInt());
    // The kept model computes: NaN would be written as null, not as a number.
    QVERIFY(eval.json()[QStringLiteral("test_accuracy")].isDouble());
    QVERIFY(eval.json()[QStringLiteral("test_loss")].isDouble());
}

void CliTest::trainsOnFashionMnist()
{
    if (!QDir(QStringLiteral("/usr/share/datasets/fashion-mnist")).exists())
        QSKIP("Fashion-MNIST is not installed");
    const Run run = reciprocal({"train", "--arch", "784-64-10", "--epochs", "3", "--train-limit", "10000", "--json",
                                "--threads", "2"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.json()[QStringLiteral("test_accuracy")].toDouble() > 0.7);
    QCOMPARE(run.json()[QStringLiteral("threads")].toInt(), 2);
}

void CliTest::pruneRemovesNodesAndSavesASmallerModel()
{
    const QString model = m_dir.filePath(QStringLiteral("deep.rcp"));
    const QStringList deep{"--dataset", "spirals", "--samples", "400", "--arch", "2-16-16-3", "--layer", "spectral1",
                           "--batch", "50"};
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "5", "--out", model} + deep).exitCode, 0);
    const QString pruned = m_dir.filePath(QStringLiteral("pruned.rcp"));
    const Run run = reciprocal({"prune", "--model", model, "--fraction", "0.5", "--out", pruned, "--json", "--samples",
                                "400"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = run.json();
    for (const char* key : {"test_accuracy_before", "test_accuracy_after", "nodes_kept", "parameters_kept",
                            "flops_before", "flops_after"})
        QVERIFY2(result.contains(QLatin1String(key)), key);
    const QJsonArray kept = result[QStringLiteral("nodes_kept")].toArray();
    QCOMPARE(kept[0].toInt() + kept[1].toInt(), 16); // pooled 50 % of 32 hidden nodes (no ties)
    QVERIFY(result[QStringLiteral("flops_after")].toInt() < result[QStringLiteral("flops_before")].toInt());
    QVERIFY(result[QStringLiteral("physically_removed")].toBool());
    // the saved model is the smaller network and evaluates to the accuracy reported after pruning
    const Run eval = reciprocal({"eval", "--model", pruned, "--json", "--samples", "400"});
    QCOMPARE(eval.exitCode, 0);
    QCOMPARE(eval.json()[QStringLiteral("architecture")].toString(),
             QStringLiteral("2-%1-%2-3").arg(kept[0].toInt()).arg(kept[1].toInt()));
    QCOMPARE(eval.json()[QStringLiteral("test_accuracy")].toDouble(), result[QStringLiteral("test_accuracy_after")].toDouble());
    // and it resumes training
    QCOMPARE(reciprocal({"train", "--resume", pruned, "--epochs", "1", "--samples", "400"}).exitCode, 0);
    // retraining the survivors
    const Run retrained = reciprocal({"prune", "--model", model, "--fraction", "0.5", "--retrain-epochs", "2", "--json",
                                      "--samples", "400"});
    QCOMPARE(retrained.exitCode, 0);
    QVERIFY(retrained.json()[QStringLiteral("test_accuracy_retrained")].isDouble());
    // spectral scores need spectral layers
    const QString direct = m_dir.filePath(QStringLiteral("direct.rcp"));
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "1", "--out", direct, "--layer", "direct"} + spirals).exitCode, 0);
    const Run refused = reciprocal({"prune", "--model", direct, "--samples", "400"});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY(refused.err.contains("spectral layers"));
}

// prune --inputs ranks the input features (|lam_in| of the first transfer by default) and silences
// the lowest: the network keeps its width, the saved model evaluates as reported, and the ranking
// is drawn laid out as the samples are.
void CliTest::pruneInputsSilencesFeaturesAndDrawsTheRanking()
{
    const QString model = m_dir.filePath(QStringLiteral("two-set.rcp"));
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "2", "--out", model, "--layer", "spectral2"} + spirals).exitCode,
             0);
    const QString silenced = m_dir.filePath(QStringLiteral("silenced.rcp"));
    const Run run = reciprocal({"prune", "--model", model, "--inputs", "--fraction", "0.5", "--out", silenced, "--json",
                                "--samples", "400"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = run.json();
    QVERIFY(result[QStringLiteral("inputs")].toBool());
    QCOMPARE(result[QStringLiteral("inputs_before")].toInt(), 2);
    QCOMPARE(result[QStringLiteral("inputs_kept")].toInt(), 1); // the 50th percentile of two scores lies between them
    QVERIFY(!result[QStringLiteral("physically_removed")].toBool());
    QCOMPARE(result[QStringLiteral("nodes_kept")].toArray(), result[QStringLiteral("nodes_before")].toArray());
    const Run eval = reciprocal({"eval", "--model", silenced, "--json", "--samples", "400"});
    QCOMPARE(eval.exitCode, 0);
    QCOMPARE(eval.json()[QStringLiteral("architecture")].toString(), result[QStringLiteral("architecture_after")].toString());
    QCOMPARE(eval.json()[QStringLiteral("test_accuracy")].toDouble(), result[QStringLiteral("test_accuracy_after")].toDouble());
    // a fraction of 1 keeps the best-ranked input left: ties at the threshold survive, as for nodes
    const Run both = reciprocal({"prune", "--model", silenced, "--inputs", "--fraction", "1", "--json", "--samples", "400"});
    QCOMPARE(both.exitCode, 0);
    QCOMPARE(both.json()[QStringLiteral("inputs_kept")].toInt(), 1);
    // what cannot rank inputs is refused
    const Run weightNorm = reciprocal({"prune", "--model", model, "--inputs", "--criterion", "weight-norm", "--samples", "400"});
    QCOMPARE(weightNorm.exitCode, 2);
    QVERIFY(weightNorm.err.contains("ranks hidden nodes"));
    const QString oneSet = m_dir.filePath(QStringLiteral("one-set.rcp"));
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "1", "--out", oneSet, "--layer", "spectral1"} + spirals).exitCode, 0);
    const Run noLamIn = reciprocal({"prune", "--model", oneSet, "--inputs", "--samples", "400"});
    QCOMPARE(noLamIn.exitCode, 2);
    QVERIFY(noLamIn.err.contains("two sets"));

    if (!QDir(QStringLiteral("/usr/share/datasets/fashion-mnist")).exists())
        QSKIP("Fashion-MNIST is not installed");
    const QString fashion = m_dir.filePath(QStringLiteral("fashion-two-set.rcp"));
    const QStringList limits{"--train-limit", "2000", "--test-limit", "500"};
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "1", "--arch", "784-16-10", "--layer", "spectral2", "--out",
                                    fashion} + limits)
                 .exitCode,
             0);
    const QString png = m_dir.filePath(QStringLiteral("relevance.png"));
    const Run drawn = reciprocal(QStringList{"prune", "--model", fashion, "--inputs", "--fraction", "0.8",
                                             "--relevance-image", png, "--json"} + limits);
    QCOMPARE(drawn.exitCode, 0);
    QCOMPARE(drawn.json()[QStringLiteral("relevance_image")].toString(), png);
    const int kept = drawn.json()[QStringLiteral("inputs_kept")].toInt();
    QVERIFY2(kept >= 155 && kept <= 158, QByteArray::number(kept)); // 20 % of 784
    const QImage image(png);
    QCOMPARE(image.size(), QSize(960, 540));
    // the right map greys out the silenced pixels, so the two halves differ
    QVERIFY(image.copy(0, 0, 480, 540).convertToFormat(QImage::Format_RGB32) !=
            image.copy(480, 0, 480, 540).convertToFormat(QImage::Format_RGB32));
    const QString gif = m_dir.filePath(QStringLiteral("relevance.gif"));
    const QString notSaved = m_dir.filePath(QStringLiteral("not-saved.rcp"));
    QCOMPARE(reciprocal(QStringList{"prune", "--model", fashion, "--inputs", "--relevance-image", gif, "--out", notSaved} +
                        limits)
                 .exitCode,
             2);
    QVERIFY(!QFile::exists(gif) && !QFile::exists(notSaved));
}

void CliTest::sweepReportsEveryCriterionAndFraction()
{
    const QString model = m_dir.filePath(QStringLiteral("sweep.rcp"));
    QCOMPARE(reciprocal(QStringList{"train", "--epochs", "3", "--out", model} + spirals).exitCode, 0);
    const QString csv = m_dir.filePath(QStringLiteral("sweep.csv"));
    const Run run = reciprocal({"sweep", "--model", model, "--criterion", "spectral,connectivity,random",
                                "--fractions", "0:1:0.25", "--csv", csv, "--json", "--samples", "400"});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray results = run.json()[QStringLiteral("results")].toArray();
    QCOMPARE(results.size(), 3 * 5);
    // fraction 0 prunes nothing, fraction 1 keeps only the best node
    QCOMPARE(results[0].toObject()[QStringLiteral("test_accuracy")].toDouble(),
             run.json()[QStringLiteral("test_accuracy_unpruned")].toDouble());
    QCOMPARE(results[4].toObject()[QStringLiteral("nodes_kept")].toInt(), 1);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 1 + 15);
    // plot draws the sweep's table as it draws an experiment's summary: one curve per criterion, and
    // a band for the spread of the random criterion's draws
    const Run plot = reciprocal({"plot", "--summary", csv, "--out", m_dir.filePath(QStringLiteral("sweep.png")), "--json"});
    QCOMPARE(plot.exitCode, 0);
    QCOMPARE(plot.json()[QStringLiteral("series")].toInt(), 3 + 1);
}

void CliTest::sparseTrainingReportsZerosAndNonLocality()
{
    const Run run = reciprocal(QStringList{"train", "--epochs", "2", "--sparsity", "0.9", "--layer", "qr", "--bias"} +
                               spirals);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject sparsity = run.json()[QStringLiteral("sparsity")].toObject();
    QCOMPARE(sparsity[QStringLiteral("target")].toDouble(), 0.9);
    const QJsonArray zeros = sparsity[QStringLiteral("zero_fraction")].toArray();
    QCOMPARE(zeros.size(), 2);
    for (const auto& zero : zeros)
        QVERIFY(std::abs(zero.toDouble() - 0.9) < 0.02);
    QVERIFY(sparsity[QStringLiteral("masked_changed_per_step")].toArray()[1].toDouble() > 0);
    QCOMPARE(reciprocal(QStringList{"train", "--sparsity", "1"} + spirals).exitCode, 2);
}

void CliTest::gradualPruningMasksNodesDuringTraining()
{
    const QString model = m_dir.filePath(QStringLiteral("gradual.rcp"));
    const Run run = reciprocal(QStringList{"train", "--epochs", "4", "--prune-every", "1", "--prune-fraction", "0.25",
                                           "--out", model} + spirals);
    QCOMPARE(run.exitCode, 0);
    const QJsonArray events = run.json()[QStringLiteral("pruning")].toObject()[QStringLiteral("events")].toArray();
    QCOMPARE(events.size(), 3); // after epochs 1, 2, 3; not after the last
    QCOMPARE(events[0].toObject()[QStringLiteral("nodes_kept")].toArray()[0].toInt(), 12);
    QCOMPARE(events[2].toObject()[QStringLiteral("nodes_kept")].toArray()[0].toInt(), 7); // 16 * 0.75^3, rounded by ranks
    QCOMPARE(run.json()[QStringLiteral("hidden_nodes")].toArray()[0].toInt(), 7);
    // the masks are saved with the model
    QCOMPARE(reciprocal({"eval", "--model", model, "--json", "--samples", "400"}).json()[QStringLiteral("hidden_nodes")]
                 .toArray()[0].toInt(), 7);
    QCOMPARE(reciprocal(QStringList{"train", "--prune-every", "1", "--prune-fraction", "2"} + spirals).exitCode, 2);
}

// docs/results.md quotes the verdicts of every experiment with claims as `experiment --verdicts-from`
// computes them from the committed raw rows: text and numbers cannot drift apart.
void CliTest::resultsPageShowsTheComputedVerdicts()
{
    const QDir experiments(QStringLiteral(RECIPROCAL_SOURCE_DIR "/resources/experiments"));
    QFile page(QStringLiteral(RECIPROCAL_SOURCE_DIR "/docs/results.md"));
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QByteArray results = page.readAll();
    int withClaims = 0;
    for (const QString& name : experiments.entryList({QStringLiteral("*.json")})) {
        QFile file(experiments.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject spec = QJsonDocument::fromJson(file.readAll()).object();
        if (!spec.contains(QStringLiteral("claims")))
            continue;
        ++withClaims;
        const QString id = spec[QStringLiteral("id")].toString();
        QDir folder(m_dir.path());
        folder.mkpath(id);
        const QString rows = folder.filePath(id + QStringLiteral("/") + id + QStringLiteral(".csv"));
        QVERIFY(QFile::copy(QStringLiteral(RECIPROCAL_SOURCE_DIR "/docs/results/") + id + QStringLiteral(".csv"), rows));
        const Run run = reciprocal({"experiment", experiments.filePath(name), "--verdicts-from", folder.filePath(id)});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("claim ") && results.contains(run.out), qPrintable(id + ": " + run.out));
        QVERIFY(QFile::exists(folder.filePath(id + QStringLiteral("/") + id + QStringLiteral("-verdicts.csv"))));
    }
    QVERIFY(withClaims >= 10);
    // Without claims, or without the rows, there is nothing to compute: exit 2.
    const QString e2 = experiments.filePath(QStringLiteral("E2-training-modes.json"));
    QCOMPARE(reciprocal({"experiment", e2, "--verdicts-from", m_dir.path()}).exitCode, 2);
    const Run noRows = reciprocal({"experiment", experiments.filePath(QStringLiteral("E4-pre-training-pruning.json")),
                                   "--verdicts-from", m_dir.path()});
    QCOMPARE(noRows.exitCode, 2);
    QVERIFY2(lastLine(noRows.err).contains("E4.csv"), noRows.err.constData());
}

void CliTest::quickExperimentRuns()
{
    if (!QDir(QStringLiteral("/usr/share/datasets/fashion-mnist")).exists())
        QSKIP("Fashion-MNIST is not installed");
    const QString file = QStringLiteral(RECIPROCAL_SOURCE_DIR "/resources/experiments/E5-ranking-controls.json");
    const Run run = reciprocal({"experiment", file, "--quick", "--json", "--csv-dir", m_dir.path()});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = run.json();
    QCOMPARE(result[QStringLiteral("id")].toString(), QStringLiteral("E5"));
    QVERIFY(result[QStringLiteral("quick")].toBool());
    // train, then 5 criteria x 2 quick fractions
    QCOMPARE(result[QStringLiteral("summary")].toArray().size(), 1 + 5 * 2);
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("E5.csv"))));
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("E5-summary.csv"))));
    // its curves render to PNG and SVG, offscreen
    const QString summary = m_dir.filePath(QStringLiteral("E5-summary.csv"));
    const QString png = m_dir.filePath(QStringLiteral("E5.png"));
    const Run plot = reciprocal({"plot", "--summary", summary, "--out", png, "--title", "E5", "--json"});
    QCOMPARE(plot.exitCode, 0);
    QCOMPARE(plot.json()[QStringLiteral("series")].toInt(), 5); // 5 criteria; one seed, so no s.d. bands
    QImage image(png);
    QCOMPARE(image.size(), QSize(960, 600));
    QVERIFY(image.pixelColor(10, 10) != image.pixelColor(480, 300) || image.pixelColor(480, 300) != image.pixelColor(300, 200));
    QCOMPARE(reciprocal({"plot", "--summary", summary, "--out", m_dir.filePath(QStringLiteral("E5.svg"))}).exitCode, 0);
    QCOMPARE(reciprocal({"plot", "--summary", summary, "--out", m_dir.filePath(QStringLiteral("E5.gif"))}).exitCode, 2);
    QCOMPARE(reciprocal({"plot", "--summary", file, "--out", png}).exitCode, 2); // not a summary
    QCOMPARE(reciprocal({"experiment"}).exitCode, 2);
    QCOMPARE(reciprocal({"experiment", "/nonexistent.json"}).exitCode, 2);
    QCOMPARE(reciprocal({"experiment", file, "--csv-dir", "/nonexistent"}).exitCode, 2);

    // The experiments added since run quick too: the two-set scores (2 runs: train, then 5 criteria x
    // 2 fractions), E4 with both retraining optimisers and its post-training run (train, then 2 prune
    // steps x 2 fractions; train, then 2 fractions), sparse training with static masks (12 train
    // runs), L1 on the eigenvalues (3 runs: train, then 2 fractions), eigenvalues against random
    // subsets (8 train runs), input-feature relevance (two two-set runs: train, 3 criteria x 2
    // fractions, 2 retrained prune steps x 2 fractions; a direct run: train, 2 x 2, 2) and E3a at 100
    // epochs (2 runs: train, then 3 quick fractions).
    const std::pair<const char*, int> added[] = {{"E9-two-set-node-scores.json", 2 * (1 + 5 * 2)},
                                                 {"E4-pre-training-pruning.json", 1 + 2 * 2 + 1 + 2},
                                                 {"E7-dynamic-sparse-training.json", 12},
                                                 {"E10-l1-eigenvalues-pruning.json", 3 * (1 + 2)},
                                                 {"E11-eigenvalues-against-random-subsets.json", 8},
                                                 {"E12-input-feature-relevance.json", 29},
                                                 {"E3a-100-post-training-pruning-tanh-long.json", 2 * (1 + 3)}};
    for (const auto& [name, rows] : added) {
        const Run quick = reciprocal({"experiment", QStringLiteral(RECIPROCAL_SOURCE_DIR "/resources/experiments/") + name,
                                      "--quick", "--json"});
        QCOMPARE(quick.exitCode, 0);
        QCOMPARE(quick.json()[QStringLiteral("summary")].toArray().size(), rows);
    }
}

void CliTest::guiScreenshotRendersOffscreen()
{
    if (!QDir(QStringLiteral("/usr/share/datasets/fashion-mnist")).exists())
        QSKIP("Fashion-MNIST is not installed");
    const QString png = m_dir.filePath(QStringLiteral("gui.png"));
    const Run run = reciprocal({"gui", "--screenshot", png, "--train-epochs", "1", "--train-limit", "2000",
                                "--test-limit", "1000", "--arch", "784-32-10", "--view", "spectrum", "--size",
                                "1280x760", "--prune-preview", "0.5", "--json"});
    QVERIFY2(run.exitCode == 0, run.err.constData()); // a crash's report, if it comes to that
    const QJsonObject result = run.json();
    QCOMPARE(result[QStringLiteral("view")].toString(), QStringLiteral("spectrum"));
    QCOMPARE(result[QStringLiteral("epochs")].toInt(), 1);
    QVERIFY(result[QStringLiteral("test_accuracy")].toDouble() > 0.3);
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 760));
    QVERIFY(image.pixel(10, 10) != image.pixel(500, 350) || image.pixel(500, 350) != image.pixel(1270, 750));

    // bad input: an unknown view and an architecture that does not fit the data, exit 2, nothing written
    const QString bad = m_dir.filePath(QStringLiteral("bad.png"));
    QCOMPARE(reciprocal({"gui", "--screenshot", bad, "--view", "nothing"}).exitCode, 2);
    QCOMPARE(reciprocal({"gui", "--screenshot", bad, "--arch", "100-10", "--train-limit", "100"}).exitCode, 2);
    QVERIFY(!QFile::exists(bad));
}

// The gui takes train's architecture, training and optimiser options: the same help, the same
// limits, the same messages, and a session set up with all of them renders.
void CliTest::guiSpeaksTrainsVocabulary()
{
    const Run trainHelp = reciprocal({"train", "--help"});
    const Run guiHelp = reciprocal({"gui", "--help"});
    QCOMPARE(guiHelp.exitCode, 0);
    for (const char* option : {"layer", "activation", "bias", "train", "batch", "seed", "sparsity", "optimizer", "lr",
                               "momentum", "dataset", "classes"}) {
        const QByteArray help = optionHelp(guiHelp.out, option);
        QVERIFY2(!help.isEmpty(), option);
        QCOMPARE(help, optionHelp(trainHelp.out, option));
    }
    QVERIFY(optionHelp(guiHelp.out, "arch").contains("default: 784-100-10")); // the setup panel's

    const QString png = m_dir.filePath(QStringLiteral("vocabulary.png"));
    for (const char* seed : {"-1", "2000000001"}) {
        const Run train = reciprocal({"train", "--dataset", "spirals", "--seed", seed});
        const Run gui = reciprocal({"gui", "--screenshot", png, "--dataset", "spirals", "--seed", seed});
        QCOMPARE(train.exitCode, 2);
        QCOMPARE(gui.exitCode, 2);
        QCOMPARE(lastLine(gui.err), lastLine(train.err));
    }
    QVERIFY(!QFile::exists(png));

    const Run run = reciprocal({"gui", "--screenshot", png, "--dataset", "spirals", "--samples", "200", "--arch",
                                "2-8-3", "--seed", "2000000000", "--activation", "relu", "--bias", "--optimizer", "sgd",
                                "--lr", "0.05", "--momentum", "0.5", "--batch", "20", "--train-epochs", "1", "--json"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()[QStringLiteral("epochs")].toInt(), 1);
    QVERIFY(QFile::exists(png));
}

// Bytes from a file reach the error message: invalid UTF-8 and a terminal escape in a CSV cell.
// The error stays one line on stderr, and --json still prints valid JSON (it once aborted).
void CliTest::hostileTextStaysOneValidLine()
{
    const QString folder = m_dir.filePath(QStringLiteral("hostile-csv"));
    QVERIFY(QDir().mkpath(folder));
    const QByteArray rows = "label,a,b\n0,1.0,2.0\n1,\xff\xfe\x1b[31m\r,3\n";
    writeFile(folder + QStringLiteral("/train.csv"), rows);
    writeFile(folder + QStringLiteral("/test.csv"), rows);
    const Run run = reciprocal({QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("csv"),
                                QStringLiteral("--dataset-dir"), folder, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 2);
    QJsonParseError parsed;
    const QJsonDocument json = QJsonDocument::fromJson(run.out, &parsed);
    QCOMPARE(parsed.error, QJsonParseError::NoError);
    QCOMPARE(json.object().value(QStringLiteral("exit_code")).toInt(), 2);
    const QByteArray last = lastLine(run.err);
    QVERIFY2(last.startsWith("reciprocal: error: ") && last.contains("field 2"), last.constData());
    QVERIFY(!run.err.contains('\x1b') && !run.err.contains('\r'));
    QVERIFY(QString::fromUtf8(last).toUtf8() == last); // valid UTF-8
}

// A full disk behind stdout: the result is lost, so the command must not report success.
void CliTest::fullStdoutIsAnError()
{
    QProcess process;
    process.setStandardOutputFile(QStringLiteral("/dev/full"));
    process.start(QStringLiteral(RECIPROCAL_EXECUTABLE), QStringList{QStringLiteral("train")} + spirals +
                                                            QStringList{QStringLiteral("--epochs"), QStringLiteral("1")});
    QVERIFY(process.waitForFinished(60'000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(lastLine(process.readAllStandardError()).contains("cannot write to standard output"));
}

// A FIFO or a device where a file is read hung the command or filled the memory; where a file is
// written, the device was replaced by a regular file. Each is refused at once, exit 2. An export
// onto its own model file would replace the model with JSON.
void CliTest::specialFilesAreRefusedNotRead()
{
    const QString fifo = m_dir.filePath(QStringLiteral("pipe"));
    QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    const QList<QStringList> readers{
        {QStringLiteral("eval"), QStringLiteral("--model"), fifo},
        {QStringLiteral("eval"), QStringLiteral("--model"), QStringLiteral("/dev/zero")},
        {QStringLiteral("experiment"), fifo},
        {QStringLiteral("experiment"), QStringLiteral("/dev/urandom")},
        {QStringLiteral("plot"), QStringLiteral("--summary"), fifo, QStringLiteral("--out"),
         m_dir.filePath(QStringLiteral("plot.png"))},
    };
    for (const QStringList& arguments : readers) {
        QElapsedTimer timer;
        timer.start();
        const Run run = reciprocal(arguments);
        QVERIFY2(run.exitCode == 2 && lastLine(run.err).contains("not a regular file"),
                 qPrintable(arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(run.err)));
        QVERIFY(timer.elapsed() < 10'000);
    }
    const Run device = reciprocal(QStringList{QStringLiteral("train")} + spirals +
                                  QStringList{QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--out"), fifo});
    QCOMPARE(device.exitCode, 2);
    QVERIFY(lastLine(device.err).contains("a FIFO, not a regular file"));
    QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());

    const QString model = m_dir.filePath(QStringLiteral("own.rcp"));
    QCOMPARE(reciprocal(QStringList{QStringLiteral("train")} + spirals +
                        QStringList{QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--out"), model})
                 .exitCode,
             0);
    const QByteArray before = [&] {
        QFile file(model);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    const Run onto = reciprocal({QStringLiteral("export"), QStringLiteral("--model"), model, QStringLiteral("--out"),
                                 QDir(m_dir.path()).filePath(QStringLiteral("./own.rcp"))});
    QCOMPARE(onto.exitCode, 2);
    QFile file(model);
    QVERIFY(file.open(QIODevice::ReadOnly) && file.readAll() == before);
}

// Without a display Qt aborted the process (exit 134); the command says what to do instead.
void CliTest::guiWithoutADisplaySaysSo()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : {QStringLiteral("DISPLAY"), QStringLiteral("WAYLAND_DISPLAY"), QStringLiteral("QT_QPA_PLATFORM")})
        environment.remove(name);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(RECIPROCAL_EXECUTABLE), {QStringLiteral("gui")});
    QVERIFY(process.waitForFinished(30'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QByteArray last = lastLine(process.readAllStandardError());
    QVERIFY2(last.contains("needs a display") && last.contains("--screenshot"), last.constData());
}

// 4,000 runs in a summary took half a minute to plot (every series laid out again for each one
// added); the chart draws the first curves, one colour each, and says how many there were.
void CliTest::plotOfThousandsOfRunsStaysQuick()
{
    QByteArray summary = "run,step,kind,criterion,fraction,seeds,accuracy_mean,accuracy_sd,retrained_mean,"
                         "retrained_sd,hidden_nodes,masked_changed_share\n";
    for (int run = 0; run < 4000; ++run)
        for (const char* fraction : {"0.1", "0.5", "0.9"})
            summary += "run" + QByteArray::number(run) + ",2,sweep,spectral," + fraction + ",1,0.8,0.01,,,100,\n";
    const QString path = m_dir.filePath(QStringLiteral("thousands-summary.csv"));
    writeFile(path, summary);
    QElapsedTimer timer;
    timer.start();
    const Run run = reciprocal({QStringLiteral("plot"), QStringLiteral("--summary"), path, QStringLiteral("--out"),
                                m_dir.filePath(QStringLiteral("thousands.png")), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(timer.elapsed() < 10'000);
    QVERIFY(run.json().value(QStringLiteral("series")).toInt() <= 14); // 7 curves and their bands
}

// A file name is bytes: "m\xe9del.rcp" (Latin-1) could be written but not opened again, since the
// arguments were decoded lossily. A shell passes the raw bytes, as a user's would.
void CliTest::fileNamesNeedNotBeUtf8()
{
    const QString script = QStringLiteral(
        "cd \"$1\" && name=$(printf 'm\\351del.rcp') && "
        "\"$0\" train --dataset spirals --samples 200 --arch 2-8-3 --epochs 1 --out \"$name\" >/dev/null && "
        "\"$0\" eval --model \"$name\" --json; status=$?; rm -f \"$name\"; exit $status"); // Qt could not remove it
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, QStringLiteral(RECIPROCAL_EXECUTABLE), m_dir.path()});
    QVERIFY(shell.waitForFinished(60'000));
    QCOMPARE(shell.exitCode(), 0);
    const QJsonObject json = QJsonDocument::fromJson(shell.readAllStandardOutput()).object();
    QCOMPARE(json.value(QStringLiteral("architecture")).toString(), QStringLiteral("2-8-3"));
}

// `train --dataset xor` and nothing else learns XOR (it stayed at chance without a bias); every
// option given still wins over the preset.
void CliTest::generatedSetsTrainWithTheirPreset()
{
    const Run taught = reciprocal({QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("xor"),
                                   QStringLiteral("--json")});
    QCOMPARE(taught.exitCode, 0);
    QCOMPARE(taught.json().value(QStringLiteral("architecture")).toString(), QStringLiteral("2-32-32-2"));
    QVERIFY(taught.json().value(QStringLiteral("test_accuracy")).toDouble() >= 0.97);
    QCOMPARE(taught.json().value(QStringLiteral("bias")), QJsonValue(true));
    const Run given = reciprocal({QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("xor"),
                                  QStringLiteral("--arch"), QStringLiteral("2-8-2"), QStringLiteral("--batch"),
                                  QStringLiteral("50"), QStringLiteral("--epochs"), QStringLiteral("2"),
                                  QStringLiteral("--no-bias"), QStringLiteral("--json")});
    QCOMPARE(given.exitCode, 0);
    QCOMPARE(given.json().value(QStringLiteral("architecture")).toString(), QStringLiteral("2-8-2"));
    QCOMPARE(given.json().value(QStringLiteral("batch")).toInt(), 50);
    QCOMPARE(given.json().value(QStringLiteral("epochs")).toInt(), 2);
    QCOMPARE(given.json().value(QStringLiteral("bias")), QJsonValue(false));
}

// `edit` sets eigenvalues as the knob panel does; an experiment's `set` step replays the same edits
// and measures the same network, so a session with knob edits replays headless.
void CliTest::editSetsKnobsAsTheExperimentSetStepDoes()
{
    const QString model = m_dir.filePath(QStringLiteral("knobs.rcp"));
    const QString edited = m_dir.filePath(QStringLiteral("knobs-edited.rcp"));
    QCOMPARE(reciprocal({"train", "--dataset", "xor", "--epochs", "20", "--out", model}).exitCode, 0);
    const QStringList sets{"--set", "1:3:lam_out=0", "--set", "2:5:lam_in=-2.5", "--set", "1:3:bias=0"};
    const Run run = reciprocal(QStringList{"edit", "--model", model, "--out", edited, "--json"} + sets);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = run.json();
    const QJsonArray edits = result[QStringLiteral("edits")].toArray();
    QCOMPARE(edits.size(), 3);
    QCOMPARE(edits[1].toObject()[QStringLiteral("param")].toString(), QStringLiteral("lam_in"));
    QCOMPARE(edits[1].toObject()[QStringLiteral("after")].toDouble(), -2.5);
    const Run evalBefore = reciprocal({"eval", "--model", model, "--json"});
    const Run evalAfter = reciprocal({"eval", "--model", edited, "--json"});
    QCOMPARE(result[QStringLiteral("test_accuracy_before")].toDouble(),
             evalBefore.json()[QStringLiteral("test_accuracy")].toDouble());
    QCOMPARE(result[QStringLiteral("test_loss_after")].toDouble(),
             evalAfter.json()[QStringLiteral("test_loss")].toDouble());
    QVERIFY(result[QStringLiteral("test_loss_after")].toDouble() != result[QStringLiteral("test_loss_before")].toDouble());

    // The same edits as an experiment step, from the same model, on the same data (the xor preset's).
    const QString file = m_dir.filePath(QStringLiteral("knobs.json"));
    writeFile(file, R"({"format": "reciprocal-experiment", "version": 1, "id": "knobs", "title": "knobs",
        "runs": [{"name": "edited", "model": "knobs.rcp",
                  "dataset": {"name": "xor", "samples": 1000, "noise": 0.02},
                  "steps": [{"train": {"epochs": 0}},
                            {"set": [{"layer": 1, "node": 3, "param": "lam_out", "value": 0},
                                     {"layer": 2, "node": 5, "param": "lam_in", "value": -2.5},
                                     {"layer": 1, "node": 3, "param": "bias", "value": 0}]}]}]})");
    const Run experiment = reciprocal({"experiment", file, "--json"});
    QCOMPARE(experiment.exitCode, 0);
    const QJsonArray summary = experiment.json()[QStringLiteral("summary")].toArray();
    QCOMPARE(summary.size(), 2);
    QCOMPARE(summary[1].toObject()[QStringLiteral("kind")].toString(), QStringLiteral("set"));
    QCOMPARE(summary[1].toObject()[QStringLiteral("accuracy_mean")].toDouble(),
             result[QStringLiteral("test_accuracy_after")].toDouble());

    // Edits the network does not have: exit 2, one line naming the problem, nothing written.
    const QString refused = m_dir.filePath(QStringLiteral("knobs-refused.rcp"));
    const std::pair<const char*, const char*> impossible[] = {{"4:0:lam_out=1", "no layer 4"},
                                                              {"1:32:lam_out=1", "node 32"},
                                                              {"1:2:lam_in=1", "node 2"}};
    for (const auto& [set, message] : impossible) {
        const Run bad = reciprocal({"edit", "--model", model, "--set", "1:0:lam_out=0", "--set", set, "--out", refused});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(lastLine(bad.err).contains(message), bad.err.constData());
        QVERIFY(!QFile::exists(refused));
    }
    // Held knobs: `edit --hold` freezes them in the file, and training the file further leaves them
    // where they are (`edit` reports each value as "before").
    const QString frozen = m_dir.filePath(QStringLiteral("knobs-frozen.rcp"));
    const Run hold = reciprocal({"edit", "--model", edited, "--hold", "2:5:lam_in", "--hold", "1:3:lam_out", "--out",
                                 frozen, "--json"});
    QCOMPARE(hold.exitCode, 0);
    QCOMPARE(hold.json()[QStringLiteral("held")].toArray(), (QJsonArray{"1:3:lam_out", "2:5:lam_in"}));
    const QString trained = m_dir.filePath(QStringLiteral("knobs-trained.rcp"));
    QCOMPARE(reciprocal({"train", "--resume", frozen, "--epochs", "5", "--out", trained}).exitCode, 0);
    const Run probe = reciprocal({"edit", "--model", trained, "--set", "1:3:lam_out=0", "--set", "2:5:lam_in=0",
                                  "--set", "1:4:lam_out=0", "--out", refused, "--json"});
    const QJsonArray probed = probe.json()[QStringLiteral("edits")].toArray();
    QCOMPARE(probed[0].toObject()[QStringLiteral("before")].toDouble(), 0.0);
    QCOMPARE(probed[1].toObject()[QStringLiteral("before")].toDouble(), -2.5);
    QVERIFY(probed[2].toObject()[QStringLiteral("before")].toDouble() !=
            edits[0].toObject()[QStringLiteral("before")].toDouble()); // lam_out of node 4 trained on
    QFile::remove(refused);
    const Run released = reciprocal({"edit", "--model", frozen, "--release", "1:3:lam_out", "--out", refused, "--json"});
    QCOMPARE(released.json()[QStringLiteral("held")].toArray(), (QJsonArray{"2:5:lam_in"}));
    QFile::remove(refused);
    for (const auto& [option, message] : {std::pair{"--release", "does not hold 1:0:bias"}, {"--hold", "node 99"}}) {
        const char* address = std::string_view(option) == "--release" ? "1:0:bias" : "1:99:lam_out";
        const Run bad = reciprocal({"edit", "--model", frozen, option, address, "--out", refused});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(lastLine(bad.err).contains(message), bad.err.constData());
        QVERIFY(!QFile::exists(refused));
    }

    const QByteArray header = R"({"format": "reciprocal-experiment", "version": 1, "id": "knobs", "title": "knobs",
        "runs": [{"name": "edited", "model": "knobs.rcp", "dataset": {"name": "xor"}, "steps": [{"train": {"epochs": 0}}, )";
    writeFile(file, header + R"({"set": [{"layer": 1, "node": 99, "param": "lam_out", "value": 0}]}]}]})");
    QCOMPARE(reciprocal({"experiment", file}).exitCode, 2);
    writeFile(file, header + R"({"set": [{"layer": 1, "node": 0, "param": "lam_out", "value": 1e9}]}]}]})");
    const Run outOfRange = reciprocal({"experiment", file});
    QCOMPARE(outOfRange.exitCode, 2);
    QVERIFY2(lastLine(outOfRange.err).contains("value"), outOfRange.err.constData());
}

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
