#include "core/pruning/NodePruning.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/layers/SpectralLayer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reciprocal {

namespace {

std::vector<int> activeNodes(const Layer<float>& layer)
{
    std::vector<int> active;
    for (int node = 0; node < layer.outputCount(); ++node)
        if (layer.isNodeActive(node))
            active.push_back(node);
    return active;
}

std::vector<int> allNodes(int count)
{
    std::vector<int> nodes(static_cast<std::size_t>(count));
    std::iota(nodes.begin(), nodes.end(), 0);
    return nodes;
}

// The active nodes of every hidden layer; throws InputError for a network without hidden layers.
std::vector<std::vector<int>> activeHiddenNodes(const Network<float>& network)
{
    const int hidden = network.layerCount() - 1;
    if (hidden < 1)
        throw InputError("a network without hidden layers has no nodes to prune");
    std::vector<std::vector<int>> active;
    for (int k = 0; k < hidden; ++k)
        active.push_back(activeNodes(network.layer(k)));
    return active;
}

// Masks that keep the active nodes scoring at least their layer's threshold.
PruningPlan maskBelow(const Network<float>& network, const std::vector<std::vector<int>>& active,
                      const std::vector<Vector<float>>& scores, std::vector<double> thresholds)
{
    PruningPlan plan;
    long long before = 0;
    long long removed = 0;
    for (std::size_t k = 0; k < active.size(); ++k) {
        Vector<float> mask = Vector<float>::Zero(network.layer(static_cast<int>(k)).outputCount());
        for (const int node : active[k]) {
            mask(node) = scores[k](node) < thresholds[k] ? 0.0f : 1.0f;
            removed += mask(node) == 0.0f ? 1 : 0;
        }
        before += static_cast<long long>(active[k].size());
        plan.masks.push_back(mask);
    }
    plan.thresholds = std::move(thresholds);
    plan.removedFraction = before ? static_cast<double>(removed) / static_cast<double>(before) : 0.0;
    return plan;
}

// Cut a parameter (or its optimizer moment) of a layer down to the kept receiving rows and emitting
// columns, by what the group is: W-shaped groups lose both, per-receiving-node vectors lose rows,
// lam_in (per emitting node) loses entries.
Matrix<float> cutDown(const Matrix<float>& value, const std::string& name, const std::vector<int>& rows,
                      const std::vector<int>& columns)
{
    if (value.size() == 0)
        return value;
    if (name == "W" || name == "phi")
        return value(rows, columns);
    if (name == "lam_in")
        return value(columns, Eigen::all);
    return value(rows, Eigen::all); // lam_out, bias
}

// |lam_in| of the transfer out of hidden layer `k` + 1: its nodes' emitting eigenvalues.
Vector<float> emittingEigenvalues(const Network<float>& network, int k, PruningCriterion criterion)
{
    const SpectralLayer<float>& next = spectralLayerFor(network.layer(k + 1), criterion);
    if (next.inputEigenvalues().size() == 0)
        throw InputError("the " + std::string(pruningCriterionName(criterion)) +
                         " criterion needs two eigenvalue sets (spectral2, qr, ssvd); one-set layers have no "
                         "lam_in (use spectral)");
    return next.inputEigenvalues().col(0).cwiseAbs();
}

} // namespace

const SpectralLayer<float>& spectralLayerFor(const Layer<float>& layer, PruningCriterion criterion)
{
    const auto* spectral = dynamic_cast<const SpectralLayer<float>*>(&layer);
    if (!spectral)
        throw InputError("the " + std::string(pruningCriterionName(criterion)) +
                         " criterion needs spectral layers; this network's are " +
                         std::string(layerKindName(layer.kind())) + " (use connectivity or random)");
    return *spectral;
}

std::vector<Vector<float>> nodeScores(const Network<float>& network, PruningCriterion criterion, Random& random)
{
    std::vector<Vector<float>> scores;
    for (int k = 0; k + 1 < network.layerCount(); ++k) {
        const auto& layer = network.layer(k);
        Vector<float> score(layer.outputCount());
        switch (criterion) {
        case PruningCriterion::Spectral:
        case PruningCriterion::SpectralDescending:
            score = spectralLayerFor(layer, criterion).outputEigenvalues().col(0).cwiseAbs();
            if (criterion == PruningCriterion::SpectralDescending)
                score = -score;
            break;
        case PruningCriterion::SpectralEmitter:
            score = emittingEigenvalues(network, k, criterion);
            break;
        case PruningCriterion::SpectralCombined:
            score = spectralLayerFor(layer, criterion).outputEigenvalues().col(0).cwiseAbs().cwiseProduct(
                emittingEigenvalues(network, k, criterion));
            break;
        case PruningCriterion::Connectivity:
            score = layer.effectiveWeights().cwiseAbs().rowwise().sum();
            break;
        case PruningCriterion::WeightNorm:
            score = layer.effectiveWeights().rowwise().norm();
            break;
        case PruningCriterion::Random:
            for (Eigen::Index i = 0; i < score.size(); ++i)
                score(i) = static_cast<float>(random.uniform());
            break;
        }
        scores.push_back(score);
    }
    return scores;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        throw InputError("percentile of no values");
    std::sort(values.begin(), values.end());
    const double position = p / 100.0 * static_cast<double>(values.size() - 1);
    const auto lower = static_cast<std::size_t>(std::floor(position));
    const auto upper = std::min(lower + 1, values.size() - 1);
    return values[lower] + (values[upper] - values[lower]) * (position - static_cast<double>(lower));
}

PruningPlan selectSurvivors(const Network<float>& network, const std::vector<Vector<float>>& scores,
                            double fraction, bool perLayer)
{
    if (!(fraction >= 0.0 && fraction <= 1.0))
        throw InputError("pruning fraction must be in [0, 1] (got " + formatNumber(fraction) + ")");
    const auto active = activeHiddenNodes(network);
    const int hidden = static_cast<int>(active.size());
    const auto percentileOf = [&](int firstLayer, int lastLayer) {
        std::vector<double> pool;
        for (int k = firstLayer; k <= lastLayer; ++k)
            for (const int node : active[static_cast<std::size_t>(k)])
                pool.push_back(scores[static_cast<std::size_t>(k)](node));
        return pool.empty() ? 0.0 : percentile(pool, 100.0 * fraction);
    };
    std::vector<double> thresholds;
    const double pooled = perLayer ? 0.0 : percentileOf(0, hidden - 1);
    for (int k = 0; k < hidden; ++k)
        thresholds.push_back(perLayer ? percentileOf(k, k) : pooled);
    return maskBelow(network, active, scores, thresholds);
}

PruningPlan selectAboveThreshold(const Network<float>& network, const std::vector<Vector<float>>& scores,
                                 double threshold)
{
    if (!std::isfinite(threshold))
        throw InputError("pruning threshold must be a finite number (got " + formatNumber(threshold) + ")");
    const auto active = activeHiddenNodes(network);
    return maskBelow(network, active, scores, std::vector<double>(active.size(), threshold));
}

void applyNodeMasks(Network<float>& network, const std::vector<Vector<float>>& masks)
{
    for (std::size_t k = 0; k < masks.size(); ++k)
        network.setNodeMask(static_cast<int>(k), masks[k]);
}

PrunedModelParts removeMaskedNodes(Network<float>& network, const OptimizerState<float>& optimizerState)
{
    Architecture architecture = network.architecture();
    if (hasFactorisedEigenvectors(architecture.layerKind))
        throw InputError("removing nodes of " + std::string(layerKindName(architecture.layerKind)) +
                         " layers is not supported yet (their factorised eigenvectors are not cut down); "
                         "masking them works");
    const int last = network.layerCount() - 1;
    std::vector<std::vector<int>> kept;
    for (int k = 0; k < last; ++k) {
        kept.push_back(activeNodes(network.layer(k)));
        if (kept.back().empty())
            throw InputError("pruning would remove every node of hidden layer " + std::to_string(k + 1) +
                             "; choose a smaller fraction or prune per layer");
        architecture.widths[static_cast<std::size_t>(k + 1)] = static_cast<int>(kept.back().size());
    }

    PrunedModelParts result{Network<float>(architecture), {optimizerState.step, {}, {}}};
    result.network.setTrainMode(network.trainMode());
    std::size_t parameterIndex = 0;
    for (int k = 0; k <= last; ++k) {
        auto& from = network.layer(k);
        auto& to = result.network.layer(k);
        const std::vector<int> rows = k < last ? kept[static_cast<std::size_t>(k)] : allNodes(from.outputCount());
        const std::vector<int> columns = k > 0 ? kept[static_cast<std::size_t>(k - 1)] : allNodes(from.inputCount());
        auto source = from.parameters();
        auto target = to.parameters();
        for (std::size_t i = 0; i < source.size(); ++i, ++parameterIndex) {
            *target[i].value = cutDown(*source[i].value, source[i].name, rows, columns);
            for (auto [moments, cut] : {std::pair{&optimizerState.first, &result.optimizerState.first},
                                        std::pair{&optimizerState.second, &result.optimizerState.second}})
                if (parameterIndex < moments->size())
                    cut->push_back(cutDown((*moments)[parameterIndex], source[i].name, rows, columns));
        }
        if (from.weightMask().size() != 0)
            to.setWeightMask(from.weightMask()(rows, columns));
        to.refresh();
    }
    return result;
}

long long forwardMultiplyAdds(const Network<float>& network, const std::vector<int>& activeHiddenNodes)
{
    long long total = 0;
    long long inputs = network.architecture().inputWidth();
    for (const int outputs : activeHiddenNodes) {
        total += inputs * outputs;
        inputs = outputs;
    }
    return total + inputs * network.architecture().outputWidth();
}

long long forwardMultiplyAdds(const Network<float>& network)
{
    return forwardMultiplyAdds(network, network.activeHiddenNodeCounts());
}

} // namespace reciprocal
