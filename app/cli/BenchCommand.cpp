#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/BuildInfo.h"
#include "core/data/DatasetLoader.h"
#include "core/network/Architecture.h"
#include "core/training/Benchmark.h"
#include "core/training/Evaluation.h"

namespace reciprocal::cli {

int runBench(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("bench"),
                    QStringLiteral("Measure training throughput on the real training set for direct, spectral2 full, "
                                   "spectral2 eigenvalues and spectral1 eigenvalues: median seconds per epoch, "
                                   "samples/s and GFLOP/s, counting 6*batch*sum(n_in*n_out) flops per step for "
                                   "forward + backward. In the same run it measures this machine's fp32 GEMM peak "
                                   "at the network's shapes (gemm_gflops) and reports roofline_fraction = "
                                   "achieved / peak per mode."));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    const BenchmarkSettings defaults;
    p.addWidthsOption(QString::fromStdString(Architecture{defaults.widths}.widthsText()));
    p.addBatchOption(defaults.batchSize);
    p.addOption(QStringLiteral("epochs"), QStringLiteral("Epochs per mode (the median is reported)."),
                QStringLiteral("N"), QStringLiteral("3"));
    p.addOption(QStringLiteral("modes"), QStringLiteral("Comma-separated modes to run."), QStringLiteral("LIST"),
                QStringLiteral("direct,spectral2-full,spectral2-eigenvalues,spectral1-eigenvalues"));
    if (!p.parse(arguments))
        return ExitSuccess;
    BenchmarkSettings settings;
    settings.widths = p.widths().value_or(defaults.widths);
    settings.batchSize = p.batchSize();
    settings.epochs = p.integer(QStringLiteral("epochs"), 1, 1000);
    const auto selectedModes = selectBenchmarkModes(p.text(QStringLiteral("modes")));
    const DataSplit data = loadDataset(p.datasetSpec());
    checkCompatible(Architecture{settings.widths}, data.train, data.name);

    const std::string architecture = Architecture{settings.widths}.widthsText();
    printProgress("measuring the GEMM peak at " + architecture + ", batch " +
                  std::to_string(settings.batchSize) + " ...");
    const double peak = measureGemmPeak(settings.widths, settings.batchSize);
    printProgress("GEMM peak " + formatFixed(peak, 1) + " GFLOP/s on " + std::to_string(p.threads()) + " threads");
    nlohmann::json modes = nlohmann::json::array();
    for (const auto& mode : selectedModes) {
        const auto r = benchmarkMode(mode, settings, data.train, peak, printProgress);
        printProgress(r.mode + ": " + formatFixed(r.medianSecondsPerEpoch, 3) + " s/epoch, " +
                      formatFixed(r.samplesPerSecond, 0) + " samples/s, " + formatFixed(r.gflops, 1) + " GFLOP/s, " +
                      formatFixed(100 * r.rooflineFraction, 1) + " % of GEMM peak; forward+backward " +
                      formatFixed(r.gradientSeconds, 3) + " s, optimizer " + formatFixed(r.optimizerSeconds, 3) +
                      " s, other " + formatFixed(r.otherSeconds, 3) + " s");
        modes.push_back({{"mode", r.mode},
                         {"seconds_per_epoch", r.medianSecondsPerEpoch},
                         {"min_seconds_per_epoch", r.minSecondsPerEpoch},
                         {"samples_per_second", r.samplesPerSecond},
                         {"gflops", r.gflops},
                         {"roofline_fraction", r.rooflineFraction},
                         {"final_train_loss", r.finalTrainLoss},
                         {"profile",
                          {{"forward_backward_seconds", r.gradientSeconds},
                           {"optimizer_seconds", r.optimizerSeconds},
                           {"other_seconds", r.otherSeconds},
                           {"gemm_only_seconds",
                            trainingFlopsPerEpoch(settings.widths, data.train.sampleCount()) / peak / 1e9}}}});
    }
    const double evaluationMs = measureEvaluationMilliseconds(settings.widths, LayerKind::Spectral2, data.test);
    const double dataBytes = static_cast<double>(data.train.features.size() + data.test.features.size()) * sizeof(float);
    const double peakBytes = static_cast<double>(peakResidentBytes());
    printProgress("evaluating the " + std::to_string(data.test.sampleCount()) + " test samples: " +
                  formatFixed(evaluationMs, 1) + " ms; peak memory " + formatFixed(peakBytes / 1e6, 0) + " MB = " +
                  formatFixed(peakBytes / dataBytes, 2) + " x the float data (" + formatFixed(dataBytes / 1e6, 0) +
                  " MB)");
    const nlohmann::json result{
        {"test_evaluation_ms", evaluationMs},
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
        {"modes", modes},
        {"build",
         {{"compiler", buildinfo::compiler},
          {"build_type", buildinfo::buildType},
          {"flags", buildinfo::architectureFlags},
          {"march_native", buildinfo::nativeBuild}}}};
    if (p.json()) {
        printJson(result);
    } else {
        std::string text = "mode                    s/epoch   samples/s   GFLOP/s   of GEMM peak (" +
                           formatFixed(peak, 1) + " GFLOP/s)\n";
        for (const auto& mode : modes) {
            std::string name = mode["mode"].get<std::string>();
            name.resize(22, ' ');
            text += name + "  " + formatFixed(mode["seconds_per_epoch"], 3) + "   " +
                    formatFixed(mode["samples_per_second"], 0) + "   " + formatFixed(mode["gflops"], 1) + "   " +
                    formatFixed(100 * mode["roofline_fraction"].get<double>(), 1) + " %\n";
        }
        printText(text);
    }
    return ExitSuccess;
}

} // namespace reciprocal::cli
