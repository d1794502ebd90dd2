#include "core/pruning/ModelPruning.h"

namespace reciprocal {

std::vector<Vector<float>> choosePruningMasks(Network<float>& network, const PruningRequest& request)
{
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
