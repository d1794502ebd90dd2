#include "core/experiments/Shards.h"

#include "core/Error.h"
#include "core/experiments/JsonFields.h"
#include "core/io/AtomicFile.h"
#include "core/io/Checksum.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>

namespace reciprocal {

namespace {

constexpr const char* shardFormat = "reciprocal-experiment-shard";
constexpr long long shardVersion = 1;
constexpr int maximumShards = 100000;
// A shard of thousands of sweep rows takes a few megabytes; anything far larger is not one.
constexpr std::size_t maximumShardBytes = std::size_t(512) << 20;
constexpr std::size_t maximumExperimentBytes = std::size_t(16) << 20;

double numberOrNaN(JsonFields& fields, const std::string& key)
{
    const nlohmann::json* value = fields.raw(key);
    if (!value)
        fields.fail(key, "is missing");
    if (value->is_null())
        return std::numeric_limits<double>::quiet_NaN();
    if (!value->is_number())
        fields.fail(key, "must be a number or null");
    return value->get<double>();
}

nlohmann::json rowJson(const ExperimentRow& row)
{
    return {{"run", row.run},
            {"seed", row.seed},
            {"step", row.step},
            {"kind", row.kind},
            {"criterion", row.criterion},
            {"fraction", jsonNumber(row.fraction)},
            {"epochs", row.epochs},
            {"test_accuracy", jsonNumber(row.testAccuracy)},
            {"test_loss", jsonNumber(row.testLoss)},
            {"accuracy_spread", jsonNumber(row.accuracySpread)},
            {"retrained_accuracy", jsonNumber(row.retrainedAccuracy)},
            {"hidden_nodes", row.hiddenNodes},
            {"parameters", row.parameters},
            {"trainable_parameters", row.trainableParameters},
            {"seconds", jsonNumber(row.seconds)},
            {"zero_fraction", jsonNumber(row.zeroFraction)},
            {"mask_turnover", jsonNumber(row.maskTurnover)}};
}

ExperimentRow readRow(JsonFields& fields)
{
    constexpr long long most = std::numeric_limits<int>::max();
    ExperimentRow row;
    row.run = fields.string("run");
    row.seed = static_cast<std::uint64_t>(fields.integer("seed", 0, std::numeric_limits<std::int64_t>::max()));
    row.step = static_cast<int>(fields.integer("step", 0, most));
    row.kind = fields.string("kind");
    row.criterion = fields.string("criterion");
    row.fraction = numberOrNaN(fields, "fraction");
    row.epochs = static_cast<int>(fields.integer("epochs", 0, most));
    row.testAccuracy = numberOrNaN(fields, "test_accuracy");
    row.testLoss = numberOrNaN(fields, "test_loss");
    row.accuracySpread = numberOrNaN(fields, "accuracy_spread");
    row.retrainedAccuracy = numberOrNaN(fields, "retrained_accuracy");
    row.hiddenNodes = static_cast<int>(fields.integer("hidden_nodes", 0, most));
    row.parameters = fields.integer("parameters", 0, std::numeric_limits<long long>::max());
    row.trainableParameters = fields.integer("trainable_parameters", 0, std::numeric_limits<long long>::max());
    row.seconds = numberOrNaN(fields, "seconds");
    row.zeroFraction = numberOrNaN(fields, "zero_fraction");
    row.maskTurnover = numberOrNaN(fields, "mask_turnover");
    fields.finish();
    return row;
}

std::string joined(const std::vector<int>& numbers)
{
    std::string text;
    for (const int number : numbers)
        text += (text.empty() ? "" : ", ") + std::to_string(number);
    return text;
}

} // namespace

ShardSelection parseShardSelection(std::string_view text)
{
    const auto bad = [&] {
        return InputError("--shard must be K/N with 1 <= K <= N <= " + std::to_string(maximumShards) + " (got '" +
                          std::string(text) + "')");
    };
    const std::size_t slash = text.find('/');
    if (slash == std::string_view::npos)
        throw bad();
    ShardSelection shard;
    const auto read = [&](std::string_view part, int& value) {
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (error != std::errc() || end != part.data() + part.size())
            throw bad();
    };
    read(text.substr(0, slash), shard.index);
    read(text.substr(slash + 1), shard.count);
    if (shard.index < 1 || shard.count > maximumShards || shard.index > shard.count)
        throw bad();
    return shard;
}

std::vector<ExperimentUnit> shardUnits(const ExperimentSpec& spec, ShardSelection shard)
{
    const std::vector<ExperimentUnit> all = experimentUnits(spec);
    std::vector<ExperimentUnit> units;
    for (std::size_t i = static_cast<std::size_t>(shard.index - 1); i < all.size(); i += static_cast<std::size_t>(shard.count))
        units.push_back(all[i]);
    return units;
}

ExperimentIdentity identifyExperiment(const std::string& file, const ExperimentSpec& spec, bool quick)
{
    return {spec.id, std::filesystem::absolute(file).lexically_normal().string(),
            crc32(readWholeFile(file, maximumExperimentBytes)), quick};
}

std::string shardFileName(const std::string& id, ShardSelection shard)
{
    return id + "-shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) + ".json";
}

std::string shardJson(const ShardResult& result)
{
    nlohmann::json units = nlohmann::json::array();
    for (const ExperimentUnit& unit : result.units)
        units.push_back({{"seed", unit.seed}, {"run", unit.run}});
    nlohmann::json rows = nlohmann::json::array();
    for (const ExperimentRow& row : result.rows)
        rows.push_back(rowJson(row));
    const nlohmann::json json{{"format", shardFormat},
                              {"version", shardVersion},
                              {"experiment",
                               {{"id", result.experiment.id},
                                {"file", result.experiment.file},
                                {"crc32", result.experiment.crc32},
                                {"quick", result.experiment.quick}}},
                              {"shard", result.shard.index},
                              {"shards", result.shard.count},
                              {"units", units},
                              {"rows", rows}};
    return json.dump(1) + "\n";
}

ShardResult readShardFile(const std::string& path)
{
    const nlohmann::json json = parseStrictJson(readWholeFile(path, maximumShardBytes), "shard", path);
    JsonFields root(json, "", path, "shard");
    root.expectFormat(shardFormat, shardVersion);
    ShardResult result;
    JsonFields experiment = root.object("experiment");
    result.experiment.id = experiment.string("id");
    result.experiment.file = experiment.string("file");
    result.experiment.crc32 = static_cast<std::uint32_t>(experiment.integer("crc32", 0, 0xffffffffLL));
    result.experiment.quick = experiment.boolean("quick", false);
    experiment.finish();
    result.shard.count = static_cast<int>(root.integer("shards", 1, maximumShards));
    result.shard.index = static_cast<int>(root.integer("shard", 1, result.shard.count));
    for (const auto& [element, elementPath] : root.array("units")) {
        JsonFields unit(*element, elementPath, path, "shard");
        result.units.push_back({static_cast<std::uint64_t>(unit.integer("seed", 0, std::numeric_limits<std::int64_t>::max())),
                                static_cast<std::size_t>(unit.integer("run", 0, std::numeric_limits<int>::max()))});
        unit.finish();
    }
    for (const auto& [element, elementPath] : root.array("rows")) {
        JsonFields row(*element, elementPath, path, "shard");
        result.rows.push_back(readRow(row));
    }
    root.finish();
    return result;
}

MergedShards mergeShards(const std::string& directory)
{
    if (!std::filesystem::is_directory(directory))
        throw InputError("cannot merge '" + directory + "': not a directory");
    std::vector<std::pair<std::string, ShardResult>> shards;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        const std::string name = entry.path().filename().string();
        if (name.find("-shard-") != std::string::npos && name.ends_with(".json"))
            shards.emplace_back(entry.path().string(), readShardFile(entry.path().string()));
    }
    if (shards.empty())
        throw InputError("cannot merge '" + directory + "': it holds no shard files (<id>-shard-K-of-N.json)");
    std::sort(shards.begin(), shards.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto& [firstPath, first] = shards.front();
    std::map<int, std::string> byIndex;
    for (const auto& [path, shard] : shards) {
        const auto describe = [](const ShardResult& of) {
            return of.experiment.file + (of.experiment.quick ? " --quick" : "");
        };
        if (!(shard.experiment == first.experiment))
            throw InputError("cannot merge '" + directory + "': '" + path + "' is of " + describe(shard) + ", '" +
                             firstPath + "' of " + describe(first) +
                             (shard.experiment.file == first.experiment.file && shard.experiment.quick == first.experiment.quick
                                  ? " as the file was before it changed"
                                  : "") +
                             ": one experiment per directory");
        if (shard.shard.count != first.shard.count)
            throw InputError("cannot merge '" + directory + "': '" + path + "' is one of " +
                             std::to_string(shard.shard.count) + " shards, '" + firstPath + "' one of " +
                             std::to_string(first.shard.count) + ": one split per directory");
        if (byIndex.contains(shard.shard.index))
            throw InputError("cannot merge '" + directory + "': shard " + std::to_string(shard.shard.index) +
                             " is there twice ('" + byIndex[shard.shard.index] + "', '" + path + "')");
        byIndex[shard.shard.index] = path;
    }
    std::vector<int> missing;
    for (int index = 1; index <= first.shard.count; ++index)
        if (!byIndex.contains(index))
            missing.push_back(index);
    if (!missing.empty())
        throw InputError("cannot merge '" + directory + "': shard" + (missing.size() > 1 ? "s " : " ") + joined(missing) +
                         " of " + std::to_string(first.shard.count) + (missing.size() > 1 ? " are" : " is") +
                         " missing (run " + (missing.size() > 1 ? "each" : "it") + " again with --shard " +
                         std::to_string(missing.front()) + "/" + std::to_string(first.shard.count) +
                         (missing.size() > 1 ? ", ..." : "") + ")");

    // The experiment as it is now must be the one the shards ran: the same bytes, the same units.
    ExperimentSpec spec = loadExperiment(first.experiment.file);
    if (first.experiment.quick)
        spec = quickVersion(spec);
    if (!(identifyExperiment(first.experiment.file, spec, first.experiment.quick) == first.experiment))
        throw InputError("cannot merge '" + directory + "': " + first.experiment.file +
                         " changed since its shards ran (its CRC-32 differs); run them again");
    const std::vector<ExperimentUnit> units = experimentUnits(spec);
    std::map<std::pair<std::uint64_t, std::string>, std::vector<const ExperimentRow*>> rowsOfUnit;
    for (const auto& [path, shard] : shards) {
        if (shard.units != shardUnits(spec, shard.shard))
            throw InputError("cannot merge '" + directory + "': '" + path + "' does not hold the units of shard " +
                             std::to_string(shard.shard.index) + " of " + std::to_string(shard.shard.count));
        for (const ExperimentRow& row : shard.rows) {
            const bool ownUnit = std::ranges::any_of(shard.units, [&](const ExperimentUnit& unit) {
                return unit.seed == row.seed && spec.runs[unit.run].name == row.run;
            });
            if (!ownUnit)
                throw InputError("cannot merge '" + directory + "': '" + path + "' holds a row of run '" + row.run +
                                 "', seed " + std::to_string(row.seed) + ", which is not one of its units");
            rowsOfUnit[{row.seed, row.run}].push_back(&row);
        }
    }
    MergedShards merged{first.experiment, spec, first.shard.count, {}};
    for (const ExperimentUnit& unit : units)
        for (const ExperimentRow* row : rowsOfUnit[{unit.seed, spec.runs[unit.run].name}])
            merged.rows.push_back(*row);
    return merged;
}

} // namespace reciprocal
