#pragma once

#include "core/data/DatasetSpec.h"
#include "core/experiments/Claims.h"
#include "core/network/Architecture.h"
#include "core/network/ParameterEdit.h"
#include "core/pruning/ModelPruning.h"
#include "core/pruning/PruningCriterion.h"
#include "core/training/HeldParameters.h"
#include "core/training/Model.h"

#include <optional>
#include <string>
#include <vector>

namespace reciprocal {

// A declarative experiment (resources/experiments/*.json): runs, each a network trained and probed by
// a sequence of steps, repeated for every seed. See docs/experiments.md for the file format.

struct TrainStep {
    int epochs = 1;
    TrainMode mode = TrainMode::Full;
    OptimizerSettings optimizer; // changing it mid-run keeps the weights
};

struct SweepStep {
    std::vector<PruningCriterion> criteria{PruningCriterion::Spectral};
    std::vector<double> fractions;
    bool perLayer = false;
    int repeats = 5;     // draws of the random criterion
    bool inputs = false; // rank and silence input features instead of hidden nodes
};

// Branches from the current model: for every fraction a copy is pruned (and retrained), the run's
// model itself is left as it was. With commit, the run's model itself is pruned (one fraction, no
// retraining: later train steps continue the smaller network), as the application's pruning
// history replays.
struct PruneStep {
    PruningCriterion criterion = PruningCriterion::Spectral;
    std::vector<double> fractions;
    bool perLayer = false;
    int retrainEpochs = 0;
    TrainMode retrainMode = TrainMode::Full;
    RetrainOptimizer retrainOptimizer = RetrainOptimizer::Fresh;
    bool commit = false;
    std::vector<HiddenNode> nodes; // hand-picked instead of a criterion (commit only)
    std::optional<double> threshold; // remove the nodes scoring below it, instead of fractions (commit only)
    bool inputs = false;             // rank and silence input features instead of hidden nodes

    // What the step asks of one of its fractions (a committed step: of its only one), the random
    // criterion drawing from `seed`.
    PruningRequest request(double fraction, std::uint64_t seed) const;
    // The committed step that asks exactly this (how the application records a pruning).
    static PruneStep committing(const PruningRequest& request);
};

struct ExperimentStep {
    // Set: single eigenvalues or biases set by hand, in order (the application's knobs). Hold: from
    // here on, training leaves exactly these parameters alone (the knobs' freeze; empty releases all).
    enum class Kind { Train, Sweep, Prune, Set, Hold } kind = Kind::Train;
    TrainStep train;
    SweepStep sweep;
    PruneStep prune;
    std::vector<ParameterEdit> edits;
    HeldParameters held;
};

struct ExperimentRun {
    std::string name;
    DatasetSpec dataset;
    // When not empty, the run starts from this saved model (a session the application opened from a
    // file) instead of drawing a network; its file fixes architecture and training settings.
    std::string startModel;
    Architecture architecture;
    TrainingSettings training; // batch and sparsity; the seed is each of the experiment's seeds in turn
    std::vector<ExperimentStep> steps;
};

struct QuickSettings {
    int maximumEpochs = 1;  // every train step and retraining is capped at this
    int trainLimit = 3000;  // samples, for every run
    int testLimit = 2000;
    std::vector<std::uint64_t> seeds{1};
    std::optional<std::vector<double>> fractions; // replaces every sweep's and prune's fractions
};

struct ExperimentSpec {
    std::string id;    // e.g. "E3a"
    std::string title;
    std::string description;
    std::vector<std::string> expectations; // what the papers lead us to expect, as text
    std::vector<std::uint64_t> seeds{1};
    QuickSettings quick;
    std::vector<ExperimentRun> runs;
    // Machine-checked claims (core/experiments/Claims.h) and the published curves they may compare
    // against (a label,fraction,accuracy,sd CSV; a relative path in the file is relative to its folder).
    std::vector<Claim> claims;
    std::string references;
};

// Parse and validate an experiment file. Every problem - not JSON, a missing or unknown key, a value
// of the wrong type or out of range, an unknown name - is an InputError naming the file and the
// field, e.g. "experiment 'e.json': runs[1].steps[0].train.epochs must be an integer >= 0".
ExperimentSpec loadExperiment(const std::string& path);
ExperimentSpec parseExperiment(const std::string& text, const std::string& path);

// The spec as a file parseExperiment reads back to the same spec.
std::string experimentText(const ExperimentSpec& spec);

// The spec with --quick applied: fewer epochs, samples, seeds (and fractions, if the file says so);
// no claims, which speak of the full protocol.
ExperimentSpec quickVersion(const ExperimentSpec& spec);

} // namespace reciprocal
