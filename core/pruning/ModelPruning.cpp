#include "core/pruning/ModelPruning.h"

#include "core/Error.h"

#include <string>

namespace reciprocal {

namespace {

std::vector<Vector<float>> maskHandPicked(const Network<float>& network, const std::vector<HiddenNode>& nodes)
{
    const int hidden = network.layerCount() - 1;
    std::vector<Vector<float>> masks;
    for (int k = 0; k < hidden; ++k) {
        const Layer<float>& layer = network.layer(k);
        masks.push_back(layer.nodeMask().size() ? layer.nodeMask() : Vector<float>::Ones(layer.outputCount()));
    }
    for (const HiddenNode& picked : nodes) {
        const std::string name = "node " + std::to_string(picked.node) + " of hidden layer " + std::to_string(picked.layer + 1);
        if (picked.layer < 0 || picked.layer >= hidden || picked.node < 0 ||
            picked.node >= masks[static_cast<std::size_t>(picked.layer)].size())
            throw InputError("cannot prune " + name + ": the network has no such node");
        float& kept = masks[static_cast<std::size_t>(picked.layer)](picked.node);
        if (kept == 0.0f)
            throw InputError("cannot prune " + name + ": it is pruned already");
        kept = 0.0f;
    }
    for (int k = 0; k < hidden; ++k)
        if (masks[static_cast<std::size_t>(k)].sum() == 0.0f)
            throw InputError("cannot prune every node of hidden layer " + std::to_string(k + 1));
    return masks;
}

} // namespace

std::vector<Vector<float>> choosePruningMasks(Network<float>& network, const PruningRequest& request)
{
    if (!request.nodes.empty())
        return maskHandPicked(network, request.nodes);
    Random random(request.seed);
    return selectSurvivors(network, nodeScores(network, request.criterion, random), request.fraction,
                           request.perLayer);
}

bool commitPruning(Model& model)
{
    const LayerKind kind = model.network.architecture().layerKind;
    if (kind == LayerKind::Qr || kind == LayerKind::Ssvd)
        return false;
    PrunedModelParts pruned = removeMaskedNodes(model.network, model.optimizer.state());
    model.network = std::move(pruned.network);
    model.optimizer.setState(std::move(pruned.optimizerState));
    return true;
}

} // namespace reciprocal
