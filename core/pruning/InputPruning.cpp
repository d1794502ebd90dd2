#include "core/pruning/InputPruning.h"

#include "core/Error.h"
#include "core/Format.h"

namespace reciprocal {

bool ranksInputs(PruningCriterion criterion)
{
    return criterion == PruningCriterion::Spectral || criterion == PruningCriterion::Connectivity ||
           criterion == PruningCriterion::Random;
}

Vector<float> inputScores(const Network<float>& network, PruningCriterion criterion, Random& random)
{
    if (!ranksInputs(criterion))
        throw InputError("the " + std::string(pruningCriterionName(criterion)) +
                         " criterion ranks hidden nodes; inputs are ranked by spectral, connectivity or random");
    const Layer<float>& first = network.layer(0);
    if (criterion == PruningCriterion::Connectivity)
        return first.effectiveWeights().cwiseAbs().colwise().sum().transpose();
    if (criterion == PruningCriterion::Random) {
        Vector<float> scores(first.inputCount());
        for (Eigen::Index j = 0; j < scores.size(); ++j)
            scores(j) = static_cast<float>(random.uniform());
        return scores;
    }
    const Matrix<float>& lamIn = spectralLayerFor(first, criterion).inputEigenvalues();
    if (lamIn.size() == 0)
        throw InputError("ranking inputs by the spectral criterion needs eigenvalues of the input nodes (two "
                         "sets: spectral2, qr, ssvd); one-set layers have none (use connectivity or random)");
    return lamIn.col(0).cwiseAbs();
}

Vector<float> activeInputs(const Network<float>& network)
{
    const Layer<float>& first = network.layer(0);
    if (first.weightMask().size() == 0)
        return Vector<float>::Ones(first.inputCount());
    return (first.weightMask().cwiseAbs().colwise().sum().array() > 0.0f).cast<float>().transpose();
}

PruningPlan selectInputs(const Network<float>& network, const Vector<float>& scores, double fraction)
{
    if (!(fraction >= 0.0 && fraction <= 1.0))
        throw InputError("pruning fraction must be in [0, 1] (got " + formatNumber(fraction) + ")");
    const Vector<float> active = activeInputs(network);
    std::vector<double> pool;
    for (Eigen::Index j = 0; j < active.size(); ++j)
        if (active(j) != 0.0f)
            pool.push_back(scores(j));
    PruningPlan plan;
    const double threshold = pool.empty() ? 0.0 : percentile(pool, 100.0 * fraction);
    plan.thresholds = {threshold};
    plan.inputMask = active;
    long long removed = 0;
    for (Eigen::Index j = 0; j < active.size(); ++j)
        if (active(j) != 0.0f && scores(j) < threshold) {
            plan.inputMask(j) = 0.0f;
            ++removed;
        }
    plan.removedFraction = pool.empty() ? 0.0 : static_cast<double>(removed) / static_cast<double>(pool.size());
    return plan;
}

void applyInputMask(Network<float>& network, const Vector<float>& inputMask)
{
    Layer<float>& first = network.layer(0);
    Matrix<float> mask = first.weightMask().size() ? first.weightMask()
                                                    : Matrix<float>::Ones(first.outputCount(), first.inputCount());
    mask *= inputMask.asDiagonal();
    first.setWeightMask(mask);
}

} // namespace reciprocal
