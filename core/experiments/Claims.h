#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reciprocal {

class JsonFields;
struct ExperimentRow;
struct ReferencePoint;

// Verdicts computed from the numbers: a claim of an experiment file names the rows it is about and a
// machine-checkable test; the runner measures, for every seed, by how much the test is met (the
// margin: positive when it holds, in accuracy units), and the verdict follows from the 95 %
// confidence interval of the mean margin over the seeds, so that a claim that turns on less than the
// seeds' spread is "not resolved" instead of "reproduced". docs/experiments.md has the format.

// What a claim measures in each row: the test accuracy right after the step, after retraining, or
// a sparse train step's mask turnover (a share, like the accuracies).
enum class ClaimMetric { Accuracy, Retrained, MaskTurnover };

// Which rows: one run's step, one criterion (none for a train step), these fractions (none for a
// train step), and the metric.
struct RowSelection {
    std::string run;
    int step = 0;
    std::string criterion;
    std::vector<double> fractions;
    ClaimMetric metric = ClaimMetric::Accuracy;

    friend bool operator==(const RowSelection&, const RowSelection&) = default;
};

struct Claim {
    enum class Test { AtLeast, AtMost, SpreadAtMost, Above, WithinReference };
    std::string id;
    std::string text;
    RowSelection select;
    Test test = Test::AtLeast;
    double value = 0.0;               // AtLeast, AtMost, SpreadAtMost: the bound; Above: the margin; WithinReference: the tolerance
    std::optional<RowSelection> other; // Above: what the selection must beat, fraction by fraction
    std::string referenceLabel;       // WithinReference: the published curve (the experiment's reference CSV)

    friend bool operator==(const Claim&, const Claim&) = default;
};

struct ClaimVerdict {
    std::string id;
    std::string text;
    std::vector<std::pair<std::uint64_t, double>> seedMargins;
    double marginMean = 0.0;
    double marginSpread = 0.0; // sample standard deviation over seeds (0 with one seed)
    double lowerBound = 0.0;   // of the 95 % confidence interval of the mean margin (t distribution)
    double upperBound = 0.0;
    std::string verdict; // "reproduced", "not reproduced", "not resolved"
};

Claim readClaim(JsonFields& fields);
nlohmann::json claimJson(const Claim& claim);

// Throws InputError naming the claim when a selected row is missing (a fraction not run, a run
// or step that does not exist) or a reference point is not in `references`.
std::vector<ClaimVerdict> evaluateClaims(const std::vector<Claim>& claims, const std::vector<ExperimentRow>& rows,
                                         const std::vector<ReferencePoint>& references);

// claim,text,seeds,margin_mean,margin_sd,ci_low,ci_high,verdict,seed_margins ("seed:margin;...").
std::string verdictsCsv(const std::vector<ClaimVerdict>& verdicts);
// "claim spread: reproduced (margin +0.48 ± 0.29 pt, 95 % CI [+0.17, +0.79]): <text>" per line.
std::string verdictsText(const std::vector<ClaimVerdict>& verdicts);

} // namespace reciprocal
