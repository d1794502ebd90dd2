#pragma once

#include "core/data/Dataset.h"
#include "core/kernels/CpuLevel.h"
#include "core/layers/LayerKind.h"
#include "core/network/Activation.h"

#include <functional>
#include <string>
#include <vector>

namespace reciprocal {

// Training throughput, measured honestly: whole epochs of the real trainer on a real data set,
// median and minimum over the epochs, next to this machine's GEMM peak at the same shapes measured
// in the same run (timings on a shared VM drift, so only same-run ratios are comparable).
struct BenchmarkSettings {
    std::vector<int> widths{784, 500, 10};
    int batchSize = 100;
    int epochs = 3;
    Activation activation = Activation::Tanh;
};

struct BenchmarkMode {
    std::string name; // e.g. "spectral2 full"
    LayerKind layerKind;
    TrainMode trainMode;
};

struct BenchmarkModeResult {
    std::string mode;
    double medianSecondsPerEpoch = 0.0;
    double minSecondsPerEpoch = 0.0;
    double firstEpochSeconds = 0.0; // with the start-up costs the median leaves out
    double samplesPerSecond = 0.0; // at the median
    double gflops = 0.0;           // at the median
    double rooflineFraction = 0.0; // gflops / GEMM peak
    double usefulGflops = 0.0;     // usefulFlopsPerEpoch at the median
    double peakFraction = 0.0;     // usefulGflops / the FMA peak
    double finalTrainLoss = 0.0;
    // Of the median epoch: seconds in forward/backward, in the optimizer, elsewhere.
    double gradientSeconds = 0.0;
    double optimizerSeconds = 0.0;
    double otherSeconds = 0.0;
};

// direct, spectral2 full, spectral2 eigenvalues, spectral1 eigenvalues.
std::vector<BenchmarkMode> standardBenchmarkModes();
// The standard modes named in a comma-separated list ("direct,spectral2-full"; '-' or ' ' between
// words); throws InputError for an unknown name.
std::vector<BenchmarkMode> selectBenchmarkModes(const std::string& list);

// Dense products of one epoch, forward and backward: 6 * samples * sum(n_in * n_out) (a
// multiply-add counts 2). The first layer's input gradient is not needed but is counted, like the
// batch-level formula 6 * B * sum(n_in * n_out) per step.
double trainingFlopsPerEpoch(const std::vector<int>& widths, long long samples);

// The floating-point work an epoch of training needs, 2 * samples * (2 * sum(n_in * n_out) +
// sum over all but the first layer of n_in * n_out): forward and weight gradient of every layer, the
// input gradient of all but the first, which the data does not need (a multiply-add counts 2).
double usefulFlopsPerEpoch(const std::vector<int>& widths, long long samples);

// The arithmetic peak in GFLOP/s of a CPU level's widest fused multiply-add, on `threads` threads
// at once (KernelTable.h, runPeakArithmetic): best of a few runs of about 0.1 s.
double measureFmaPeak(CpuLevel level, int threads);

// Best sustained GFLOP/s of the GEMMs of one training step at these shapes - forward W X, backward
// D X^T per layer and W^T D for all but the data layer, exactly the products training runs - with
// the same parallel product the trainer uses, counted like trainingFlopsPerEpoch. So
// roofline_fraction = (time of an epoch's GEMMs alone at peak) / (time of the epoch).
double measureGemmPeak(const std::vector<int>& widths, int batchSize);

// Median milliseconds of `repeats` runs of work().
double medianMilliseconds(int repeats, const std::function<void()>& work);

// Median milliseconds to evaluate the whole data set with a freshly initialised network of this
// shape and kind (the GUI's pruning preview evaluates the test set on every change).
double measureEvaluationMilliseconds(const std::vector<int>& widths, LayerKind kind, const Dataset& data);

// Peak resident memory of this process so far, in bytes.
long long peakResidentBytes();

using BenchmarkProgress = std::function<void(const std::string&)>;
BenchmarkModeResult benchmarkMode(const BenchmarkMode& mode, const BenchmarkSettings& settings, const Dataset& train,
                                  double gemmPeakGflops, double fmaPeakGflops,
                                  const BenchmarkProgress& progress = {});

} // namespace reciprocal
