#include "core/experiments/SettingsFields.h"

#include "core/data/DatasetCatalog.h"

#include <limits>

namespace reciprocal {

DatasetSpec readDatasetFields(JsonFields dataset)
{
    DatasetSpec spec;
    spec.name = dataset.string("name", "fashion-mnist");
    spec.directory = dataset.string("directory", "");
    spec.trainLimit = static_cast<int>(dataset.integer("train_limit", 0, 1 << 30, 0));
    spec.testLimit = static_cast<int>(dataset.integer("test_limit", 0, 1 << 30, 0));
    spec.validationFraction = dataset.number("validation", 0.0, 0.99, 0.0);
    spec.toySamples = static_cast<int>(dataset.integer("samples", 1, 10'000'000, 1000));
    spec.toyNoise = dataset.number("noise", 0.0, 10.0, 0.1);
    spec.toyClasses = static_cast<int>(dataset.integer("classes", 2, 10, 3));
    spec.seed = static_cast<std::uint64_t>(dataset.integer("seed", 0, 2'000'000'000, 1));
    spec.toyTestRatio = dataset.number("test_ratio", kMinToyTestRatio, kMaxToyTestRatio, 0.25);
    std::string features;
    for (const auto& [element, elementPath] : dataset.array("features", true)) {
        if (!element->is_string())
            dataset.failAt(elementPath, "must be a feature name");
        if (!features.empty())
            features += ',';
        features += element->get<std::string>();
    }
    spec.toyFeatures = parsed(dataset, "features", features, [](const std::string& t) { return parsePlaneFeatures(t); });
    dataset.finish();
    return spec;
}

nlohmann::json datasetJson(const DatasetSpec& d)
{
    std::vector<std::string> features;
    for (const PlaneFeature feature : d.toyFeatures)
        features.emplace_back(planeFeatureName(feature));
    return {{"name", d.name},
            {"directory", d.directory},
            {"train_limit", d.trainLimit},
            {"test_limit", d.testLimit},
            {"validation", d.validationFraction},
            {"samples", d.toySamples},
            {"noise", d.toyNoise},
            {"classes", d.toyClasses},
            {"test_ratio", d.toyTestRatio},
            {"features", features},
            {"seed", d.seed}};
}

void readNetworkFields(JsonFields network, Architecture& architecture, TrainingSettings& training)
{
    architecture.widths = parsed(network, "arch", network.string("arch"), [](const std::string& t) {
        return parseWidths(t);
    });
    architecture.layerKind = parsed(network, "layer", network.string("layer", "spectral2"),
                                    [](const std::string& t) { return parseLayerKind(t); });
    architecture.activation = parsed(network, "activation", network.string("activation", "tanh"),
                                     [](const std::string& t) { return parseActivation(t); });
    architecture.bias = network.boolean("bias", false);
    training.batchSize = static_cast<int>(network.integer("batch", 1, maximumBatchSize, 200));
    training.sparsity = network.number("sparsity", 0.0, 0.999, 0.0);
    training.regularisation = {network.number("l1_eigenvalues", 0.0, maximumRegularisation, 0.0),
                               network.number("l2_eigenvalues", 0.0, maximumRegularisation, 0.0),
                               network.number("l1_eigenvectors", 0.0, maximumRegularisation, 0.0),
                               network.number("l2_eigenvectors", 0.0, maximumRegularisation, 0.0)};
    training.trainableSubset = network.integer("trainable_subset", 0, std::numeric_limits<int>::max(), 0);
    training.sparseMasks = parsed(network, "sparse_masks", network.string("sparse_masks", "dynamic"),
                                  [](const std::string& t) { return parseSparseMasks(t); });
    training.initialisation = parsed(network, "init", network.string("init", "default"),
                                     [&](const std::string& t) {
                                         const Initialisation initialisation = parseInitialisation(t);
                                         checkInitialisation(initialisation, architecture.layerKind);
                                         return initialisation;
                                     });
    network.finish();
}

nlohmann::json networkJson(const Architecture& a, const TrainingSettings& training)
{
    nlohmann::json network{{"arch", a.widthsText()},
                           {"layer", layerKindName(a.layerKind)},
                           {"activation", activationName(a.activation)},
                           {"bias", a.bias},
                           {"batch", training.batchSize},
                           {"sparsity", training.sparsity}};
    const Regularisation& r = training.regularisation;
    for (const auto& [key, value] : {std::pair{"l1_eigenvalues", r.l1Eigenvalues}, std::pair{"l2_eigenvalues", r.l2Eigenvalues},
                                     std::pair{"l1_eigenvectors", r.l1Eigenvectors}, std::pair{"l2_eigenvectors", r.l2Eigenvectors}})
        if (value > 0)
            network[key] = value;
    if (training.trainableSubset > 0)
        network["trainable_subset"] = training.trainableSubset;
    if (training.sparseMasks != SparseMasks::Dynamic)
        network["sparse_masks"] = sparseMasksName(training.sparseMasks);
    if (training.initialisation != Initialisation::Default)
        network["init"] = initialisationName(training.initialisation);
    return network;
}

OptimizerSettings readOptimizer(JsonFields& fields, const OptimizerSettings& base)
{
    OptimizerSettings settings = base;
    if (fields.has("optimizer")) {
        settings.kind = parsed(fields, "optimizer", fields.string("optimizer"), [](const std::string& t) {
            return parseOptimizer(t);
        });
        settings.learningRate = defaultLearningRate(settings.kind);
    }
    settings.learningRate = fields.number("lr", minimumLearningRate, maximumLearningRate, settings.learningRate);
    settings.momentum = fields.number("momentum", 0.0, 0.999999, settings.momentum);
    return settings;
}

} // namespace reciprocal
