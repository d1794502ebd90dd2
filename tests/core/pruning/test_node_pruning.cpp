// SPDX-License-Identifier: MIT
// Spectral pruning maths: scores, the papers' percentile rule (pooled and per layer, ties, p = 100),
// preview by masking, and physical removal computing exactly what masking computes.
#include "InputErrorCapture.h"
#include "core/Error.h"
#include "core/pruning/ModelPruning.h"
#include "core/layers/SpectralLayer.h"
#include "core/pruning/NodePruning.h"
#include "core/pruning/PruningPreview.h"
#include "core/training/Evaluation.h"
#include "core/training/Model.h"
#include "core/training/Trainer.h"

#include <QTest>

using namespace reciprocal;
using testsupport::contains;
using testsupport::inputErrorOf;

namespace {

// A 3-4-4-2 one-set spectral net whose hidden eigenvalues are set by hand.
Network<float> netWithEigenvalues(const std::vector<float>& first, const std::vector<float>& second)
{
    Network<float> network(Architecture{{3, 4, 4, 2}, LayerKind::Spectral1, Activation::Tanh, false});
    Random random(1);
    network.initialise(random);
    for (int k = 0; k < 2; ++k) {
        const auto& values = k == 0 ? first : second;
        auto parameters = network.layer(k).parameters(); // phi, lam_out
        for (std::size_t i = 0; i < values.size(); ++i)
            (*parameters[1].value)(static_cast<Eigen::Index>(i), 0) = values[i];
        network.layer(k).refresh();
    }
    return network;
}

Vector<float> mask(std::initializer_list<float> values)
{
    Vector<float> result(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (const float value : values)
        result(i++) = value;
    return result;
}

std::vector<Vector<float>> survivors(Network<float>& network, double fraction, bool perLayer,
                                     PruningCriterion criterion = PruningCriterion::Spectral)
{
    Random random(3);
    return selectSurvivors(network, nodeScores(network, criterion, random), fraction, perLayer).masks;
}

} // namespace

class NodePruningTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void percentileIsNumpysLinear();
    void pooledAndPerLayerThresholds();
    void fractionOneKeepsTheBestAndTiesSurvive();
    void fractionZeroKeepsEverything();
    void maskedNodesStayMaskedAndLeaveThePool();
    void scoresOfEachCriterion();
    void twoSetScoresOfBothSides();
    void badRequestsAreRejected();
    void removalEqualsMasking_data();
    void removalEqualsMasking();
    void removalCutsOptimizerStateAndTrainingContinues();
    void removingAWholeLayerIsRefused();
    void freshRetrainingEqualsANewModelWithThoseWeights();
    void multiplyAddsCountActiveNodes();
    void handPickedNodes();
    void planThresholdSeparatesRemovedFromKept();
    void thresholdRequestRemovesTheNodesBelowIt();
    void previewsOfWideNetworksEvaluateASample();
    void previewEvaluatesWhatTheMaskedNetworkComputes_data();
    void previewEvaluatesWhatTheMaskedNetworkComputes();
};

void NodePruningTest::percentileIsNumpysLinear()
{
    // numpy.percentile([1, 2, 3, 4], p): 0 -> 1, 25 -> 1.75, 50 -> 2.5, 100 -> 4
    const std::vector<double> values{4, 1, 3, 2};
    QCOMPARE(percentile(values, 0), 1.0);
    QCOMPARE(percentile(values, 25), 1.75);
    QCOMPARE(percentile(values, 50), 2.5);
    QCOMPARE(percentile(values, 100), 4.0);
    QCOMPARE(percentile({7}, 30), 7.0);
}

void NodePruningTest::pooledAndPerLayerThresholds()
{
    Network<float> network = netWithEigenvalues({0.1f, -0.2f, 0.3f, 0.4f}, {1, 2, -3, 4});
    // pooled, 50 %: t = 0.7 between 0.4 and 1 -> the whole first layer goes
    auto pooled = survivors(network, 0.5, false);
    QVERIFY(pooled[0] == mask({0, 0, 0, 0}));
    QVERIFY(pooled[1] == mask({1, 1, 1, 1}));
    // per layer, 50 %: t = 0.25 and 2.5 -> the two largest |lambda| of each layer survive
    auto perLayer = survivors(network, 0.5, true);
    QVERIFY(perLayer[0] == mask({0, 0, 1, 1}));
    QVERIFY(perLayer[1] == mask({0, 0, 1, 1}));
}

void NodePruningTest::fractionOneKeepsTheBestAndTiesSurvive()
{
    Network<float> network = netWithEigenvalues({0.1f, 0.2f, 0.3f, 0.4f}, {1, 2, 3, 4});
    auto best = survivors(network, 1.0, false);
    QCOMPARE(best[0].sum() + best[1].sum(), 1.0f);
    QCOMPARE(best[1](3), 1.0f);
    Network<float> tied = netWithEigenvalues({0.1f, 4.0f, 0.3f, 0.4f}, {1, 2, 3, -4});
    auto both = survivors(tied, 1.0, false);
    QCOMPARE(both[0](1), 1.0f);
    QCOMPARE(both[1](3), 1.0f);
    QCOMPARE(both[0].sum() + both[1].sum(), 2.0f);
}

void NodePruningTest::fractionZeroKeepsEverything()
{
    Network<float> network = netWithEigenvalues({0.1f, 0.2f, 0.3f, 0.4f}, {1, 2, 3, 4});
    for (const auto& m : survivors(network, 0.0, false))
        QCOMPARE(m.sum(), 4.0f);
}

void NodePruningTest::maskedNodesStayMaskedAndLeaveThePool()
{
    Network<float> network = netWithEigenvalues({0.1f, 0.2f, 0.3f, 0.4f}, {1, 2, 3, 4});
    network.setNodeMask(1, mask({1, 1, 1, 0})); // the largest node is already gone
    auto result = survivors(network, 1.0, false);
    QCOMPARE(result[1](3), 0.0f);
    QCOMPARE(result[1](2), 1.0f); // now the best remaining node
    QCOMPARE(result[0].sum() + result[1].sum(), 1.0f);
}

void NodePruningTest::scoresOfEachCriterion()
{
    Network<float> network = netWithEigenvalues({0.1f, -0.2f, 0.3f, 0.4f}, {1, 2, -3, 4});
    Random random(5);
    const auto spectral = nodeScores(network, PruningCriterion::Spectral, random);
    QVERIFY(spectral[0] == mask({0.1f, 0.2f, 0.3f, 0.4f}));
    const auto descending = nodeScores(network, PruningCriterion::SpectralDescending, random);
    QVERIFY(descending[1] == mask({-1, -2, -3, -4}));
    const auto connectivity = nodeScores(network, PruningCriterion::Connectivity, random);
    for (int k = 0; k < 2; ++k)
        QVERIFY(connectivity[k].isApprox(network.layer(k).effectiveWeights().cwiseAbs().rowwise().sum()));
    // the companion score is |lambda| times the row norm of phi (one-set layers)
    const auto weightNorm = nodeScores(network, PruningCriterion::WeightNorm, random);
    const auto& first = dynamic_cast<const SpectralLayer<float>&>(network.layer(0));
    const Vector<float> expected =
        first.eigenvectors().rowwise().norm().cwiseProduct(first.outputEigenvalues().col(0).cwiseAbs());
    QVERIFY(weightNorm[0].isApprox(expected, 1e-5f));
    // descending removes the most important nodes: at 50 % the small ones survive
    auto control = survivors(network, 0.5, true, PruningCriterion::SpectralDescending);
    QVERIFY(control[0] == mask({1, 1, 0, 0}));
    const auto randomScores = nodeScores(network, PruningCriterion::Random, random);
    QVERIFY(randomScores[0].minCoeff() >= 0 && randomScores[0].maxCoeff() < 1);
    // the emitting side needs two sets
    QVERIFY(contains(inputErrorOf([&] { nodeScores(network, PruningCriterion::SpectralEmitter, random); }),
                     "needs two eigenvalue sets"));
}

// Two sets: a hidden node owns lam_out of the transfer into it (receiver) and lam_in of the transfer
// out of it (emitter); the combined score is their product.
void NodePruningTest::twoSetScoresOfBothSides()
{
    Network<float> network(Architecture{{3, 4, 2}, LayerKind::Spectral2, Activation::Tanh, false});
    Random random(1);
    network.initialise(random);
    const auto set = [&](int layer, int group, std::initializer_list<float> values) {
        Matrix<float>& target = *network.layer(layer).parameters()[static_cast<std::size_t>(group)].value;
        Eigen::Index i = 0;
        for (const float value : values)
            target(i++, 0) = value;
        network.layer(layer).refresh();
    };
    set(0, 2, {0.1f, -2.0f, 0.3f, 4.0f}); // lam_out of transfer 1 (phi, lam_in, lam_out)
    set(1, 1, {5.0f, 0.5f, -0.2f, 1.0f}); // lam_in of transfer 2
    QVERIFY(nodeScores(network, PruningCriterion::Spectral, random)[0] == mask({0.1f, 2.0f, 0.3f, 4.0f}));
    QVERIFY(nodeScores(network, PruningCriterion::SpectralEmitter, random)[0] == mask({5.0f, 0.5f, 0.2f, 1.0f}));
    QVERIFY(nodeScores(network, PruningCriterion::SpectralCombined, random)[0].isApprox(mask({0.5f, 1.0f, 0.06f, 4.0f})));
    // at 50 %: the receiver drops nodes 0 and 2, the emitter 1 and 2, the combined 2 and 0
    Random draws(3);
    const auto kept = [&](PruningCriterion criterion) {
        return selectSurvivors(network, nodeScores(network, criterion, draws), 0.5, false).masks[0];
    };
    QVERIFY(kept(PruningCriterion::Spectral) == mask({0, 1, 0, 1}));
    QVERIFY(kept(PruningCriterion::SpectralEmitter) == mask({1, 0, 0, 1}));
    QVERIFY(kept(PruningCriterion::SpectralCombined) == mask({0, 1, 0, 1}));
}

void NodePruningTest::badRequestsAreRejected()
{
    Network<float> network = netWithEigenvalues({0.1f, 0.2f, 0.3f, 0.4f}, {1, 2, 3, 4});
    Random random(1);
    const auto scores = nodeScores(network, PruningCriterion::Spectral, random);
    QVERIFY_THROWS_EXCEPTION(InputError, selectSurvivors(network, scores, 1.5, false));
    QVERIFY_THROWS_EXCEPTION(InputError, selectSurvivors(network, scores, -0.1, false));
    QVERIFY_THROWS_EXCEPTION(InputError, selectSurvivors(network, scores, std::nan(""), false));
    Network<float> direct(Architecture{{3, 4, 2}, LayerKind::Direct, Activation::Tanh, false});
    QVERIFY_THROWS_EXCEPTION(InputError, nodeScores(direct, PruningCriterion::Spectral, random));
    QVERIFY_THROWS_EXCEPTION(InputError, parsePruningCriterion("magnitude"));
}

void NodePruningTest::removalEqualsMasking_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("bias");
    for (const char* kind : {"direct", "spectral1", "spectral2"})
        for (const bool bias : {false, true})
            QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(kind, bias ? "bias" : "nobias"))) << kind << bias;
}

void NodePruningTest::removalEqualsMasking()
{
    QFETCH(QString, kind);
    QFETCH(bool, bias);
    Network<float> network(Architecture{{12, 9, 7, 4}, parseLayerKind(kind.toStdString()), Activation::Elu, bias});
    Random random(8);
    network.initialise(random);
    for (auto& p : network.parameters())
        if (p.role == ParameterRole::Bias)
            p.value->setRandom();
    Matrix<float> weightMask = Matrix<float>::Ones(7, 9);
    weightMask(2, 4) = 0;
    weightMask(5, 0) = 0;
    network.layer(1).setWeightMask(weightMask);
    network.refresh();
    applyNodeMasks(network, {mask({1, 0, 1, 1, 0, 0, 1, 1, 1}), mask({1, 1, 0, 1, 1, 1, 0})});
    const Matrix<float> input = Matrix<float>::Random(12, 6);
    const Matrix<float> masked = network.forward(input);
    PrunedModelParts pruned = removeMaskedNodes(network, {});
    QCOMPARE(pruned.network.architecture().widthsText(), std::string("12-6-5-4"));
    const Matrix<float> removed = pruned.network.forward(input);
    QVERIFY2((masked - removed).cwiseAbs().maxCoeff() < 1e-5f,
             qPrintable(QString::number((masked - removed).cwiseAbs().maxCoeff())));
    QVERIFY(pruned.network.totalParameterCount() < network.totalParameterCount());
}

void NodePruningTest::removalCutsOptimizerStateAndTrainingContinues()
{
    TrainingSettings settings;
    Model model = Model::create(Architecture{{5, 8, 3}, LayerKind::Spectral2, Activation::Tanh, true}, TrainMode::Full,
                                settings, "test");
    const Matrix<float> input = Matrix<float>::Random(5, 4);
    const std::int32_t labels[4] = {0, 1, 2, 1};
    model.network.forwardBackward(input, labels);
    model.optimizer.update(model.network);
    model.network.setNodeMask(0, mask({1, 0, 1, 1, 0, 1, 1, 1}));
    PrunedModelParts pruned = removeMaskedNodes(model.network, model.optimizer.state());
    auto parameters = pruned.network.parameters();
    QCOMPARE(pruned.optimizerState.first.size(), parameters.size());
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        QCOMPARE(pruned.optimizerState.first[i].rows(), parameters[i].value->rows());
        QCOMPARE(pruned.optimizerState.second[i].cols(), parameters[i].value->cols());
    }
    QCOMPARE(pruned.optimizerState.step, std::int64_t(1));
    model.network = std::move(pruned.network);
    model.optimizer.setState(std::move(pruned.optimizerState));
    model.network.forwardBackward(input, labels);
    model.optimizer.update(model.network);
    QCOMPARE(model.optimizer.state().step, std::int64_t(2));
}

// [SR] retrains the pruned network as a new model: a fresh optimiser after pruning must train exactly
// as a new model made of the surviving weights does; continuing the old moments trains otherwise.
void NodePruningTest::freshRetrainingEqualsANewModelWithThoseWeights()
{
    TrainingSettings settings;
    settings.batchSize = 8;
    Model model = Model::create(Architecture{{5, 8, 3}, LayerKind::Spectral1, Activation::Tanh, false},
                                TrainMode::Eigenvalues, settings, "test");
    Dataset data;
    data.features = Matrix<float>::Random(5, 32);
    data.classCount = 3;
    for (int i = 0; i < 32; ++i)
        data.labels.push_back(i % 3);
    Trainer(model, data).trainEpoch();
    pruneModel(model, PruningRequest::removingFraction(0.5));

    Model asNew{model.network, Optimizer<float>(model.optimizer.settings()), model.training, model.random,
                model.epoch, {}, model.datasetName, {}};
    asNew.network.setTrainMode(TrainMode::Full);
    Model continued = model;
    prepareRetraining(model, PruningRequest{}, TrainMode::Full, RetrainOptimizer::Fresh);
    prepareRetraining(continued, PruningRequest{}, TrainMode::Full, RetrainOptimizer::Continue);
    QCOMPARE(model.optimizer.state().step, std::int64_t(0));
    QCOMPARE(continued.optimizer.state().step, std::int64_t(4));
    for (Model* retrained : {&model, &asNew, &continued})
        Trainer(*retrained, data).trainEpoch();
    const auto values = [](Model& m) {
        std::vector<Matrix<float>> result;
        for (const Parameter<float>& parameter : m.network.parameters())
            result.push_back(*parameter.value);
        return result;
    };
    QVERIFY(values(model) == values(asNew));
    QVERIFY(values(model) != values(continued));
}

void NodePruningTest::removingAWholeLayerIsRefused()
{
    Network<float> network = netWithEigenvalues({0.1f, 0.2f, 0.3f, 0.4f}, {1, 2, 3, 4});
    applyNodeMasks(network, survivors(network, 0.5, false)); // pooled: layer 1 loses every node
    try {
        removeMaskedNodes(network, {});
        QFAIL("expected an InputError");
    } catch (const InputError& error) {
        QVERIFY(QString::fromStdString(error.what()).contains("every node of hidden layer 1"));
    }
    Network<float> qr(Architecture{{3, 4, 2}, LayerKind::Qr, Activation::Tanh, false});
    QVERIFY_THROWS_EXCEPTION(InputError, removeMaskedNodes(qr, {}));
}

void NodePruningTest::multiplyAddsCountActiveNodes()
{
    Network<float> network(Architecture{{784, 500, 10}, LayerKind::Spectral2, Activation::Tanh, false});
    QCOMPARE(forwardMultiplyAdds(network), 784LL * 500 + 500 * 10);
    Vector<float> half = Vector<float>::Ones(500);
    half.head(250).setZero();
    network.setNodeMask(0, half);
    QCOMPARE(forwardMultiplyAdds(network), 784LL * 250 + 250 * 10);
}

void NodePruningTest::handPickedNodes()
{
    Network<float> network = netWithEigenvalues({0.1f, 0.2f, 0.3f, 0.4f}, {1, 2, 3, 4});
    PruningRequest request;
    request.nodes = {{1, 3}, {2, 0}};
    const auto masks = planPruning(network, request).masks;
    QVERIFY(masks[0] == mask({1, 1, 1, 0})); // exactly the picked nodes, whatever their |lambda|
    QVERIFY(masks[1] == mask({0, 1, 1, 1}));
    applyNodeMasks(network, masks);
    request.nodes = {{1, 3}};
    QVERIFY(contains(inputErrorOf([&] { planPruning(network, request).masks; }), "pruned already"));
    request.nodes = {{3, 0}};
    QVERIFY(contains(inputErrorOf([&] { planPruning(network, request).masks; }), "no such node"));
    request.nodes = {{1, 4}};
    QVERIFY(contains(inputErrorOf([&] { planPruning(network, request).masks; }), "no such node"));
    request.nodes = {{1, 0}, {1, 1}, {1, 2}};
    QVERIFY(contains(inputErrorOf([&] { planPruning(network, request).masks; }), "every node of hidden layer 1"));
}

// Whatever the rule, the plan's threshold is the line between the nodes it removes and those it keeps.
void NodePruningTest::planThresholdSeparatesRemovedFromKept()
{
    const Network<float> network = netWithEigenvalues({0.1f, -0.5f, 0.3f, 0.9f}, {0.2f, 0.7f, -0.05f, 0.4f});
    for (const bool perLayer : {false, true})
        for (const double fraction : {0.0, 0.25, 0.5, 0.6, 1.0}) {
            PruningRequest request;
            request.fraction = fraction;
            request.perLayer = perLayer;
            const PruningPlan plan = planPruning(network, request);
            QCOMPARE(plan.thresholds.size(), std::size_t{2});
            int removed = 0;
            for (int k = 0; k < 2; ++k) {
                const auto& lamOut =
                    dynamic_cast<const SpectralLayer<float>&>(network.layer(k)).outputEigenvalues().col(0);
                for (int i = 0; i < 4; ++i) {
                    const bool kept = plan.masks[static_cast<std::size_t>(k)](i) != 0.0f;
                    QCOMPARE(kept, std::abs(lamOut(i)) >= plan.thresholds[static_cast<std::size_t>(k)]);
                    removed += kept ? 0 : 1;
                }
            }
            QCOMPARE(plan.removedFraction, removed / 8.0);
        }
}

void NodePruningTest::thresholdRequestRemovesTheNodesBelowIt()
{
    Network<float> network = netWithEigenvalues({0.1f, -0.5f, 0.3f, 0.9f}, {0.2f, 0.7f, -0.05f, 0.4f});
    PruningRequest request;
    request.threshold = 0.35;
    request.fraction = 0.9; // not used: the threshold decides
    const PruningPlan plan = applyPruning(network, request);
    QVERIFY(plan.masks[0] == mask({0, 1, 0, 1}));
    QVERIFY(plan.masks[1] == mask({0, 1, 0, 1}));
    QCOMPARE(plan.thresholds, (std::vector<double>{0.35, 0.35}));
    QCOMPARE(plan.removedFraction, 0.5);
    QCOMPARE(network.activeHiddenNodeCounts(), (std::vector<int>{2, 2}));
    // A threshold at a percentile's value selects exactly what that percentile selects.
    Network<float> fresh = netWithEigenvalues({0.1f, -0.5f, 0.3f, 0.9f}, {0.2f, 0.7f, -0.05f, 0.4f});
    PruningRequest byFraction;
    byFraction.fraction = 0.4;
    const PruningPlan percentilePlan = planPruning(fresh, byFraction);
    request.threshold = percentilePlan.thresholds.front();
    QVERIFY(planPruning(fresh, request).masks == percentilePlan.masks);
    request.threshold = std::nan("");
    QVERIFY(contains(inputErrorOf([&] { planPruning(fresh, request); }), "threshold"));
}

// A preview's evaluation is bounded: every test sample for usual widths, a share of them whose
// cost stays within the budget for a very wide network, never fewer than the minimum.
void NodePruningTest::previewsOfWideNetworksEvaluateASample()
{
    const Network<float> usual(Architecture{{784, 500, 10}, LayerKind::Spectral2, Activation::Tanh, false});
    QCOMPARE(previewSampleCount(usual, 10000), 10000);
    const Network<float> wide(Architecture{{784, 5000, 10}, LayerKind::Direct, Activation::Tanh, false});
    const int samples = previewSampleCount(wide, 10000);
    QVERIFY(samples < 10000 && samples >= minimumPreviewSamples);
    QVERIFY(samples * static_cast<double>(forwardMultiplyAdds(wide)) <= previewMultiplyAddBudget);
    QCOMPARE(previewSampleCount(wide, 100), 100); // a small test set is taken whole
    const Network<float> huge(Architecture{{784, 30000, 10}, LayerKind::Direct, Activation::Tanh, false});
    QCOMPARE(previewSampleCount(huge, 10000), minimumPreviewSamples);

    // The preview says what it evaluated.
    Network<float> network = netWithEigenvalues({0.1f, -0.5f, 0.3f, 0.9f}, {0.2f, 0.7f, -0.05f, 0.4f});
    Dataset test;
    test.features = Eigen::MatrixXf::Random(3, 40);
    test.labels.assign(40, 1);
    test.classCount = 2;
    test.sampleShape = {3};
    const PruningPreview preview = previewPruning(network, test, PruningRequest::removingFraction(0.5), 0.5, 1000);
    QCOMPARE(preview.testSamples, 40);
    QCOMPARE(preview.testSamplesTotal, 1000);
}

void NodePruningTest::previewEvaluatesWhatTheMaskedNetworkComputes_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("activation");
    QTest::newRow("spectral2 sigmoid") << "spectral2" << "sigmoid"; // f(0) != 0: masking must zero outputs
    QTest::newRow("spectral1 tanh") << "spectral1" << "tanh";
    QTest::newRow("direct relu") << "direct" << "relu";
}

// A preview evaluates the network with the plan's masks in place of its own; that must be exactly
// what the network with the masks set computes, and the network must be left as it was.
void NodePruningTest::previewEvaluatesWhatTheMaskedNetworkComputes()
{
    QFETCH(QString, kind);
    QFETCH(QString, activation);
    Network<float> network(Architecture{{6, 9, 7, 3}, parseLayerKind(kind.toStdString()),
                                        parseActivation(activation.toStdString()), true});
    Random random(4);
    network.initialise(random);
    applyNodeMasks(network, {mask({1, 0, 1, 1, 1, 1, 1, 0, 1}), Vector<float>()}); // pruned before
    Dataset test;
    test.features = Eigen::MatrixXf::Random(6, 300);
    for (int i = 0; i < 300; ++i)
        test.labels.push_back(i % 3);
    test.classCount = 3;
    test.sampleShape = {6};
    const Network<float> untouched = network;
    PruningRequest request = PruningRequest::removingFraction(0.4);
    if (kind == QStringLiteral("direct"))
        request.criterion = PruningCriterion::Connectivity;
    const PruningPreview preview = previewPruning(network, test, request, 0.0, 300);

    Network<float> masked = untouched;
    applyPruning(masked, request);
    const Evaluation committed = evaluate(masked, test);
    QCOMPARE(preview.accuracyAfter, committed.accuracy);
    QCOMPARE(preview.lossAfter, committed.loss);
    QCOMPARE(preview.nodesKept, masked.activeHiddenNodeCounts());
    QCOMPARE(preview.weightsKept, forwardMultiplyAdds(masked));
    for (int k = 0; k < network.layerCount(); ++k) {
        QVERIFY(network.layer(k).nodeMask() == untouched.layer(k).nodeMask());
        QVERIFY(network.layer(k).effectiveWeights() == untouched.layer(k).effectiveWeights());
    }
    QVERIFY(contains(inputErrorOf([&] { evaluate(network, test, {Vector<float>()}); }), "hidden layers"));
}

QTEST_APPLESS_MAIN(NodePruningTest)
#include "test_node_pruning.moc"
