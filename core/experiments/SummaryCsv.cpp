#include "core/experiments/SummaryCsv.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/io/AtomicFile.h"
#include "core/io/CsvText.h"

#include <cmath>
#include <limits>

namespace reciprocal {

namespace {

// The records after a header that must match, RFC 4180 (core/io/CsvText.h).
std::vector<std::vector<std::string>> readTable(const std::string& path, const std::string& header)
{
    constexpr std::size_t maximumBytes = std::size_t(256) << 20; // 5,000 runs take about a megabyte
    std::vector<std::vector<std::string>> rows = parseCsvRecords(readWholeFile(path, maximumBytes), path);
    const auto columns = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',') + 1);
    const auto joined = [](const std::vector<std::string>& fields) {
        std::string line;
        for (std::size_t i = 0; i < fields.size(); ++i)
            line += (i ? "," : "") + fields[i];
        return line;
    };
    if (rows.empty() || rows.front().size() != columns || joined(rows.front()) != header)
        throw InputError("'" + path + "' does not start with the header '" + header + "'");
    rows.erase(rows.begin());
    for (std::size_t record = 0; record < rows.size(); ++record) {
        if (rows[record].size() != columns)
            throw InputError(path + ": record " + std::to_string(record + 1) + ": " +
                             std::to_string(rows[record].size()) + " fields, expected " + std::to_string(columns));
    }
    return rows;
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
    const std::string header = summaryCsv({}).substr(0, summaryCsv({}).size() - 1);
    std::vector<ExperimentSummary> summary;
    for (const auto& f : readTable(path, header)) {
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
        s.maskedChangedShare = numberOrNaN(f[11], path);
        summary.push_back(s);
    }
    return summary;
}

std::vector<ExperimentRow> readRowsCsv(const std::string& path)
{
    const std::string header = rowsCsv({}).substr(0, rowsCsv({}).size() - 1);
    const std::string withoutTrainable = "run,seed,step,kind,criterion,fraction,epochs,test_accuracy,test_loss,"
                                         "accuracy_spread,retrained_accuracy,hidden_nodes,parameters,seconds,"
                                         "zero_fraction,masked_changed_share";
    bool older = false;
    std::vector<std::vector<std::string>> table;
    try {
        table = readTable(path, header);
    } catch (const InputError& error) {
        try {
            table = readTable(path, withoutTrainable);
            older = true;
        } catch (const InputError&) {
            throw error; // the current format's complaint
        }
    }
    std::vector<ExperimentRow> rows;
    for (const auto& f : table) {
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
        r.maskedChangedShare = next();
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
    for (const auto& f : readTable(path, "label,fraction,accuracy,sd"))
        points.push_back({f[0], numberOrNaN(f[1], path), numberOrNaN(f[2], path), numberOrNaN(f[3], path)});
    return points;
}

} // namespace reciprocal
