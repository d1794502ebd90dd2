#include "core/pruning/ModelPruning.h"

#include "core/Error.h"
#include "core/math/NameTable.h"
#include "core/pruning/InputPruning.h"

#include <numeric>
#include <string>

namespace reciprocal {

namespace {

PruningPlan maskHandPicked(const Network<float>& network, const std::vector<HiddenNode>& nodes)
{
    const int hidden = network.layerCount() - 1;
    std::vector<Vector<float>> masks;
    for (int k = 0; k < hidden; ++k) {
        const Layer<float>& layer = network.layer(k);
        masks.push_back(layer.nodeMask().size() ? layer.nodeMask() : Vector<float>::Ones(layer.outputCount()));
    }
    for (const HiddenNode& picked : nodes) {
        const std::string name = "node " + std::to_string(picked.node) + " of hidden layer " + std::to_string(picked.layer);
        const auto index = static_cast<std::size_t>(picked.layer - 1);
        if (picked.layer < 1 || picked.layer > hidden || picked.node < 0 || picked.node >= masks[index].size())
            throw InputError("cannot prune " + name + ": the network has no such node");
        float& kept = masks[index](picked.node);
        if (kept == 0.0f)
            throw InputError("cannot prune " + name + ": it is pruned already");
        kept = 0.0f;
    }
    for (int k = 0; k < hidden; ++k)
        if (masks[static_cast<std::size_t>(k)].sum() == 0.0f)
            throw InputError("cannot prune every node of hidden layer " + std::to_string(k + 1));
    const auto active = network.activeHiddenNodeCounts();
    const double before = std::accumulate(active.begin(), active.end(), 0.0);
    PruningPlan plan;
    plan.masks = std::move(masks);
    plan.removedFraction = static_cast<double>(nodes.size()) / before;
    return plan;
}

} // namespace

PruningRequest PruningRequest::removingFraction(double fraction)
{
    PruningRequest request;
    request.fraction = fraction;
    return request;
}

PruningRequest PruningRequest::removingBelow(double threshold)
{
    PruningRequest request;
    request.threshold = threshold;
    return request;
}

PruningPlan planPruning(const Network<float>& network, const PruningRequest& request)
{
    if (request.inputs && (request.handPicked() || request.threshold))
        throw InputError("inputs are pruned by a fraction, not by hand-picked nodes or a threshold");
    if (request.handPicked())
        return maskHandPicked(network, request.nodes);
    Random random(request.seed);
    if (request.inputs)
        return selectInputs(network, inputScores(network, request.criterion, random), request.fraction);
    const auto scores = nodeScores(network, request.criterion, random);
    return request.threshold ? selectAboveThreshold(network, scores, *request.threshold)
                             : selectSurvivors(network, scores, request.fraction, request.perLayer);
}

PruningPlan applyPruning(Network<float>& network, const PruningRequest& request)
{
    PruningPlan plan = planPruning(network, request);
    if (request.inputs)
        applyInputMask(network, plan.inputMask);
    else
        applyNodeMasks(network, plan.masks);
    return plan;
}

bool commitPruning(Model& model)
{
    const LayerKind kind = model.network.architecture().layerKind;
    if (hasFactorisedEigenvectors(kind))
        return false;
    PrunedModelParts pruned = removeMaskedNodes(model.network, model.optimizer.state());
    model.held = renumberedAfterRemoval(model.held, model.network);
    model.network = std::move(pruned.network);
    model.optimizer.setState(std::move(pruned.optimizerState));
    return true;
}

PruningOutcome pruneModel(Model& model, const PruningRequest& request)
{
    PruningOutcome outcome;
    outcome.plan = applyPruning(model.network, request);
    outcome.removed = !request.inputs && commitPruning(model);
    return outcome;
}

namespace {

constexpr NameTable<RetrainOptimizer, 2> retrainOptimizers{{{
    {RetrainOptimizer::Fresh, "fresh"},
    {RetrainOptimizer::Continue, "continue"},
}}};

} // namespace

std::string_view retrainOptimizerName(RetrainOptimizer optimizer) { return retrainOptimizers.name(optimizer); }
RetrainOptimizer parseRetrainOptimizer(std::string_view name)
{
    return retrainOptimizers.parse(name, "retrain optimiser");
}
std::vector<std::string> retrainOptimizerNames() { return retrainOptimizers.names(); }

void prepareRetraining(Model& model, const PruningRequest& request, TrainMode mode, RetrainOptimizer optimizer)
{
    if (request.inputs && model.training.sparsity > 0.0)
        throw InputError("silenced inputs cannot be retrained in a sparse-trained model: its magnitude masks would "
                         "bring them back (prune its inputs without retraining)");
    model.network.setTrainMode(mode);
    if (optimizer == RetrainOptimizer::Fresh)
        model.optimizer = Optimizer<float>(model.optimizer.settings());
}

} // namespace reciprocal
