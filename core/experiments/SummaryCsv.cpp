#include "core/experiments/SummaryCsv.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/io/AtomicFile.h"
#include "core/io/CsvText.h"
#include "core/pruning/Sweep.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reciprocal {

namespace {

struct Table {
    std::size_t header = 0; // which of the accepted headers the file has
    std::vector<std::vector<std::string>> rows;
};

// The records after one of the accepted headers (the current one first, then older formats'),
// RFC 4180 (core/io/CsvText.h).
Table readTable(const std::string& path, const std::vector<std::string>& headers)
{
    constexpr std::size_t maximumBytes = std::size_t(256) << 20; // 5,000 runs take about a megabyte
    std::vector<std::vector<std::string>> rows = parseCsvRecords(readWholeFile(path, maximumBytes), path);
    std::string first;
    for (std::size_t i = 0; !rows.empty() && i < rows.front().size(); ++i)
        first += (i ? "," : "") + rows.front()[i];
    const auto match = std::find(headers.begin(), headers.end(), first);
    if (rows.empty() || match == headers.end())
        throw InputError("'" + path + "' does not start with the header '" + headers.front() + "'");
    const std::string& header = *match;
    const auto columns = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',') + 1);
    rows.erase(rows.begin());
    for (std::size_t record = 0; record < rows.size(); ++record) {
        if (rows[record].size() != columns)
            throw InputError(path + ": record " + std::to_string(record + 1) + ": " +
                             std::to_string(rows[record].size()) + " fields, expected " + std::to_string(columns));
    }
    return {static_cast<std::size_t>(match - headers.begin()), std::move(rows)};
}

// The header without its line end.
std::string headerOf(const std::string& csv) { return csv.substr(0, csv.find('\n')); }

// Files before the mask turnover had the share of masked weights that changed in its place.
std::string withMaskedChangedShare(std::string header)
{
    return header.replace(header.rfind("mask_turnover"), std::string("mask_turnover").size(), "masked_changed_share");
}

double numberOrNaN(const std::string& field, const std::string& where)
{
    if (field.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const std::optional<double> value = parseNumber(field);
    if (!value)
        throw InputError(where + ": '" + field + "' is not a number");
    return *value;
}

} // namespace

std::vector<ExperimentSummary> readSummaryCsv(const std::string& path)
{
    const std::string header = headerOf(summaryCsv({}));
    const Table table = readTable(path, {header, withMaskedChangedShare(header), sweepCsvHeader});
    std::vector<ExperimentSummary> summary;
    for (const auto& f : table.rows) {
        if (table.header == 2) { // `sweep --csv`: one model, one curve per criterion, the spread over random draws
            ExperimentSummary s;
            s.run = "sweep";
            s.kind = "sweep";
            s.criterion = f[0];
            s.fraction = numberOrNaN(f[1], path);
            s.seeds = 1;
            s.accuracyMean = numberOrNaN(f[2], path);
            s.accuracySpread = numberOrNaN(f[3], path);
            s.hiddenNodes = numberOrNaN(f[5], path);
            summary.push_back(s);
            continue;
        }
        ExperimentSummary s;
        s.run = f[0];
        s.step = static_cast<int>(numberOrNaN(f[1], path));
        s.kind = f[2];
        s.criterion = f[3];
        s.fraction = numberOrNaN(f[4], path);
        s.seeds = static_cast<int>(numberOrNaN(f[5], path));
        s.accuracyMean = numberOrNaN(f[6], path);
        s.accuracySpread = numberOrNaN(f[7], path);
        s.retrainedMean = numberOrNaN(f[8], path);
        s.retrainedSpread = numberOrNaN(f[9], path);
        s.hiddenNodes = numberOrNaN(f[10], path);
        s.maskTurnover = table.header == 0 ? numberOrNaN(f[11], path) : std::numeric_limits<double>::quiet_NaN();
        summary.push_back(s);
    }
    return summary;
}

std::vector<ExperimentRow> readRowsCsv(const std::string& path)
{
    const std::string header = headerOf(rowsCsv({}));
    std::string withoutTrainable = withMaskedChangedShare(header);
    withoutTrainable.erase(withoutTrainable.find("trainable_parameters,"), std::string("trainable_parameters,").size());
    const Table table = readTable(path, {header, withMaskedChangedShare(header), withoutTrainable});
    const bool older = table.header == 2;
    std::vector<ExperimentRow> rows;
    for (const auto& f : table.rows) {
        std::size_t column = 0;
        const auto next = [&] { return numberOrNaN(f[column++], path); };
        ExperimentRow r;
        r.run = f[column++];
        r.seed = static_cast<std::uint64_t>(next());
        r.step = static_cast<int>(next());
        r.kind = f[column++];
        r.criterion = f[column++];
        r.fraction = next();
        r.epochs = static_cast<int>(next());
        r.testAccuracy = next();
        r.testLoss = next();
        r.accuracySpread = next();
        r.retrainedAccuracy = next();
        r.hiddenNodes = static_cast<int>(next());
        r.parameters = static_cast<long long>(next());
        r.trainableParameters = older ? 0 : static_cast<long long>(next());
        r.seconds = next();
        r.zeroFraction = next();
        r.maskTurnover = next();
        if (table.header != 0)
            r.maskTurnover = std::numeric_limits<double>::quiet_NaN(); // another quantity
        rows.push_back(r);
    }
    return rows;
}

std::vector<ReferencePoint> claimReferences(const ExperimentSpec& spec)
{
    return spec.references.empty() || spec.claims.empty() ? std::vector<ReferencePoint>()
                                                          : readReferenceCsv(spec.references);
}

std::vector<ReferencePoint> readReferenceCsv(const std::string& path)
{
    std::vector<ReferencePoint> points;
    for (const auto& f : readTable(path, {"label,fraction,accuracy,sd"}).rows)
        points.push_back({f[0], numberOrNaN(f[1], path), numberOrNaN(f[2], path), numberOrNaN(f[3], path)});
    return points;
}

} // namespace reciprocal
