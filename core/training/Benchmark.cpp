#include "core/training/Benchmark.h"

#include "core/Error.h"
#include "core/kernels/KernelTable.h"
#include "core/math/ParallelProduct.h"
#include "core/training/Evaluation.h"
#include "core/training/Trainer.h"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <numeric>

namespace reciprocal {

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
}

} // namespace

std::vector<BenchmarkMode> standardBenchmarkModes()
{
    return {{"direct", LayerKind::Direct, TrainMode::Full},
            {"spectral2 full", LayerKind::Spectral2, TrainMode::Full},
            {"spectral2 eigenvalues", LayerKind::Spectral2, TrainMode::Eigenvalues},
            {"spectral1 eigenvalues", LayerKind::Spectral1, TrainMode::Eigenvalues}};
}

std::vector<BenchmarkMode> selectBenchmarkModes(const std::string& list)
{
    std::vector<BenchmarkMode> selected;
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t end = std::min(list.find(',', start), list.size());
        std::string name = list.substr(start, end - start);
        std::replace(name.begin(), name.end(), '-', ' ');
        const auto modes = standardBenchmarkModes();
        const auto found = std::find_if(modes.begin(), modes.end(), [&](const auto& m) { return m.name == name; });
        if (found == modes.end())
            throw InputError("unknown benchmark mode '" + name +
                             "' (expected direct, spectral2-full, spectral2-eigenvalues, spectral1-eigenvalues)");
        selected.push_back(*found);
        start = end + 1;
    }
    return selected;
}

double trainingFlopsPerEpoch(const std::vector<int>& widths, long long samples)
{
    double products = 0.0;
    for (std::size_t k = 0; k + 1 < widths.size(); ++k)
        products += static_cast<double>(widths[k]) * static_cast<double>(widths[k + 1]);
    return 6.0 * static_cast<double>(samples) * products;
}

double usefulFlopsPerEpoch(const std::vector<int>& widths, long long samples)
{
    double multiplyAdds = 0.0;
    for (std::size_t k = 0; k + 1 < widths.size(); ++k)
        multiplyAdds += (k == 0 ? 2.0 : 3.0) * static_cast<double>(widths[k]) * static_cast<double>(widths[k + 1]);
    return 2.0 * static_cast<double>(samples) * multiplyAdds;
}

double measureFmaPeak(CpuLevel level, int threads)
{
    constexpr long repetitions = 50'000'000; // 0.05 to 0.2 s of one core, by level
    double best = 0.0;
    for (int run = 0; run < 5; ++run) {
        std::vector<double> flops(static_cast<std::size_t>(threads));
        const auto started = std::chrono::steady_clock::now();
        oneapi::tbb::parallel_for(
            0, threads, [&](int thread) { flops[static_cast<std::size_t>(thread)] = runPeakArithmetic(level, repetitions); },
            oneapi::tbb::static_partitioner());
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        best = std::max(best, std::accumulate(flops.begin(), flops.end(), 0.0) / elapsed / 1e9);
    }
    return best;
}

double measureGemmPeak(const std::vector<int>& widths, int batchSize)
{
    struct Shapes {
        Matrix<float> weights, input, output, delta, inputGradient, weightGradient;
    };
    std::vector<Shapes> layers;
    for (std::size_t k = 0; k + 1 < widths.size(); ++k) {
        Shapes s;
        s.weights = Matrix<float>::Random(widths[k + 1], widths[k]);
        s.input = Matrix<float>::Random(widths[k], batchSize);
        s.delta = Matrix<float>::Random(widths[k + 1], batchSize);
        layers.push_back(std::move(s));
    }
    const double flopsPerStep = trainingFlopsPerEpoch(widths, batchSize);
    double best = 0.0;
    for (int repeat = 0; repeat < 5; ++repeat) {
        int steps = 0;
        const auto started = std::chrono::steady_clock::now();
        double elapsed = 0.0;
        do {
            for (std::size_t k = 0; k < layers.size(); ++k) {
                auto& s = layers[k];
                parallelProduct(s.output, s.weights, s.input);
                if (k > 0) // as in training: the data layer needs no input gradient
                    parallelProduct(s.inputGradient, s.weights.transpose(), s.delta);
                parallelProduct(s.weightGradient, s.delta, s.input.transpose());
            }
            ++steps;
            elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        } while (elapsed < 0.2);
        best = std::max(best, flopsPerStep * steps / elapsed / 1e9);
    }
    return best;
}

double measureEvaluationMilliseconds(const std::vector<int>& widths, LayerKind kind, const Dataset& data)
{
    TrainingSettings training;
    Model model = Model::create(Architecture{widths, kind, Activation::Tanh, false}, TrainMode::Full, training,
                                "benchmark");
    return medianMilliseconds(7, [&] { evaluate(model.network, data); });
}

double medianMilliseconds(int repeats, const std::function<void()>& work)
{
    std::vector<double> milliseconds;
    for (int repeat = 0; repeat < repeats; ++repeat) {
        const auto started = std::chrono::steady_clock::now();
        work();
        milliseconds.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    }
    return median(milliseconds);
}

long long peakResidentBytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<long long>(usage.ru_maxrss) * 1024; // Linux reports kilobytes
}

BenchmarkModeResult benchmarkMode(const BenchmarkMode& mode, const BenchmarkSettings& settings, const Dataset& train,
                                  double gemmPeakGflops, double fmaPeakGflops, const BenchmarkProgress& progress)
{
    TrainingSettings training;
    training.batchSize = settings.batchSize;
    Model model = Model::create(Architecture{settings.widths, mode.layerKind, settings.activation, false},
                                mode.trainMode, training, "benchmark");
    Trainer trainer(model, train);
    std::vector<double> seconds;
    std::vector<EpochProfile> profiles;
    for (int epoch = 0; epoch < settings.epochs; ++epoch) {
        const auto record = trainer.trainEpoch();
        seconds.push_back(record->seconds);
        profiles.push_back(trainer.lastEpochProfile());
        if (progress)
            progress(mode.name + ": epoch " + std::to_string(epoch + 1) + " " + std::to_string(record->seconds) + " s");
    }
    BenchmarkModeResult result;
    result.mode = mode.name;
    result.medianSecondsPerEpoch = median(seconds);
    result.minSecondsPerEpoch = *std::min_element(seconds.begin(), seconds.end());
    result.firstEpochSeconds = seconds.front();
    result.samplesPerSecond = train.sampleCount() / result.medianSecondsPerEpoch;
    result.gflops = trainingFlopsPerEpoch(settings.widths, train.sampleCount()) / result.medianSecondsPerEpoch / 1e9;
    result.rooflineFraction = gemmPeakGflops > 0 ? result.gflops / gemmPeakGflops : 0.0;
    result.usefulGflops = usefulFlopsPerEpoch(settings.widths, train.sampleCount()) / result.medianSecondsPerEpoch / 1e9;
    result.peakFraction = fmaPeakGflops > 0 ? result.usefulGflops / fmaPeakGflops : 0.0;
    result.finalTrainLoss = model.history.back().trainLoss;
    const auto medianEpoch = std::find(seconds.begin(), seconds.end(), result.medianSecondsPerEpoch);
    const EpochProfile& profile = profiles[static_cast<std::size_t>(
        medianEpoch == seconds.end() ? seconds.size() - 1 : medianEpoch - seconds.begin())];
    result.gradientSeconds = profile.gradientSeconds;
    result.optimizerSeconds = profile.optimizerSeconds;
    result.otherSeconds = profile.otherSeconds;
    return result;
}

} // namespace reciprocal
