#pragma once

#include "core/math/Random.h"
#include "core/network/Network.h"
#include "core/training/DynamicSparsity.h"
#include "core/training/Regularisation.h"
#include "core/training/EpochRecord.h"
#include "core/training/HeldParameters.h"
#include "core/training/Optimizer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reciprocal {

// Limits every source of training settings enforces alike: the command line, experiment files and
// model files (a resumed batch of 2^31 - 1, or an epoch about to overflow, once trained "fine").
inline constexpr int maximumBatchSize = 1 << 20;
inline constexpr int maximumEpoch = 1'000'000'000;

// How a run trains, as a value. The optimiser's settings are not here: a model's Optimizer owns
// them, because they may change between steps while these stay fixed for the run.
struct TrainingSettings {
    int batchSize = 200;
    std::uint64_t seed = 1; // initial parameters and batch order
    // Dynamic sparse training: the fraction of every layer's weights masked to zero at each step
    // (0 = dense). See DynamicSparsity.
    double sparsity = 0.0;
    SparseMasks sparseMasks = SparseMasks::Dynamic;
    Regularisation regularisation; // penalties on the eigenvalues and eigenvectors
    // Random-subset training: this many weights train, the rest and the biases stay (0 = off).
    long long trainableSubset = 0;
    // How Model::create drew the parameters (files before format 4 knew only Default).
    Initialisation initialisation = Initialisation::Default;

    friend bool operator==(const TrainingSettings&, const TrainingSettings&) = default;
};

// Everything a run needs to continue exactly where it stopped: the network (parameters, masks,
// mode), the optimizer's moments, the random stream, the epoch count and the history. A model file
// holds one of these; copying one is a complete snapshot.
struct Model {
    Network<float> network;
    Optimizer<float> optimizer;
    TrainingSettings training;
    Random random;
    int epoch = 0; // completed epochs
    std::vector<EpochRecord> history;
    std::string datasetName; // the data set it was trained on, for `eval` without --dataset
    HeldParameters held;     // what training leaves alone (frozen knobs)

    // A freshly initialised model: Random(seed) draws the parameters as training.initialisation
    // says, then shuffles batches. SpectralTools' lam_in = 0 is held against training.
    static Model create(const Architecture& architecture, TrainMode mode, const TrainingSettings& training,
                        const std::string& datasetName, const OptimizerSettings& optimizer = {});
};

} // namespace reciprocal
