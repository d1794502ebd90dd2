#pragma once

#include "core/pruning/NodePruning.h"
#include "core/training/Model.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <optional>
#include <vector>

namespace reciprocal {

// A hidden node picked by hand. Layers are numbered as everywhere in Reciprocal: 0 is the input
// layer, 1 the first hidden layer (the receiving side of transfer 1), L the output layer.
struct HiddenNode {
    int layer = 1;
    int node = 0;
    friend bool operator==(const HiddenNode&, const HiddenNode&) = default;
};

// Which hidden nodes to remove. One of three ways, first match wins: hand-picked nodes, a score
// threshold, or a fraction by the papers' percentile rule.
struct PruningRequest {
    PruningCriterion criterion = PruningCriterion::Spectral;
    double fraction = 0.5; // of the active hidden nodes, pooled over layers unless perLayer
    // Remove every active node whose score is below this (pooled); replaces the fraction. This is
    // what dragging a threshold line over the ranked |lambda| does.
    std::optional<double> threshold;
    bool perLayer = false;
    std::uint64_t seed = 1; // the random criterion's draw (the model's own stream is left alone)
    // When not empty, exactly these nodes go (criterion, threshold and fraction are not used).
    std::vector<HiddenNode> nodes;
    // Rank and silence the input features instead of hidden nodes (core/pruning/InputPruning.h):
    // the fraction is of the active inputs; spectral, connectivity and random criteria only.
    bool inputs = false;

    // The two common requests, by the spectral criterion.
    static PruningRequest removingFraction(double fraction);
    static PruningRequest removingBelow(double threshold);

    bool handPicked() const { return !nodes.empty(); }
    friend bool operator==(const PruningRequest&, const PruningRequest&) = default;
};

// The masks a request selects on the network, which is left unchanged. Throws InputError for a
// fraction outside [0, 1], a non-finite threshold, a hand-picked node that does not exist or is
// already pruned, a request that would leave a hidden layer without nodes, or inputs asked for with
// hand-picked nodes or a threshold.
PruningPlan planPruning(const Network<float>& network, const PruningRequest& request);

// Plan the request and mask its nodes in the network (nothing is removed yet: the preview state).
PruningPlan applyPruning(Network<float>& network, const PruningRequest& request);

// Physically remove the model's masked hidden nodes (see removeMaskedNodes), keeping the optimizer
// moments, random stream, epoch count and history, so that training resumes. Returns false, and
// leaves the masks in place, for layer kinds whose nodes cannot be removed yet (QR, S-SVD).
bool commitPruning(Model& model);

// Both: mask the request's nodes, then remove them where the layer kind allows (silenced inputs stay
// in the network, masked, so that it still reads the dataset).
struct PruningOutcome {
    PruningPlan plan;
    bool removed = false;
};
PruningOutcome pruneModel(Model& model, const PruningRequest& request);

// How retraining after a pruning starts its optimiser. Fresh is what [SR] does (a new model, a new
// Adam: step 0, no moments, so every group gets the start-up bias correction); Continue keeps the
// pruned model's moments and step count (Reciprocal's behaviour before; the application's Retrain).
enum class RetrainOptimizer { Fresh, Continue };
std::string_view retrainOptimizerName(RetrainOptimizer optimizer);
RetrainOptimizer parseRetrainOptimizer(std::string_view name); // throws InputError
std::vector<std::string> retrainOptimizerNames();

// Sets the model up to retrain after `request` pruned it: every layer in `mode`, the optimiser as
// `optimizer` says (same settings either way). Throws InputError for silenced inputs in a model
// trained sparse, whose magnitude masks would bring them back at the first epoch.
void prepareRetraining(Model& model, const PruningRequest& request, TrainMode mode, RetrainOptimizer optimizer);

} // namespace reciprocal
