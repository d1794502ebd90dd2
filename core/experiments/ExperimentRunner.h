#pragma once

#include "core/experiments/ExperimentSpec.h"

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace reciprocal {

// One measured point of one seed: after a train step, one (criterion, fraction) of a sweep, or one
// fraction of a prune step.
struct ExperimentRow {
    std::string run;
    std::uint64_t seed = 0;
    int step = 0;     // index in the run's steps
    std::string kind; // "train", "sweep", "prune"
    std::string criterion;
    double fraction = std::numeric_limits<double>::quiet_NaN();
    int epochs = 0; // completed epochs of the run's model
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testLoss = std::numeric_limits<double>::quiet_NaN();
    double accuracySpread = std::numeric_limits<double>::quiet_NaN(); // over random draws (sweeps)
    double retrainedAccuracy = std::numeric_limits<double>::quiet_NaN();
    int hiddenNodes = 0;
    long long parameters = 0;          // every scalar defining the network, frozen ones included
    long long trainableParameters = 0; // in the mode of the step's last training
    double seconds = std::numeric_limits<double>::quiet_NaN(); // training time of a train step
    double zeroFraction = std::numeric_limits<double>::quiet_NaN(); // sparse training: mean over layers
    double maskTurnover = std::numeric_limits<double>::quiet_NaN(); // sparse: mean mask turnover per epoch
};

// The rows of all seeds for one (run, step, criterion, fraction): mean and population s.d.
struct ExperimentSummary {
    std::string run;
    int step = 0;
    std::string kind;
    std::string criterion;
    double fraction = std::numeric_limits<double>::quiet_NaN();
    int seeds = 0;
    double accuracyMean = 0.0;
    double accuracySpread = 0.0;
    double retrainedMean = std::numeric_limits<double>::quiet_NaN();
    double retrainedSpread = std::numeric_limits<double>::quiet_NaN();
    double hiddenNodes = 0.0;
    double maskTurnover = std::numeric_limits<double>::quiet_NaN();
};

struct ExperimentResult {
    std::vector<ExperimentRow> rows;
    std::vector<ExperimentSummary> summary;
    std::vector<ClaimVerdict> verdicts; // of the spec's claims, from the rows
};

using ExperimentProgress = std::function<void(const std::string&)>;

// One run of an experiment for one seed: the unit of work, whose rows depend on nothing else.
struct ExperimentUnit {
    std::uint64_t seed = 0;
    std::size_t run = 0; // index in spec.runs
    friend bool operator==(const ExperimentUnit&, const ExperimentUnit&) = default;
};
// Every unit of the spec in the order a local run takes them: seed by seed, each seed's runs in turn.
std::vector<ExperimentUnit> experimentUnits(const ExperimentSpec& spec);

// Runs every run for every seed (data sets are loaded once per distinct spec). Throws InputError for
// data sets that cannot be loaded or architectures that do not fit them, DivergenceError if a run
// diverges.
ExperimentResult runExperiment(const ExperimentSpec& spec, const ExperimentProgress& progress = {});
// Only these units, in this order (a shard of a cluster job); the claims are not evaluated, since
// they speak of every seed.
std::vector<ExperimentRow> runExperimentUnits(const ExperimentSpec& spec, const std::vector<ExperimentUnit>& units,
                                              const ExperimentProgress& progress = {});
// The summary and verdicts of rows of every unit (a local run's, or merged shards').
ExperimentResult experimentResult(const ExperimentSpec& spec, std::vector<ExperimentRow> rows);

std::vector<ExperimentSummary> summarise(const std::vector<ExperimentRow>& rows);
std::string rowsCsv(const std::vector<ExperimentRow>& rows);
std::string summaryCsv(const std::vector<ExperimentSummary>& summary);

} // namespace reciprocal
