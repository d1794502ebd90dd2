// SPDX-License-Identifier: MIT
// Frozen knobs: training leaves a held eigenvalue or bias at its value bit for bit while the rest of
// the network learns; a hand edit still moves it; pruning renumbers holds with their nodes.
#include "core/training/HeldParameters.h"

#include "core/Error.h"
#include "core/data/ToyDatasets.h"
#include "core/pruning/ModelPruning.h"
#include "core/training/Trainer.h"

#include <QTest>

using namespace reciprocal;

namespace {

Model makeModel(LayerKind kind, TrainMode mode, std::vector<int> widths)
{
    TrainingSettings settings;
    settings.batchSize = 20;
    settings.seed = 3;
    return Model::create(Architecture{std::move(widths), kind, Activation::Tanh, true}, mode, settings, "spirals",
                         {OptimizerKind::Adam, 0.01});
}

} // namespace

class HeldParametersTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_spirals = makeSpirals(400, 3, 0.05, 11); }
    void heldKnobsStayPutWhileTheRestTrains();
    void anEditMovesAHeldKnobAndTrainingKeepsIt();
    void impossibleHoldsAreRefused();
    void pruningRenumbersHoldsAndDropsRemovedNodes();

private:
    Dataset m_spirals;
};

void HeldParametersTest::heldKnobsStayPutWhileTheRestTrains()
{
    // One set, eigenvalues only: the node's incoming weights are -lam_out * phi, so holding lam_out
    // and the bias holds the whole node still.
    Model model = makeModel(LayerKind::Spectral1, TrainMode::Eigenvalues, {2, 8, 3});
    model.held = checkedHeldParameters(model.network, {{1, 2, NodeParameter::Bias}, {1, 2, NodeParameter::OutputEigenvalue}});
    const std::vector<ParameterEdit> before = heldValues(model.network, model.held);
    const Matrix<float> weightsBefore = model.network.layer(0).effectiveWeights();
    Trainer trainer(model, m_spirals);
    for (int epoch = 0; epoch < 3; ++epoch)
        trainer.trainEpoch();
    QVERIFY(heldValues(model.network, model.held) == before);
    const Matrix<float>& weights = model.network.layer(0).effectiveWeights();
    QVERIFY(weights.row(2) == weightsBefore.row(2));
    // The other nodes learned.
    QVERIFY(weights.row(1) != weightsBefore.row(1));
    QVERIFY(parameterValue(model.network, {1, 1, NodeParameter::OutputEigenvalue}) !=
            parameterValue(makeModel(LayerKind::Spectral1, TrainMode::Eigenvalues, {2, 8, 3}).network,
                           {1, 1, NodeParameter::OutputEigenvalue}));
}

void HeldParametersTest::anEditMovesAHeldKnobAndTrainingKeepsIt()
{
    Model model = makeModel(LayerKind::Spectral2, TrainMode::Full, {2, 8, 3});
    model.held = {{2, 4, NodeParameter::InputEigenvalue}};
    applyParameterEdit(model.network, {2, 4, NodeParameter::InputEigenvalue, 0.75});
    Trainer(model, m_spirals).trainEpoch();
    QCOMPARE(parameterValue(model.network, {2, 4, NodeParameter::InputEigenvalue}), 0.75f);
}

void HeldParametersTest::impossibleHoldsAreRefused()
{
    const Model model = makeModel(LayerKind::Spectral1, TrainMode::Full, {2, 8, 3});
    QVERIFY_THROWS_EXCEPTION(InputError, checkedHeldParameters(model.network, {{1, 0, NodeParameter::InputEigenvalue}}));
    QVERIFY_THROWS_EXCEPTION(InputError, checkedHeldParameters(model.network, {{1, 8, NodeParameter::Bias}}));
    QVERIFY_THROWS_EXCEPTION(InputError, checkedHeldParameters(model.network, {{3, 0, NodeParameter::Bias}}));
    const HeldParameters twice = checkedHeldParameters(model.network, {{1, 1, NodeParameter::Bias}, {1, 1, NodeParameter::Bias}});
    QCOMPARE(twice.size(), std::size_t(1));
}

void HeldParametersTest::pruningRenumbersHoldsAndDropsRemovedNodes()
{
    Model model = makeModel(LayerKind::Spectral2, TrainMode::Full, {2, 8, 8, 3});
    model.held = checkedHeldParameters(model.network, {{1, 5, NodeParameter::OutputEigenvalue},
                                                       {2, 5, NodeParameter::InputEigenvalue},
                                                       {1, 2, NodeParameter::Bias},
                                                       {2, 6, NodeParameter::OutputEigenvalue},
                                                       {3, 1, NodeParameter::OutputEigenvalue},
                                                       {1, 1, NodeParameter::InputEigenvalue}});
    const float lamOut = parameterValue(model.network, {1, 5, NodeParameter::OutputEigenvalue});
    PruningRequest request;
    request.nodes = {{1, 2}, {1, 3}, {2, 0}};
    QVERIFY(pruneModel(model, request).removed);
    const HeldParameters expected = checkedHeldParameters(model.network, {{1, 3, NodeParameter::OutputEigenvalue},
                                                                          {2, 3, NodeParameter::InputEigenvalue},
                                                                          {2, 5, NodeParameter::OutputEigenvalue},
                                                                          {3, 1, NodeParameter::OutputEigenvalue},
                                                                          {1, 1, NodeParameter::InputEigenvalue}});
    QVERIFY(model.held == expected);
    QCOMPARE(parameterValue(model.network, {1, 3, NodeParameter::OutputEigenvalue}), lamOut);
}

QTEST_APPLESS_MAIN(HeldParametersTest)
#include "test_held_parameters.moc"
