#include "core/io/WeightsExport.h"

#include "core/io/PlainWeights.h"

namespace reciprocal {

namespace {

nlohmann::json toJson(const Matrix<float>& matrix)
{
    if (matrix.size() == 0)
        return nullptr;
    if (matrix.cols() == 1)
        return std::vector<float>(matrix.data(), matrix.data() + matrix.size());
    nlohmann::json rows = nlohmann::json::array();
    for (Eigen::Index i = 0; i < matrix.rows(); ++i) {
        const Eigen::RowVectorXf row = matrix.row(i);
        rows.push_back(std::vector<float>(row.data(), row.data() + row.size()));
    }
    return rows;
}

} // namespace

nlohmann::json exportWeights(const Model& model)
{
    const Network<float>& network = model.network;
    const Architecture& architecture = network.architecture();
    nlohmann::json layers = nlohmann::json::array();
    for (int k = 0; k < network.layerCount(); ++k) {
        const auto& layer = network.layer(k);
        nlohmann::json entry{{"index", k},
                             {"kind", layerKindName(layer.kind())},
                             {"inputs", layer.inputCount()},
                             {"outputs", layer.outputCount()},
                             {"activation", activationAfter(network, k)},
                             {"phi", nullptr},
                             {"lam_in", nullptr},
                             {"lam_out", nullptr},
                             {"bias", toJson(layer.bias())},
                             {"W", toJson(layer.effectiveWeights())},
                             {"node_mask", toJson(layer.nodeMask())},
                             {"weight_mask", toJson(layer.weightMask())}};
        for (const NamedTensor& tensor : definingTensors(layer))
            entry[tensor.name] = toJson(*tensor.value);
        layers.push_back(std::move(entry));
    }
    return {{"format", "reciprocal-weights"},
            {"version", 1},
            {"architecture", architecture.widthsText()},
            {"layer_kind", layerKindName(architecture.layerKind)},
            {"activation", activationName(architecture.activation)},
            {"train", trainModeName(network.trainMode())},
            {"epoch", model.epoch},
            {"layers", std::move(layers)}};
}

} // namespace reciprocal
