#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/BuildInfo.h"
#include "core/data/DatasetLoader.h"
#include "core/kernels/CpuLevel.h"
#include "core/kernels/ProductLibrary.h"
#include "core/network/Architecture.h"
#include "core/pruning/PruningPreview.h"
#include "core/training/Benchmark.h"
#include "core/training/Evaluation.h"
#include "core/training/Model.h"

namespace reciprocal::cli {

namespace {

// What the GUI does while a pruning slider moves: the preview of removing half the hidden nodes of
// a fresh spectral2 network on the test set, its accuracy before cached as the GUI caches it.
double measurePreviewMilliseconds(const std::vector<int>& widths, const Dataset& test)
{
    Model model = Model::create(Architecture{widths, LayerKind::Spectral2, Activation::Tanh, false}, TrainMode::Full,
                                TrainingSettings{}, "benchmark");
    const double accuracyBefore = evaluate(model.network, test).accuracy;
    return medianMilliseconds(7, [&] {
        previewPruning(model.network, test, PruningRequest::removingFraction(0.5), accuracyBefore);
    });
}

int reportPeaks(int threads, bool json)
{
    nlohmann::json levels = nlohmann::json::object();
    std::string text;
    for (const CpuLevel level : supportedCpuLevels()) {
        const double peak = measureFmaPeak(level, threads);
        levels[std::string(cpuLevelName(level))] = peak;
        text += std::string(cpuLevelName(level)) + std::string(8 - cpuLevelName(level).size(), ' ') +
                formatFixed(peak, 1) + " GFLOP/s" + (level == activeCpuLevel() ? "   (in use)" : "") + "\n";
    }
    const double activePeak = levels[std::string(cpuLevelName(activeCpuLevel()))];
    if (json)
        printJson({{"cpu_level", cpuLevelName(activeCpuLevel())},
                   {"best_cpu_level", cpuLevelName(bestCpuLevel())},
                   {"threads", threads},
                   {"fma_peak_gflops", activePeak},
                   {"fma_peak_gflops_by_level", levels}});
    else
        printText("fp32 FMA peak on " + std::to_string(threads) + " threads\n" + text);
    return ExitSuccess;
}

} // namespace

int runBench(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("bench"),
                    QStringLiteral("Measure training throughput on the real training set for direct, spectral2 full, "
                                   "spectral2 eigenvalues and spectral1 eigenvalues: median seconds per epoch, "
                                   "samples/s and GFLOP/s of useful work (useful_gflops: forward and weight "
                                   "gradient of every layer, input gradient of all but the first, 2 flops per "
                                   "multiply-add), against the fp32 FMA peak of the CPU level in use on the threads "
                                   "in use, measured in the same run (fma_peak_gflops, peak_fraction). Also, as "
                                   "before: gflops counts 6*batch*sum(n_in*n_out) per step, which includes the first "
                                   "layer's input gradient that training skips, and roofline_fraction compares it "
                                   "with the rate of the same products alone (gemm_gflops). The kernels' CPU level "
                                   "is the best this CPU has; the environment variable RECIPROCAL_CPU_LEVEL="
                                   "x86-64|avx2|avx512 forces a lower one. --peak only measures the FMA peak of "
                                   "every level this CPU has."));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    const BenchmarkSettings defaults;
    p.addWidthsOption(QString::fromStdString(Architecture{defaults.widths}.widthsText()));
    p.addBatchOption(defaults.batchSize);
    p.addOption(QStringLiteral("epochs"), QStringLiteral("Epochs per mode (the median is reported)."),
                QStringLiteral("N"), QStringLiteral("3"));
    p.addOption(QStringLiteral("modes"), QStringLiteral("Comma-separated modes to run."), QStringLiteral("LIST"),
                QStringLiteral("direct,spectral2-full,spectral2-eigenvalues,spectral1-eigenvalues"));
    p.addOption(QStringLiteral("peak"),
                QStringLiteral("Only measure the fp32 FMA peak of every CPU level this machine has, on --threads "
                               "threads, and exit."));
    if (!p.parse(arguments))
        return ExitSuccess;
    if (p.isSet(QStringLiteral("peak")))
        return reportPeaks(p.threads(), p.json());
    BenchmarkSettings settings;
    settings.widths = p.networkWidths(defaults.widths);
    settings.batchSize = p.trainingBatchSize();
    settings.epochs = p.integer(QStringLiteral("epochs"), 1, 1000);
    const auto selectedModes = selectBenchmarkModes(p.text(QStringLiteral("modes")));
    const DataSplit data = loadDataset(p.datasetSpec());
    checkCompatible(Architecture{settings.widths}, data.train, data.name);

    const std::string architecture = Architecture{settings.widths}.widthsText();
    printProgress("measuring the GEMM peak at " + architecture + ", batch " +
                  std::to_string(settings.batchSize) + " ...");
    const double peak = measureGemmPeak(settings.widths, settings.batchSize);
    printProgress("GEMM peak " + formatFixed(peak, 1) + " GFLOP/s on " + std::to_string(p.threads()) + " threads");
    const double fmaPeak = measureFmaPeak(activeCpuLevel(), p.threads());
    printProgress("FMA peak of " + std::string(cpuLevelName(activeCpuLevel())) + " " + formatFixed(fmaPeak, 1) +
                  " GFLOP/s on " + std::to_string(p.threads()) + " threads; products by " +
                  productLibraryDescription(activeCpuLevel()));
    nlohmann::json modes = nlohmann::json::array();
    for (const auto& mode : selectedModes) {
        const auto r = benchmarkMode(mode, settings, data.train, peak, fmaPeak, printProgress);
        printProgress(r.mode + ": " + formatFixed(r.medianSecondsPerEpoch, 3) + " s/epoch, " +
                      formatFixed(r.samplesPerSecond, 0) + " samples/s, " + formatFixed(r.usefulGflops, 1) +
                      " useful GFLOP/s = " + formatFixed(100 * r.peakFraction, 1) + " % of the FMA peak; " +
                      formatFixed(r.gflops, 1) + " GFLOP/s as counted before = " +
                      formatFixed(100 * r.rooflineFraction, 1) + " % of the GEMM rate; forward+backward " +
                      formatFixed(r.gradientSeconds, 3) + " s, optimizer " + formatFixed(r.optimizerSeconds, 3) +
                      " s, other " + formatFixed(r.otherSeconds, 3) + " s");
        modes.push_back({{"mode", r.mode},
                         {"seconds_per_epoch", r.medianSecondsPerEpoch},
                         {"min_seconds_per_epoch", r.minSecondsPerEpoch},
                         {"first_epoch_seconds", r.firstEpochSeconds},
                         {"samples_per_second", r.samplesPerSecond},
                         {"gflops", r.gflops},
                         {"roofline_fraction", r.rooflineFraction},
                         {"useful_gflops", r.usefulGflops},
                         {"peak_fraction", r.peakFraction},
                         {"final_train_loss", r.finalTrainLoss},
                         {"profile",
                          {{"forward_backward_seconds", r.gradientSeconds},
                           {"optimizer_seconds", r.optimizerSeconds},
                           {"other_seconds", r.otherSeconds},
                           {"gemm_only_seconds",
                            trainingFlopsPerEpoch(settings.widths, data.train.sampleCount()) / peak / 1e9}}}});
    }
    const double evaluationMs = measureEvaluationMilliseconds(settings.widths, LayerKind::Spectral2, data.test);
    const double previewMs = measurePreviewMilliseconds(settings.widths, data.test);
    const double dataBytes = static_cast<double>(data.train.features.size() + data.test.features.size()) * sizeof(float);
    const double peakBytes = static_cast<double>(peakResidentBytes());
    printProgress("evaluating the " + std::to_string(data.test.sampleCount()) + " test samples: " +
                  formatFixed(evaluationMs, 1) + " ms; a pruning preview of half the hidden nodes " +
                  formatFixed(previewMs, 1) + " ms; peak memory " + formatFixed(peakBytes / 1e6, 0) + " MB = " +
                  formatFixed(peakBytes / dataBytes, 2) + " x the float data (" + formatFixed(dataBytes / 1e6, 0) +
                  " MB)");
    const nlohmann::json result{
        {"test_evaluation_ms", evaluationMs},
        {"pruning_preview_ms", previewMs},
        {"peak_memory_bytes", peakBytes},
        {"data_bytes", dataBytes},
        {"peak_memory_to_data", peakBytes / dataBytes},
        {"dataset", data.name},
        {"architecture", architecture},
        {"batch", settings.batchSize},
        {"epochs", settings.epochs},
        {"samples", data.train.sampleCount()},
        {"threads", p.threads()},
        {"gemm_gflops", peak},
        {"fma_peak_gflops", fmaPeak},
        {"useful_flops_per_epoch", usefulFlopsPerEpoch(settings.widths, data.train.sampleCount())},
        {"cpu_level", cpuLevelName(activeCpuLevel())},
        {"best_cpu_level", cpuLevelName(bestCpuLevel())},
        {"gemm_library", productLibraryName(productLibraryAt(activeCpuLevel()))},
        {"gemm_library_version", productLibraryDescription(activeCpuLevel())},
        {"modes", modes},
        {"build",
         {{"compiler", buildinfo::compiler},
          {"build_type", buildinfo::buildType},
          {"flags", buildinfo::architectureFlags},
          {"march_native", buildinfo::nativeBuild}}}};
    if (p.json()) {
        printJson(result);
    } else {
        std::string text = "mode                    s/epoch   samples/s   useful GFLOP/s   of the " +
                           std::string(cpuLevelName(activeCpuLevel())) + " FMA peak (" + formatFixed(fmaPeak, 1) +
                           " GFLOP/s on " + std::to_string(p.threads()) + " threads)\n";
        for (const auto& mode : modes) {
            std::string name = mode["mode"].get<std::string>();
            name.resize(22, ' ');
            text += name + "  " + formatFixed(mode["seconds_per_epoch"], 3) + "   " +
                    formatFixed(mode["samples_per_second"], 0) + "   " + formatFixed(mode["useful_gflops"], 1) + "   " +
                    formatFixed(100 * mode["peak_fraction"].get<double>(), 1) + " %\n";
        }
        printText(text);
    }
    return ExitSuccess;
}

} // namespace reciprocal::cli
