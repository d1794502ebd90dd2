#include "core/io/NpzExport.h"

#include "core/data/DatasetCatalog.h"
#include "core/io/NpzArchive.h"
#include "core/io/PlainWeights.h"

#include <nlohmann/json.hpp>

namespace reciprocal {

std::string exportNpz(const Model& model)
{
    const Network<float>& network = model.network;
    const Architecture& architecture = network.architecture();
    NpzArchive archive;
    nlohmann::json layers = nlohmann::json::array();
    for (int k = 0; k < network.layerCount(); ++k) {
        const Layer<float>& layer = network.layer(k);
        const std::string prefix = "layers." + std::to_string(k) + ".";
        archive.addArray(prefix + "weight", plainWeights(network, k));
        archive.addArray(prefix + "bias", plainBias(layer), true);
        for (const NamedTensor& tensor : definingTensors(layer))
            archive.addArray(prefix + tensor.name, *tensor.value, tensor.vector);
        if (layer.nodeMask().size())
            archive.addArray(prefix + "node_mask", layer.nodeMask(), true);
        if (layer.weightMask().size())
            archive.addArray(prefix + "weight_mask", layer.weightMask());
        layers.push_back({{"kind", layerKindName(layer.kind())},
                          {"inputs", layer.inputCount()},
                          {"outputs", layer.outputCount()},
                          {"activation", activationAfter(network, k)}});
    }
    const DatasetFacts* facts = findDataset(model.datasetName);
    nlohmann::json meta{{"format", "reciprocal-npz"},
                        {"version", 1},
                        {"architecture", architecture.widthsText()},
                        {"layer_kind", layerKindName(architecture.layerKind)},
                        {"activation", activationName(architecture.activation)},
                        {"output", "logits; softmax gives the class probabilities"},
                        {"layers", layers},
                        {"dataset", model.datasetName},
                        {"input_layout", facts ? nlohmann::json(facts->inputLayout) : nlohmann::json()},
                        {"class_names", facts && !facts->classNames.empty() ? nlohmann::json(facts->classNames)
                                                                            : nlohmann::json()},
                        {"epoch", model.epoch}};
    archive.addFile("meta.json", meta.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    return archive.bytes();
}

} // namespace reciprocal
