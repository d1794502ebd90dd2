// SPDX-License-Identifier: MIT
// Input-feature relevance: inputs ranked by |lam_in| of the first transfer (or a baseline), the
// papers' percentile rule over the inputs, and a silenced input that is exactly a zero feature,
// before and during retraining.
#include "InputErrorCapture.h"
#include "core/Error.h"
#include "core/pruning/InputPruning.h"
#include "core/pruning/ModelPruning.h"
#include "core/training/Model.h"
#include "core/training/Trainer.h"

#include <QTest>

using namespace reciprocal;
using testsupport::contains;
using testsupport::inputErrorOf;

namespace {

// A 4-3-2 two-set spectral net whose input eigenvalues are set by hand.
Network<float> netWithInputEigenvalues(std::initializer_list<float> lamIn)
{
    Network<float> network(Architecture{{4, 3, 2}, LayerKind::Spectral2, Activation::Tanh, false});
    Random random(1);
    network.initialise(random);
    auto parameters = network.layer(0).parameters(); // phi, lam_in, lam_out
    Eigen::Index j = 0;
    for (const float value : lamIn)
        (*parameters[1].value)(j++, 0) = value;
    network.layer(0).refresh();
    return network;
}

Dataset smallDataset(int features, int samples)
{
    Dataset data;
    data.features = Matrix<float>::Random(features, samples);
    data.classCount = 2;
    for (int i = 0; i < samples; ++i)
        data.labels.push_back(i % 2);
    return data;
}

} // namespace

class InputPruningTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scoresAreInputEigenvaluesOrColumnSums();
    void papersPercentileRuleOverTheInputs();
    void silencedInputIsAZeroFeature();
    void silencedInputsStaySilentThroughRetraining();
    void refusals();
};

void InputPruningTest::scoresAreInputEigenvaluesOrColumnSums()
{
    const Network<float> network = netWithInputEigenvalues({0.5f, -2.0f, 0.1f, 1.0f});
    Random random(7);
    const Vector<float> spectral = inputScores(network, PruningCriterion::Spectral, random);
    QCOMPARE(spectral.size(), Eigen::Index(4));
    QCOMPARE(spectral(1), 2.0f);
    QCOMPARE(spectral(2), 0.1f);
    const Vector<float> connectivity = inputScores(network, PruningCriterion::Connectivity, random);
    for (int j = 0; j < 4; ++j)
        QCOMPARE(connectivity(j), network.layer(0).effectiveWeights().col(j).cwiseAbs().sum());
    // random scores are reproducible from the seed and differ between seeds
    Random other(8);
    Random first(7);
    Random second(7);
    QVERIFY(inputScores(network, PruningCriterion::Random, first) == inputScores(network, PruningCriterion::Random, second));
    QVERIFY(inputScores(network, PruningCriterion::Random, first) != inputScores(network, PruningCriterion::Random, other));
}

void InputPruningTest::papersPercentileRuleOverTheInputs()
{
    Network<float> network = netWithInputEigenvalues({0.5f, -2.0f, 0.1f, 1.0f});
    PruningRequest request = PruningRequest::removingFraction(0.5);
    request.inputs = true;
    // numpy's 50th percentile of {0.1, 0.5, 1, 2} is 0.75: inputs 0 and 2 score below it
    const PruningPlan plan = applyPruning(network, request);
    QVERIFY(plan.masks.empty());
    QCOMPARE(plan.thresholds.size(), std::size_t(1));
    QCOMPARE(plan.thresholds.front(), 0.75);
    QCOMPARE(plan.removedFraction, 0.5);
    QVERIFY(plan.inputMask == (Vector<float>(4) << 0, 1, 0, 1).finished());
    QVERIFY(activeInputs(network) == plan.inputMask);
    // a second pruning ranks only the inputs left: half of {1, 2} goes, the silenced stay silenced
    const PruningPlan again = applyPruning(network, request);
    QVERIFY(again.inputMask == (Vector<float>(4) << 0, 1, 0, 0).finished());
    QCOMPARE(again.removedFraction, 0.5);
    // hidden nodes are untouched
    QCOMPARE(network.activeHiddenNodeCounts(), std::vector<int>{3});
}

void InputPruningTest::silencedInputIsAZeroFeature()
{
    Network<float> network = netWithInputEigenvalues({0.5f, -2.0f, 0.1f, 1.0f});
    const Matrix<float> input = Matrix<float>::Random(4, 6);
    const Matrix<float> original = network.forward(input);
    applyInputMask(network, (Vector<float>(4) << 1, 0, 1, 0).finished());
    Matrix<float> zeroed = input;
    zeroed.row(1).setZero();
    zeroed.row(3).setZero();
    const Matrix<float> silenced = network.forward(input);
    QVERIFY(silenced.isApprox(network.forward(zeroed)));
    QVERIFY(!silenced.isApprox(original)); // the features mattered
    // an existing weight mask is kept beside the silenced columns
    Matrix<float> weightMask = Matrix<float>::Ones(3, 4);
    weightMask(0, 0) = 0.0f;
    network.layer(0).setWeightMask(weightMask);
    applyInputMask(network, (Vector<float>(4) << 1, 1, 0, 1).finished());
    QCOMPARE(network.layer(0).weightMask()(0, 0), 0.0f);
    QCOMPARE(network.layer(0).weightMask().col(2).sum(), 0.0f);
    QCOMPARE(network.layer(0).weightMask()(1, 0), 1.0f);
}

void InputPruningTest::silencedInputsStaySilentThroughRetraining()
{
    TrainingSettings settings;
    settings.batchSize = 8;
    Model model = Model::create(Architecture{{6, 5, 2}, LayerKind::Spectral2, Activation::Tanh, false},
                                TrainMode::Full, settings, "test");
    const Dataset data = smallDataset(6, 32);
    Trainer(model, data).trainEpoch();
    PruningRequest request = PruningRequest::removingFraction(0.5);
    request.inputs = true;
    const PruningOutcome outcome = pruneModel(model, request);
    QVERIFY(!outcome.removed);
    QCOMPARE(outcome.plan.inputMask.sum(), 3.0f);
    prepareRetraining(model, request, TrainMode::Full, RetrainOptimizer::Fresh);
    for (int epoch = 0; epoch < 3; ++epoch)
        Trainer(model, data).trainEpoch();
    // changing a silenced feature changes nothing, bit for bit; changing a kept one does
    const Matrix<float> input = Matrix<float>::Random(6, 4);
    const Matrix<float> before = model.network.forward(input);
    for (int j = 0; j < 6; ++j) {
        Matrix<float> changed = input;
        changed.row(j).array() += 3.0f;
        const bool same = model.network.forward(changed) == before;
        QCOMPARE(same, outcome.plan.inputMask(j) == 0.0f);
    }
}

void InputPruningTest::refusals()
{
    Network<float> oneSet(Architecture{{4, 3, 2}, LayerKind::Spectral1, Activation::Tanh, false});
    Random random(1);
    oneSet.initialise(random);
    QVERIFY(contains(inputErrorOf([&] { inputScores(oneSet, PruningCriterion::Spectral, random); }), "two sets"));
    Network<float> direct(Architecture{{4, 3, 2}, LayerKind::Direct, Activation::Tanh, false});
    direct.initialise(random);
    QVERIFY(contains(inputErrorOf([&] { inputScores(direct, PruningCriterion::Spectral, random); }),
                     "needs spectral layers"));
    QCOMPARE(inputScores(direct, PruningCriterion::Connectivity, random).size(), Eigen::Index(4));
    QVERIFY(contains(inputErrorOf([&] { inputScores(direct, PruningCriterion::WeightNorm, random); }),
                     "ranks hidden nodes"));
    QVERIFY(contains(inputErrorOf([&] { selectInputs(direct, Vector<float>::Ones(4), 1.5); }), "[0, 1]"));
    PruningRequest threshold = PruningRequest::removingBelow(0.1);
    threshold.inputs = true;
    QVERIFY(contains(inputErrorOf([&] { planPruning(direct, threshold); }), "by a fraction"));

    TrainingSettings sparse;
    sparse.sparsity = 0.5;
    Model model = Model::create(Architecture{{4, 3, 2}, LayerKind::Direct, Activation::Tanh, false}, TrainMode::Full,
                                sparse, "test");
    PruningRequest inputs = PruningRequest::removingFraction(0.25);
    inputs.criterion = PruningCriterion::Connectivity;
    inputs.inputs = true;
    QVERIFY(contains(inputErrorOf([&] { prepareRetraining(model, inputs, TrainMode::Full, RetrainOptimizer::Fresh); }),
                     "sparse-trained"));
}

QTEST_GUILESS_MAIN(InputPruningTest)
#include "test_input_pruning.moc"
