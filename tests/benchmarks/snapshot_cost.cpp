// SPDX-License-Identifier: MIT
// What a snapshot costs as a run goes on (issue 18): the worker's describeRun for a 784-500-10
// network with the records of epoch 1 and of epoch 100 (600 batches an epoch, as Fashion-MNIST's
// 60,000 images at batch 100 give), built as the worker builds them: the meter's loss curve from
// every batch, a spectrum frame at every epoch's end. The two are measured alternately, so that the
// machine's drift hits both alike. Snapshots share the run's logs instead of copying them, so epoch
// 100 must cost within 20 % of epoch 1. No data set is needed: a snapshot of a network without a
// 2-D input plane reads only the network and the logs. Not part of the test suite.
//
//   snapshot_cost [--repetitions N] [--json]   exits 1 if epoch 100 costs more than 1.2 x epoch 1
#include "widgets/session/SnapshotBuilder.h"
#include "widgets/session/TrainingMeter.h"

#include "core/math/Random.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace reciprocal;
using namespace reciprocal::widgets;

namespace {

constexpr int batchesPerEpoch = 600;
constexpr int batchSize = 100;
constexpr double allowedGrowth = 1.2;

// A run's records after `epochs` epochs.
struct RunRecords {
    SharedLog<EpochRecord> history;
    TrainingMeter meter;
    SharedLog<SpectrumFrame> spectrum;
};

RunRecords recordsAfter(const Network<float>& network, int epochs)
{
    RunRecords run;
    run.spectrum.push_back(spectrumFrame(network, 0));
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        for (int batch = 1; batch <= batchesPerEpoch; ++batch) {
            const double loss = 2.3 / (epoch + static_cast<double>(batch) / batchesPerEpoch);
            run.meter.record({epoch, batch, batchesPerEpoch, loss}, batchSize, 0.004);
        }
        run.history.push_back({epoch, 0.5 / epoch, 0.8, 0.55 / epoch, 0.79, 0.56 / epoch, 0.78, 2.4, 25000.0});
        run.spectrum.push_back(spectrumFrame(network, epoch));
    }
    return run;
}

double microsecondsToSnapshot(const Network<float>& network, const RunRecords& run)
{
    const auto start = std::chrono::steady_clock::now();
    auto snapshot = std::make_shared<TrainingSnapshot>();
    describeRun(*snapshot, network, run.history, run.meter.lossCurve(), run.spectrum);
    const auto end = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::micro>(end - start).count(); // before the snapshot is freed
}

struct Summary {
    double median = 0.0;
    double min = 0.0;
    double max = 0.0;
};

Summary summarise(std::vector<double> microseconds)
{
    std::sort(microseconds.begin(), microseconds.end());
    const std::size_t middle = microseconds.size() / 2;
    const double median = microseconds.size() % 2 ? microseconds[middle]
                                                  : 0.5 * (microseconds[middle - 1] + microseconds[middle]);
    return {median, microseconds.front(), microseconds.back()};
}

nlohmann::json toJson(const Summary& s) { return {{"median_us", s.median}, {"min_us", s.min}, {"max_us", s.max}}; }

} // namespace

int main(int argc, char** argv)
{
    int repetitions = 50;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--json")
            json = true;
        else if (argument == "--repetitions" && i + 1 < argc)
            repetitions = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: snapshot_cost [--repetitions N] [--json]\n");
            return 2;
        }
    }

    Network<float> network(Architecture{{784, 500, 10}, LayerKind::Spectral2, Activation::Tanh, false});
    Random random(7);
    network.initialise(random);
    const RunRecords early = recordsAfter(network, 1);
    const RunRecords late = recordsAfter(network, 100);

    std::vector<double> earlyMicroseconds, lateMicroseconds;
    constexpr int warmUp = 3;
    for (int repetition = -warmUp; repetition < repetitions; ++repetition) {
        const double earlyTaken = microsecondsToSnapshot(network, early);
        const double lateTaken = microsecondsToSnapshot(network, late);
        if (repetition >= 0) {
            earlyMicroseconds.push_back(earlyTaken);
            lateMicroseconds.push_back(lateTaken);
        }
    }
    const Summary first = summarise(earlyMicroseconds);
    const Summary last = summarise(lateMicroseconds);
    const double ratio = last.median / first.median;
    const bool pass = ratio <= allowedGrowth;

    const std::string architecture = network.architecture().widthsText();
    if (json) {
        const nlohmann::json result{{"architecture", architecture},
                                    {"batches_per_epoch", batchesPerEpoch},
                                    {"repetitions", repetitions},
                                    {"epoch_1", toJson(first)},
                                    {"epoch_100", toJson(last)},
                                    {"ratio", ratio},
                                    {"pass", pass}};
        std::printf("%s\n", result.dump(2).c_str());
    } else {
        std::printf("%s, %d batches an epoch: one snapshot, median (min-max) of %d\n", architecture.c_str(),
                    batchesPerEpoch, repetitions);
        std::printf("  epoch   1: %8.1f us (%.1f-%.1f)\n", first.median, first.min, first.max);
        std::printf("  epoch 100: %8.1f us (%.1f-%.1f)\n", last.median, last.min, last.max);
        std::printf("ratio %.3f: %s (epoch 100 within %.0f %% of epoch 1)\n", ratio, pass ? "pass" : "FAIL",
                    100.0 * (allowedGrowth - 1.0));
    }
    return pass ? 0 : 1;
}
