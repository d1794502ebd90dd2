#include "core/experiments/ExperimentSpec.h"

#include "core/experiments/SettingsFields.h"

#include "core/data/DatasetCatalog.h"

#include "core/Text.h"
#include "core/experiments/JsonFields.h"
#include "core/io/AtomicFile.h"
#include "core/pruning/FractionList.h"
#include "core/pruning/InputPruning.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace reciprocal {

namespace {

// Run a core parser on a field's text and report its complaint against the field.
// A list of fractions: "0.05:0.95:0.05", "0.5,0.9" or [0.5, 0.9].
std::vector<double> readFractions(JsonFields& fields, const std::string& key)
{
    const nlohmann::json* value = fields.raw(key);
    if (!value)
        fields.fail(key, "is missing");
    if (value->is_string())
        return parsed(fields, key, value->get<std::string>(), parseFractionList);
    std::vector<double> fractions;
    for (const auto& [element, path] : fields.array(key)) {
        if (!element->is_number() || element->get<double>() < 0 || element->get<double>() > 1)
            throw InputError("experiment '" + fields.file() + "': " + path + " must be a number in [0, 1]");
        fractions.push_back(element->get<double>());
    }
    if (fractions.empty())
        fields.fail(key, "must not be empty");
    return fractions;
}

std::vector<std::uint64_t> readSeeds(JsonFields& fields, const std::string& key, std::vector<std::uint64_t> fallback)
{
    if (!fields.has(key))
        return fallback;
    std::vector<std::uint64_t> seeds;
    for (const auto& [element, path] : fields.array(key)) {
        if (!element->is_number_integer() || element->get<long long>() < 0)
            throw InputError("experiment '" + fields.file() + "': " + path + " must be a non-negative integer");
        seeds.push_back(element->get<std::uint64_t>());
    }
    if (seeds.empty())
        fields.fail(key, "must not be empty");
    return seeds;
}


NodeParameterAddress readNodeParameterAddress(JsonFields& fields)
{
    NodeParameterAddress address;
    address.transfer = static_cast<int>(fields.integer("layer", 1, 1 << 20));
    address.node = static_cast<int>(fields.integer("node", 0, 1 << 30));
    address.parameter =
        parsed(fields, "param", fields.string("param"), [](const std::string& t) { return parseNodeParameter(t); });
    return address;
}

ExperimentStep readStep(const nlohmann::json& json, const std::string& path, const std::string& file,
                        OptimizerSettings& optimizer)
{
    JsonFields step(json, path, file);
    ExperimentStep result;
    const int kinds = (step.has("train") ? 1 : 0) + (step.has("sweep") ? 1 : 0) + (step.has("prune") ? 1 : 0) +
                      (step.has("set") ? 1 : 0) + (step.has("hold") ? 1 : 0);
    if (kinds != 1)
        throw InputError("experiment '" + file + "': " + path +
                         " must hold exactly one of train, sweep, prune, set, hold");
    if (step.has("train")) {
        JsonFields train = step.object("train");
        result.kind = ExperimentStep::Kind::Train;
        result.train.epochs = static_cast<int>(train.integer("epochs", 0, 100000));
        result.train.mode = parsed(train, "mode", train.string("mode", "full"), [](const std::string& t) {
            return parseTrainMode(t);
        });
        optimizer = readOptimizer(train, optimizer); // later train steps inherit it
        result.train.optimizer = optimizer;
        train.finish();
    } else if (step.has("sweep")) {
        JsonFields sweep = step.object("sweep");
        result.kind = ExperimentStep::Kind::Sweep;
        result.sweep.criteria.clear();
        for (const auto& [element, elementPath] : sweep.array("criteria")) {
            if (!element->is_string())
                throw InputError("experiment '" + file + "': " + elementPath + " must be a criterion name");
            result.sweep.criteria.push_back(parsed(sweep, "criteria", element->get<std::string>(),
                                                   [](const std::string& t) { return parsePruningCriterion(t); }));
        }
        if (result.sweep.criteria.empty())
            sweep.fail("criteria", "must not be empty");
        result.sweep.fractions = readFractions(sweep, "fractions");
        result.sweep.perLayer = sweep.boolean("per_layer", false);
        result.sweep.repeats = static_cast<int>(sweep.integer("repeats", 1, 1000, 5));
        result.sweep.inputs = sweep.boolean("inputs", false);
        if (result.sweep.inputs && !std::ranges::all_of(result.sweep.criteria, ranksInputs))
            sweep.fail("criteria", "rank inputs by spectral, connectivity or random only");
        sweep.finish();
    } else if (step.has("set")) {
        result.kind = ExperimentStep::Kind::Set;
        for (const auto& [element, elementPath] : step.array("set")) {
            JsonFields edit(*element, elementPath, file);
            const NodeParameterAddress address = readNodeParameterAddress(edit);
            result.edits.push_back({address.transfer, address.node, address.parameter,
                                    edit.number("value", -maximumEditValue, maximumEditValue)});
            edit.finish();
        }
        if (result.edits.empty())
            step.fail("set", "must list at least one edit");
    } else if (step.has("hold")) {
        result.kind = ExperimentStep::Kind::Hold;
        for (const auto& [element, elementPath] : step.array("hold")) {
            JsonFields held(*element, elementPath, file);
            result.held.push_back(readNodeParameterAddress(held));
            held.finish();
        }
        const std::size_t named = result.held.size();
        result.held = distinctHeldParameters(std::move(result.held));
        if (result.held.size() != named)
            step.fail("hold", "names a parameter twice");
    } else {
        JsonFields prune = step.object("prune");
        result.kind = ExperimentStep::Kind::Prune;
        result.prune.criterion = parsed(prune, "criterion", prune.string("criterion", "spectral"),
                                        [](const std::string& t) { return parsePruningCriterion(t); });
        for (const auto& [element, elementPath] : prune.array("nodes", true)) {
            JsonFields node(*element, elementPath, file);
            result.prune.nodes.push_back({static_cast<int>(node.integer("layer", 1, 1 << 20)),
                                          static_cast<int>(node.integer("node", 0, 1 << 30))});
            node.finish();
        }
        if (prune.has("threshold"))
            result.prune.threshold = prune.number("threshold", 0.0, 1e30);
        if ((result.prune.nodes.empty() && !result.prune.threshold) || prune.has("fractions"))
            result.prune.fractions = readFractions(prune, "fractions");
        result.prune.perLayer = prune.boolean("per_layer", false);
        result.prune.retrainEpochs = static_cast<int>(prune.integer("retrain_epochs", 0, 100000, 0));
        result.prune.retrainOptimizer =
            parsed(prune, "retrain_optimizer", prune.string("retrain_optimizer", "fresh"),
                   [](const std::string& t) { return parseRetrainOptimizer(t); });
        result.prune.retrainMode = parsed(prune, "retrain_mode", prune.string("retrain_mode", "full"),
                                          [](const std::string& t) { return parseTrainMode(t); });
        result.prune.commit = prune.boolean("commit", false);
        result.prune.inputs = prune.boolean("inputs", false);
        if (result.prune.inputs && (!ranksInputs(result.prune.criterion) || !result.prune.nodes.empty() ||
                                    result.prune.threshold || result.prune.perLayer))
            prune.fail("inputs", "go with a fraction and the spectral, connectivity or random criterion");
        if (!result.prune.nodes.empty() && (!result.prune.commit || !result.prune.fractions.empty()))
            prune.fail("nodes", "go with \"commit\": true and without fractions");
        if (result.prune.threshold && (!result.prune.commit || !result.prune.fractions.empty() ||
                                       !result.prune.nodes.empty()))
            prune.fail("threshold", "goes with \"commit\": true and without fractions or nodes");
        if (result.prune.commit && result.prune.nodes.empty() && !result.prune.threshold &&
            (result.prune.fractions.size() != 1 || result.prune.retrainEpochs > 0))
            prune.fail("commit", "needs exactly one fraction and no retrain_epochs (retrain with a train step after it)");
        prune.finish();
    }
    step.finish();
    return result;
}

// A relative model path in an experiment file is relative to the file's folder.
std::string relativeTo(const std::string& file, const std::string& path)
{
    const std::filesystem::path target(path);
    return target.is_absolute() ? path : (std::filesystem::path(file).parent_path() / target).string();
}

ExperimentRun readRun(const nlohmann::json& json, const std::string& path, const std::string& file)
{
    JsonFields run(json, path, file);
    ExperimentRun result;
    result.name = run.string("name");
    if (run.has("dataset"))
        result.dataset = readDatasetFields(run.object("dataset"));
    if (run.has("model")) {
        result.startModel = relativeTo(file, run.string("model"));
        if (run.has("network"))
            run.fail("network", "does not go with \"model\" (the model file fixes the network)");
    } else
        readNetworkFields(run.object("network"), result.architecture, result.training);
    OptimizerSettings optimizer;
    const auto steps = run.array("steps");
    if (steps.empty())
        run.fail("steps", "must not be empty");
    for (const auto& [element, elementPath] : steps)
        result.steps.push_back(readStep(*element, elementPath, file, optimizer));
    if (result.steps.front().kind != ExperimentStep::Kind::Train)
        run.fail("steps", "must start with a train step");
    run.finish();
    return result;
}

} // namespace

ExperimentSpec parseExperiment(const std::string& text, const std::string& path)
{
    const nlohmann::json json = parseStrictJson(text, "experiment", path);
    JsonFields root(json, "", path);
    root.expectFormat("reciprocal-experiment", 1);
    ExperimentSpec spec;
    spec.id = root.string("id");
    // The id names the output files (<id>.csv in --csv-dir): "../escaped" once wrote outside it.
    const bool safeId = !spec.id.empty() && spec.id.size() <= 100 && spec.id.front() != '.' &&
                        std::all_of(spec.id.begin(), spec.id.end(), [](char c) {
                            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                   c == '.' || c == '_' || c == '-';
                        });
    if (!safeId)
        root.fail("id", "must be a file name part of at most 100 letters, digits, '.', '_' and '-', not starting "
                        "with '.'");
    spec.title = root.string("title");
    spec.description = root.string("description", "");
    for (const auto& [element, elementPath] : root.array("expectations", true)) {
        if (!element->is_string())
            throw InputError("experiment '" + path + "': " + elementPath + " must be a string");
        spec.expectations.push_back(element->get<std::string>());
    }
    spec.seeds = readSeeds(root, "seeds", {1});
    if (root.has("quick")) {
        JsonFields quick = root.object("quick");
        spec.quick.maximumEpochs = static_cast<int>(quick.integer("epochs", 0, 100000, spec.quick.maximumEpochs));
        spec.quick.trainLimit = static_cast<int>(quick.integer("train_limit", 0, 1 << 30, spec.quick.trainLimit));
        spec.quick.testLimit = static_cast<int>(quick.integer("test_limit", 0, 1 << 30, spec.quick.testLimit));
        spec.quick.seeds = readSeeds(quick, "seeds", spec.quick.seeds);
        if (quick.has("fractions"))
            spec.quick.fractions = readFractions(quick, "fractions");
        quick.finish();
    }
    const auto runs = root.array("runs");
    if (runs.empty())
        root.fail("runs", "must not be empty");
    for (const auto& [element, elementPath] : runs)
        spec.runs.push_back(readRun(*element, elementPath, path));
    if (root.has("references"))
        spec.references = relativeTo(path, root.string("references"));
    std::set<std::string> claimIds;
    for (const auto& [element, elementPath] : root.array("claims", true)) {
        JsonFields claim(*element, elementPath, path);
        spec.claims.push_back(readClaim(claim));
        if (!claimIds.insert(spec.claims.back().id).second)
            root.failAt(elementPath, "repeats the claim id '" + spec.claims.back().id + "'");
        const Claim& read = spec.claims.back();
        if (read.test == Claim::Test::WithinReference && spec.references.empty())
            root.failAt(elementPath, "compares with a reference, but the file names no \"references\"");
    }
    root.finish();
    return spec;
}

namespace {

nlohmann::json addressJson(const NodeParameterAddress& address)
{
    return {{"layer", address.transfer}, {"node", address.node}, {"param", nodeParameterName(address.parameter)}};
}

nlohmann::json stepJson(const ExperimentStep& step)
{
    switch (step.kind) {
    case ExperimentStep::Kind::Train:
        return {{"train",
                 {{"epochs", step.train.epochs},
                  {"mode", trainModeName(step.train.mode)},
                  {"optimizer", optimizerName(step.train.optimizer.kind)},
                  {"lr", step.train.optimizer.learningRate},
                  {"momentum", step.train.optimizer.momentum}}}};
    case ExperimentStep::Kind::Sweep: {
        std::vector<std::string> criteria;
        for (const PruningCriterion criterion : step.sweep.criteria)
            criteria.emplace_back(pruningCriterionName(criterion));
        return {{"sweep",
                 {{"criteria", criteria},
                  {"fractions", step.sweep.fractions},
                  {"per_layer", step.sweep.perLayer},
                  {"repeats", step.sweep.repeats},
                  {"inputs", step.sweep.inputs}}}};
    }
    case ExperimentStep::Kind::Prune: {
        nlohmann::json prune = {{"criterion", pruningCriterionName(step.prune.criterion)},
                                {"per_layer", step.prune.perLayer},
                                {"retrain_epochs", step.prune.retrainEpochs},
                                {"retrain_mode", trainModeName(step.prune.retrainMode)},
                                {"retrain_optimizer", retrainOptimizerName(step.prune.retrainOptimizer)},
                                {"commit", step.prune.commit},
                                {"inputs", step.prune.inputs}};
        if (step.prune.threshold)
            prune["threshold"] = *step.prune.threshold;
        else if (step.prune.nodes.empty())
            prune["fractions"] = step.prune.fractions;
        for (const HiddenNode& node : step.prune.nodes)
            prune["nodes"].push_back({{"layer", node.layer}, {"node", node.node}});
        return {{"prune", prune}};
    }
    case ExperimentStep::Kind::Set: {
        nlohmann::json edits = nlohmann::json::array();
        for (const ParameterEdit& edit : step.edits) {
            nlohmann::json json = addressJson(edit.address());
            json["value"] = edit.value;
            edits.push_back(json);
        }
        return {{"set", edits}};
    }
    case ExperimentStep::Kind::Hold: {
        nlohmann::json held = nlohmann::json::array();
        for (const NodeParameterAddress& address : step.held)
            held.push_back(addressJson(address));
        return {{"hold", held}};
    }
    }
    return {};
}

nlohmann::json runJson(const ExperimentRun& run)
{
    nlohmann::json steps = nlohmann::json::array();
    for (const ExperimentStep& step : run.steps)
        steps.push_back(stepJson(step));
    nlohmann::json json = {{"name", run.name},
                           {"dataset", datasetJson(run.dataset)},
                           {"steps", steps}};
    if (!run.startModel.empty())
        json["model"] = run.startModel;
    else
        json["network"] = networkJson(run.architecture, run.training);
    return json;
}

} // namespace

std::string experimentText(const ExperimentSpec& spec)
{
    nlohmann::json runs = nlohmann::json::array();
    for (const ExperimentRun& run : spec.runs)
        runs.push_back(runJson(run));
    nlohmann::json quick = {{"epochs", spec.quick.maximumEpochs},
                            {"train_limit", spec.quick.trainLimit},
                            {"test_limit", spec.quick.testLimit},
                            {"seeds", spec.quick.seeds}};
    if (spec.quick.fractions)
        quick["fractions"] = *spec.quick.fractions;
    nlohmann::json json = {{"format", "reciprocal-experiment"},
                                 {"version", 1},
                                 {"id", spec.id},
                                 {"title", spec.title},
                                 {"description", spec.description},
                                 {"expectations", spec.expectations},
                                 {"seeds", spec.seeds},
                                 {"quick", quick},
                                 {"runs", runs}};
    if (!spec.references.empty())
        json["references"] = spec.references;
    if (!spec.claims.empty()) {
        json["claims"] = nlohmann::json::array();
        for (const Claim& claim : spec.claims)
            json["claims"].push_back(claimJson(claim));
    }
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

PruningRequest PruneStep::request(double fraction, std::uint64_t seed) const
{
    PruningRequest result;
    result.criterion = criterion;
    result.fraction = fraction;
    result.threshold = threshold;
    result.perLayer = perLayer;
    result.seed = seed;
    result.nodes = nodes;
    result.inputs = inputs;
    return result;
}

PruneStep PruneStep::committing(const PruningRequest& request)
{
    PruneStep step;
    step.criterion = request.criterion;
    step.perLayer = request.perLayer;
    step.commit = true;
    step.nodes = request.nodes;
    step.inputs = request.inputs;
    step.threshold = request.handPicked() ? std::nullopt : request.threshold;
    if (!request.handPicked() && !request.threshold)
        step.fractions = {request.fraction};
    return step;
}

ExperimentSpec loadExperiment(const std::string& path)
{
    constexpr std::size_t maximumBytes = std::size_t(16) << 20; // a written experiment is a few kilobytes
    return parseExperiment(readWholeFile(path, maximumBytes), path);
}

ExperimentSpec quickVersion(const ExperimentSpec& spec)
{
    ExperimentSpec quick = spec;
    quick.seeds = spec.quick.seeds;
    quick.claims.clear();
    for (auto& run : quick.runs) {
        run.dataset.trainLimit = spec.quick.trainLimit;
        run.dataset.testLimit = spec.quick.testLimit;
        for (auto& step : run.steps) {
            step.train.epochs = std::min(step.train.epochs, spec.quick.maximumEpochs);
            step.prune.retrainEpochs = std::min(step.prune.retrainEpochs, spec.quick.maximumEpochs);
            if (spec.quick.fractions) {
                step.sweep.fractions = *spec.quick.fractions;
                if (!step.prune.commit) // a committed step prunes one fraction in place
                    step.prune.fractions = *spec.quick.fractions;
            }
        }
    }
    return quick;
}

} // namespace reciprocal
