// SPDX-License-Identifier: MIT
// The memory check: the estimate counts what a network really holds, an absurd architecture is
// refused with a message naming the need and the availability, before anything is allocated.
#include "InputErrorCapture.h"
#include "core/experiments/ExperimentRunner.h"
#include "core/training/Evaluation.h"
#include "core/training/MemoryBudget.h"
#include "core/training/Trainer.h"

#include <QElapsedTimer>
#include <QTest>

#include <map>

#include <malloc.h>

#include <algorithm>

using namespace reciprocal;
using testsupport::contains;
using testsupport::inputErrorOf;

namespace {

// Bytes the program holds on the heap right now (every arena, and blocks served by mmap).
double heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return static_cast<double>(info.uordblks + info.hblkhd);
}

Architecture architecture(std::vector<int> widths, LayerKind kind, bool bias = false)
{
    return Architecture{std::move(widths), kind, Activation::Tanh, bias};
}

// 784 features of noise in 10 classes: the shape of Fashion-MNIST without the files.
Dataset noiseImages(int samples)
{
    Dataset data;
    data.features = Eigen::MatrixXf::Random(784, samples).cwiseAbs();
    for (int i = 0; i < samples; ++i)
        data.labels.push_back(i % 10);
    data.classCount = 10;
    data.sampleShape = {784};
    return data;
}

} // namespace

class MemoryBudgetTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parameterBytesAreExact_data();
    void parameterBytesAreExact();
    void estimateMatchesMeasuredHeap_data();
    void estimateMatchesMeasuredHeap();
    void readsMemAvailable();
    void honoursTheControlGroupLimit();
    void absurdArchitectureIsRefused();
    void modelCreateRefusesBeforeAllocating();
    void experimentsAreChecked();
    void formatsBytes();
};

void MemoryBudgetTest::parameterBytesAreExact_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("bias");
    for (const auto& kind : layerKindNames())
        for (const bool bias : {false, true})
            QTest::addRow("%s%s", kind.c_str(), bias ? "+bias" : "") << QString::fromStdString(kind) << bias;
}

// The parameter part of the estimate is what the network really stores, value for value.
void MemoryBudgetTest::parameterBytesAreExact()
{
    QFETCH(QString, kind);
    QFETCH(bool, bias);
    for (const std::vector<int>& widths : {std::vector<int>{5, 7, 3}, {9, 4, 6, 2}, {3, 11, 11, 11, 4}}) {
        const Architecture shape = architecture(widths, parseLayerKind(kind.toStdString()), bias);
        Network<float> network(shape);
        // Stored, not counted: a triangular R stores the zeros above its diagonal that are no parameters.
        double stored = 0.0;
        for (int k = 0; k < network.layerCount(); ++k) {
            for (const auto& group : network.layer(k).parameterValues())
                stored += static_cast<double>(group.value->size());
            for (const auto& tensor : network.layer(k).frozenValues())
                stored += static_cast<double>(tensor.value->size());
        }
        QCOMPARE(parameterValueCount(shape), stored);
        const MemoryEstimate estimate = estimateTrainingMemory(shape, TrainingSettings{});
        QCOMPARE(estimate.parameters, 4.0 * stored);
        QVERIFY(estimate.total() > estimate.parameters);
    }
}

void MemoryBudgetTest::estimateMatchesMeasuredHeap_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<double>("sparsity");
    QTest::newRow("spectral2/adam") << "spectral2" << "adam" << 0.0;
    QTest::newRow("spectral1/sgd") << "spectral1" << "sgd" << 0.0;
    QTest::newRow("direct/adam") << "direct" << "adam" << 0.0;
    QTest::newRow("qr/adamax") << "qr" << "adamax" << 0.0;
    QTest::newRow("ssvd/adam") << "ssvd" << "adam" << 0.0;
    QTest::newRow("direct/sparse") << "direct" << "adam" << 0.5;
    QTest::newRow("spectral2/sparse") << "spectral2" << "adam" << 0.5;
}

// The whole estimate is within a factor 2 of the heap a real run holds at its peak: during an
// epoch (the rollback copy then exists; in the second epoch it includes the moments) or after
// evaluating in batches of evaluationBatchSize.
void MemoryBudgetTest::estimateMatchesMeasuredHeap()
{
#ifdef __SANITIZE_ADDRESS__
    QSKIP("AddressSanitizer replaces malloc, so mallinfo2 cannot see the heap");
#endif
    QFETCH(QString, kind);
    QFETCH(QString, optimizer);
    QFETCH(double, sparsity);
    const Dataset data = noiseImages(evaluationBatchSize);
    const OptimizerSettings optimizerSettings{parseOptimizer(optimizer.toStdString()), 1e-3};
    TrainingSettings settings;
    settings.batchSize = 400;
    settings.sparsity = sparsity;
    const Architecture shape = architecture({784, 1000, 800, 10}, parseLayerKind(kind.toStdString()));
    const double estimate = estimateTrainingMemory(shape, settings, optimizerSettings.kind).total();

    const double before = heapInUse();
    double peak = 0.0;
    {
        Model model = Model::create(shape, TrainMode::Full, settings, "noise", optimizerSettings);
        Trainer trainer(model, data);
        trainer.trainEpoch();
        trainer.trainEpoch([&](const BatchProgress&) {
            peak = std::max(peak, heapInUse() - before);
            return true;
        });
        evaluate(model.network, data);
        peak = std::max(peak, heapInUse() - before);
    }
    qInfo("estimate %.1f MB, measured peak %.1f MB (ratio %.2f)", estimate / 1e6, peak / 1e6, estimate / peak);
    QVERIFY2(estimate <= 2 * peak && peak <= 2 * estimate,
             qPrintable(QStringLiteral("estimate %1 B, measured %2 B").arg(estimate).arg(peak)));
}

void MemoryBudgetTest::readsMemAvailable()
{
    const std::string meminfo = "MemTotal:       24683620 kB\nMemFree:        21924508 kB\n"
                                "MemAvailable:    6000000 kB\nBuffers:            8816 kB\n";
    QCOMPARE(parseMemAvailable(meminfo), std::optional<double>(6000000.0 * 1024));
    QCOMPARE(parseMemAvailable("MemTotal: 100 kB\n"), std::optional<double>());
    QCOMPARE(parseMemAvailable("MemAvailable: lots\n"), std::optional<double>());
    QCOMPARE(parseMemAvailable("MemAvailable: 12 pages\n"), std::optional<double>());
    QCOMPARE(parseMemAvailable(""), std::optional<double>());
    // This machine's own figure, when Linux provides one, is a plausible amount.
    if (const auto available = availableMemory())
        QVERIFY(*available > 1e6 && *available < 1e15);
}

void MemoryBudgetTest::absurdArchitectureIsRefused()
{
    const Architecture huge = architecture({784, 100000, 100000, 10}, LayerKind::Spectral2);
    const TrainingSettings settings;
    const double needed = estimateTrainingMemory(huge, settings).total();
    QVERIFY(needed > 240e9); // 1e10 weights: far beyond any workstation
    const std::string message = inputErrorOf([&] { checkMemoryBudget(huge, settings, OptimizerKind::Adam, 6.1e9); });
    QCOMPARE(message, "architecture 784-100000-100000-10 needs about " + formatBytes(needed) +
                          ", more than the 6.1 GB available");
    // Enough memory, or no figure at all: no complaint.
    checkMemoryBudget(huge, settings, OptimizerKind::Adam, 2 * needed);
    checkMemoryBudget(huge, settings, OptimizerKind::Adam, std::nullopt);
    checkMemoryBudget(architecture({784, 100, 10}, LayerKind::Spectral2), settings, OptimizerKind::Adam, 6.1e9);
}

// The check runs in Model::create, before the network exists: a refused architecture returns at
// once, with nothing allocated (an attempt would take minutes or end in the OOM killer).
void MemoryBudgetTest::modelCreateRefusesBeforeAllocating()
{
    if (!availableMemory())
        QSKIP("/proc/meminfo has no MemAvailable here, so there is nothing to check against");
    QElapsedTimer timer;
    timer.start();
    const double before = heapInUse();
    const std::string message = inputErrorOf([] {
        Model::create(architecture({784, 200000, 200000, 10}, LayerKind::Spectral2), TrainMode::Full,
                      TrainingSettings{}, "fashion-mnist");
    });
    QVERIFY2(contains(message, "architecture 784-200000-200000-10 needs about ") && contains(message, " GB available"),
             message.c_str());
    QVERIFY(heapInUse() - before < 1e6);
    QVERIFY(timer.elapsed() < 1000);
}

void MemoryBudgetTest::experimentsAreChecked()
{
    if (!availableMemory())
        QSKIP("/proc/meminfo has no MemAvailable here, so there is nothing to check against");
    const std::string text = R"({
      "format": "reciprocal-experiment", "version": 1, "id": "M1", "title": "too wide", "seeds": [1],
      "runs": [{"name": "wide", "dataset": {"name": "spirals", "samples": 100},
                "network": {"arch": "2-500000-500000-3"}, "steps": [{"train": {"epochs": 1}}]}]
    })";
    const ExperimentSpec spec = parseExperiment(text, "wide.json");
    const std::string message = inputErrorOf([&] { runExperiment(spec); });
    QVERIFY2(contains(message, "architecture 2-500000-500000-3 needs about "), message.c_str());
}

void MemoryBudgetTest::formatsBytes()
{
    QCOMPARE(formatBytes(85.4e6), std::string("85 MB"));
    QCOMPARE(formatBytes(6.14e9), std::string("6.1 GB"));
    QCOMPARE(formatBytes(484.4e9), std::string("484 GB"));
}

// In a container or a Slurm allocation the kernel kills a process at its control group's limit,
// however much the machine has free: the budget is the tightest headroom of the group and its
// ancestors, in cgroup v2 and v1 alike.
void MemoryBudgetTest::honoursTheControlGroupLimit()
{
    constexpr double mebibyte = 1024.0 * 1024.0;
    const auto files = [](std::map<std::string, std::string> texts) {
        return [texts](const std::string& path) { return texts.contains(path) ? texts.at(path) : std::string(); };
    };
    // v2: the job's own limit leaves 724 MiB, its parent's 700 MiB
    const auto v2 = files({{"/sys/fs/cgroup/slurm/job_7/memory.max", "1073741824\n"},
                           {"/sys/fs/cgroup/slurm/job_7/memory.current", "314572800\n"},
                           {"/sys/fs/cgroup/slurm/memory.max", "838860800\n"},
                           {"/sys/fs/cgroup/slurm/memory.current", "104857600\n"},
                           {"/sys/fs/cgroup/memory.max", "max\n"}});
    QCOMPARE(cgroupHeadroom("0::/slurm/job_7\n", v2).value_or(-1), 700 * mebibyte);
    // no limit anywhere ("max"), or no control group line: nothing to say
    QVERIFY(!cgroupHeadroom("0::/user.slice\n", files({{"/sys/fs/cgroup/user.slice/memory.max", "max\n"},
                                                          {"/sys/fs/cgroup/user.slice/memory.current", "5\n"}})));
    QVERIFY(!cgroupHeadroom("", v2));
    // v1, with the memory controller among others; "no limit" is a number near 2^63
    const auto v1 = files({{"/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes", "536870912\n"},
                           {"/sys/fs/cgroup/memory/docker/abc/memory.usage_in_bytes", "536870912\n"},
                           {"/sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n"},
                           {"/sys/fs/cgroup/memory/memory.usage_in_bytes", "123\n"}});
    QCOMPARE(cgroupHeadroom("4:memory,hugetlb:/docker/abc\n0::/\n", v1).value_or(-1), 0.0); // full: none left
    QVERIFY(!cgroupHeadroom("4:memory:/\n", v1));
    // a group whose files cannot be read says nothing either
    QVERIFY(!cgroupHeadroom("0::/", [](const std::string&) { return std::string(); }));
}

QTEST_APPLESS_MAIN(MemoryBudgetTest)
#include "test_memory_budget.moc"
