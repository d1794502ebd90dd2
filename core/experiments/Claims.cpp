#include "core/experiments/Claims.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/experiments/ExperimentRunner.h"
#include "core/experiments/JsonFields.h"
#include "core/experiments/SummaryCsv.h"
#include "core/io/CsvText.h"
#include "core/math/NameTable.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace reciprocal {

namespace {

constexpr NameTable<ClaimMetric, 3> metricNames{{{
    {ClaimMetric::Accuracy, "accuracy"},
    {ClaimMetric::Retrained, "retrained"},
    {ClaimMetric::MaskTurnover, "mask_turnover"},
}}};

double metricOf(const ExperimentRow& row, ClaimMetric metric)
{
    switch (metric) {
    case ClaimMetric::Retrained:
        return row.retrainedAccuracy;
    case ClaimMetric::MaskTurnover:
        return row.maskTurnover;
    case ClaimMetric::Accuracy:
        break;
    }
    return row.testAccuracy;
}

constexpr std::array<const char*, 5> testKeys{"at_least", "at_most", "spread_at_most", "above", "within_reference"};

RowSelection readSelection(JsonFields& fields)
{
    RowSelection selection;
    selection.run = fields.string("run");
    selection.step = static_cast<int>(fields.integer("step", 0, 100000));
    selection.criterion = fields.string("criterion", "");
    for (const auto& [element, path] : fields.array("fractions", true)) {
        if (!element->is_number() || element->get<double>() < 0.0 || element->get<double>() > 1.0)
            fields.failAt(path, "must be a number in [0, 1]");
        selection.fractions.push_back(element->get<double>());
    }
    selection.metric = parsed(fields, "metric", fields.string("metric", "accuracy"),
                              [](const std::string& name) { return metricNames.parse(name, "metric"); });
    fields.finish();
    return selection;
}

nlohmann::json selectionJson(const RowSelection& selection)
{
    nlohmann::json json = {{"run", selection.run},
                           {"step", selection.step},
                           {"metric", metricNames.name(selection.metric)}};
    if (!selection.criterion.empty())
        json["criterion"] = selection.criterion;
    if (!selection.fractions.empty())
        json["fractions"] = selection.fractions;
    return json;
}

std::string pointName(const RowSelection& selection, double fraction)
{
    std::string name = "run '" + selection.run + "' step " + std::to_string(selection.step);
    if (!selection.criterion.empty())
        name += " " + selection.criterion;
    if (std::isfinite(fraction))
        name += " at " + formatNumber(fraction, 4);
    return name;
}

// The selected metric of every seed at every selected point: bySeed[seed][point].
struct Points {
    std::vector<double> fractions; // NaN for a train row
    std::map<std::uint64_t, std::vector<double>> bySeed;
};

Points selectedPoints(const Claim& claim, const RowSelection& selection, const std::vector<ExperimentRow>& rows)
{
    Points points;
    points.fractions = selection.fractions;
    if (points.fractions.empty())
        points.fractions.push_back(std::numeric_limits<double>::quiet_NaN());
    std::set<std::uint64_t> seeds;
    for (const ExperimentRow& row : rows)
        if (row.run == selection.run && row.step == selection.step)
            seeds.insert(row.seed);
    if (seeds.empty())
        throw InputError("claim '" + claim.id + "': no rows of " + pointName(selection, NAN));
    for (const std::uint64_t seed : seeds) {
        std::vector<double>& values = points.bySeed[seed];
        for (const double fraction : points.fractions) {
            const auto found = std::find_if(rows.begin(), rows.end(), [&](const ExperimentRow& row) {
                const bool sameFraction = std::isnan(fraction) ? std::isnan(row.fraction)
                                                               : std::abs(row.fraction - fraction) < 1e-9;
                return row.run == selection.run && row.step == selection.step && row.seed == seed &&
                       (selection.criterion.empty() || row.criterion == selection.criterion) && sameFraction;
            });
            if (found == rows.end())
                throw InputError("claim '" + claim.id + "': no row of " + pointName(selection, fraction) +
                                 " for seed " + std::to_string(seed));
            const double value = metricOf(*found, selection.metric);
            if (!std::isfinite(value))
                throw InputError("claim '" + claim.id + "': " + pointName(selection, fraction) + " has no " +
                                 std::string(metricNames.name(selection.metric)));
            values.push_back(value);
        }
    }
    return points;
}

double referenceAt(const Claim& claim, const std::vector<ReferencePoint>& references, double fraction)
{
    for (const ReferencePoint& point : references)
        if (point.label == claim.referenceLabel && std::abs(point.fraction - fraction) < 1e-9)
            return point.accuracy / 100.0;
    throw InputError("claim '" + claim.id + "': the reference '" + claim.referenceLabel + "' has no point at " +
                     formatNumber(fraction, 4));
}

// By how much one seed's values meet the claim (the smallest slack over its points).
double seedMargin(const Claim& claim, const Points& points, const std::vector<double>& values,
                  const std::vector<double>* other, const std::vector<ReferencePoint>& references)
{
    double margin = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < values.size(); ++p) {
        switch (claim.test) {
        case Claim::Test::AtLeast:
            margin = std::min(margin, values[p] - claim.value);
            break;
        case Claim::Test::AtMost:
            margin = std::min(margin, claim.value - values[p]);
            break;
        case Claim::Test::Above:
            margin = std::min(margin, values[p] - (*other)[other->size() == 1 ? 0 : p] - claim.value);
            break;
        case Claim::Test::WithinReference:
            margin = std::min(margin, claim.value - std::abs(values[p] - referenceAt(claim, references, points.fractions[p])));
            break;
        case Claim::Test::SpreadAtMost:
            break;
        }
    }
    if (claim.test == Claim::Test::SpreadAtMost) {
        const auto [lowest, highest] = std::minmax_element(values.begin(), values.end());
        margin = claim.value - (*highest - *lowest);
    }
    return margin;
}

// Student's t, two-sided 95 %, for 1 to 30 degrees of freedom; 1.96 beyond.
double tQuantile(std::size_t degrees)
{
    static constexpr std::array<double, 30> table{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                                  2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                                  2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    return degrees >= 1 && degrees <= table.size() ? table[degrees - 1] : 1.96;
}

std::string pt(double accuracyUnits)
{
    const double value = 100.0 * accuracyUnits;
    std::string text = formatFixed(value, 2);
    if (value >= 0)
        text.insert(text.begin(), '+');
    return text;
}

} // namespace

Claim readClaim(JsonFields& fields)
{
    Claim claim;
    claim.id = fields.string("id");
    claim.text = fields.string("text");
    JsonFields select = fields.object("select");
    claim.select = readSelection(select);
    const int tests = static_cast<int>(std::count_if(testKeys.begin(), testKeys.end(),
                                                     [&](const char* key) { return fields.has(key); }));
    if (tests != 1)
        fields.fail("select", "goes with exactly one test: at_least, at_most, spread_at_most, above or within_reference");
    if (fields.has("at_least")) {
        claim.test = Claim::Test::AtLeast;
        claim.value = fields.number("at_least", 0.0, 1.0);
    } else if (fields.has("at_most")) {
        claim.test = Claim::Test::AtMost;
        claim.value = fields.number("at_most", 0.0, 1.0);
    } else if (fields.has("spread_at_most")) {
        claim.test = Claim::Test::SpreadAtMost;
        claim.value = fields.number("spread_at_most", 0.0, 1.0);
        if (claim.select.fractions.size() < 2)
            fields.fail("spread_at_most", "needs a selection of at least two fractions");
    } else if (fields.has("above")) {
        claim.test = Claim::Test::Above;
        JsonFields above = fields.object("above");
        claim.value = above.number("margin", -1.0, 1.0, 0.0);
        JsonFields other = above.object("select");
        claim.other = readSelection(other);
        above.finish();
        if (!claim.other->fractions.empty() && claim.other->fractions != claim.select.fractions)
            fields.fail("above", "must select the same fractions as the claim, or none (a train step)");
    } else {
        claim.test = Claim::Test::WithinReference;
        JsonFields within = fields.object("within_reference");
        claim.referenceLabel = within.string("label");
        claim.value = within.number("tolerance", 0.0, 1.0);
        within.finish();
        if (claim.select.fractions.empty())
            fields.fail("within_reference", "needs a selection of fractions");
    }
    fields.finish();
    return claim;
}

nlohmann::json claimJson(const Claim& claim)
{
    nlohmann::json json = {{"id", claim.id}, {"text", claim.text}, {"select", selectionJson(claim.select)}};
    switch (claim.test) {
    case Claim::Test::AtLeast:
        json["at_least"] = claim.value;
        break;
    case Claim::Test::AtMost:
        json["at_most"] = claim.value;
        break;
    case Claim::Test::SpreadAtMost:
        json["spread_at_most"] = claim.value;
        break;
    case Claim::Test::Above:
        json["above"] = {{"select", selectionJson(*claim.other)}, {"margin", claim.value}};
        break;
    case Claim::Test::WithinReference:
        json["within_reference"] = {{"label", claim.referenceLabel}, {"tolerance", claim.value}};
        break;
    }
    return json;
}

std::vector<ClaimVerdict> evaluateClaims(const std::vector<Claim>& claims, const std::vector<ExperimentRow>& rows,
                                         const std::vector<ReferencePoint>& references)
{
    std::vector<ClaimVerdict> verdicts;
    for (const Claim& claim : claims) {
        const Points points = selectedPoints(claim, claim.select, rows);
        const std::optional<Points> other =
            claim.other ? std::optional(selectedPoints(claim, *claim.other, rows)) : std::nullopt;
        ClaimVerdict verdict{claim.id, claim.text, {}, 0.0, 0.0, 0.0, 0.0, {}};
        for (const auto& [seed, values] : points.bySeed) {
            const std::vector<double>* otherValues = nullptr;
            if (other) {
                const auto found = other->bySeed.find(seed);
                if (found == other->bySeed.end())
                    throw InputError("claim '" + claim.id + "': no row of " + pointName(*claim.other, NAN) +
                                     " for seed " + std::to_string(seed));
                otherValues = &found->second;
            }
            verdict.seedMargins.emplace_back(seed, seedMargin(claim, points, values, otherValues, references));
        }
        const auto n = static_cast<double>(verdict.seedMargins.size());
        const double sum = std::accumulate(verdict.seedMargins.begin(), verdict.seedMargins.end(), 0.0,
                                           [](double total, const auto& entry) { return total + entry.second; });
        verdict.marginMean = sum / n;
        double squares = 0.0;
        for (const auto& [seed, margin] : verdict.seedMargins)
            squares += (margin - verdict.marginMean) * (margin - verdict.marginMean);
        verdict.marginSpread = n > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
        const double half = n > 1 ? tQuantile(verdict.seedMargins.size() - 1) * verdict.marginSpread / std::sqrt(n)
                                  : std::numeric_limits<double>::infinity();
        verdict.lowerBound = verdict.marginMean - half;
        verdict.upperBound = verdict.marginMean + half;
        // One seed has no spread to weigh the margin against: never enough to decide.
        verdict.verdict = verdict.lowerBound > 0   ? "reproduced"
                          : verdict.upperBound < 0 ? "not reproduced"
                                                   : "not resolved";
        verdicts.push_back(verdict);
    }
    return verdicts;
}

std::string verdictsCsv(const std::vector<ClaimVerdict>& verdicts)
{
    std::string csv = "claim,text,seeds,margin_mean,margin_sd,ci_low,ci_high,verdict,seed_margins\n";
    for (const ClaimVerdict& v : verdicts) {
        std::string margins;
        for (const auto& [seed, margin] : v.seedMargins) {
            if (!margins.empty())
                margins += ';';
            margins += std::to_string(seed) + ":" + formatNumber(margin, 6);
        }
        const auto bound = [](double value) { return std::isfinite(value) ? formatNumber(value, 6) : std::string(); };
        csv += csvField(v.id) + "," + csvField(v.text) + "," + std::to_string(v.seedMargins.size()) + "," +
               formatNumber(v.marginMean, 6) + "," + formatNumber(v.marginSpread, 6) + "," + bound(v.lowerBound) + "," +
               bound(v.upperBound) + "," + v.verdict + "," + margins + "\n";
    }
    return csv;
}

std::string verdictsText(const std::vector<ClaimVerdict>& verdicts)
{
    std::string text;
    for (const ClaimVerdict& v : verdicts) {
        text += "claim " + v.id + ": " + v.verdict + " (margin " + pt(v.marginMean) + " ± " +
                formatFixed(100.0 * v.marginSpread, 2) + " pt over " + std::to_string(v.seedMargins.size()) +
                (v.seedMargins.size() == 1 ? " seed" : " seeds");
        if (std::isfinite(v.lowerBound))
            text += ", 95 % CI [" + pt(v.lowerBound) + ", " + pt(v.upperBound) + "]";
        text += "): " + v.text + "\n";
    }
    return text;
}

} // namespace reciprocal
