// SPDX-License-Identifier: MIT
// Optimiser updates match the Keras formulas; frozen groups never move; switching the trained group
// or the learning rate keeps the state.
#include "core/Error.h"
#include "core/training/Optimizer.h"

#include <QTest>

#include <cmath>

using namespace reciprocal;

namespace {

// One direct 2 -> 2 layer; gradients are set by hand so the update can be computed on paper.
Network<double> tinyNetwork(LayerKind kind)
{
    Network<double> network(Architecture{{2, 2}, kind, Activation::Identity, false});
    Random random(1);
    network.initialise(random);
    return network;
}

void setGradients(Network<double>& network, double value)
{
    for (auto& p : network.parameters())
        p.gradient->setConstant(value);
}

} // namespace

class OptimizerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void adamMatchesKerasFormula();
    void adamaxMatchesKerasFormula();
    void sgdMomentumMatchesFormula();
    void frozenGroupsNeverChange();
    void switchingModeKeepsState();
    void invalidSettingsAreRejected();
};

void OptimizerTest::adamMatchesKerasFormula()
{
    auto network = tinyNetwork(LayerKind::Direct);
    const Matrix<double> before = *network.parameters()[0].value;
    Optimizer<double> optimizer({OptimizerKind::Adam, 0.01});
    // two steps with gradient 0.5, then 0.25
    setGradients(network, 0.5);
    optimizer.update(network);
    setGradients(network, 0.25);
    optimizer.update(network);
    double m = 0, v = 0, theta = 0;
    for (int t = 1; t <= 2; ++t) {
        const double g = t == 1 ? 0.5 : 0.25;
        m = 0.9 * m + 0.1 * g;
        v = 0.999 * v + 0.001 * g * g;
        theta -= 0.01 * std::sqrt(1 - std::pow(0.999, t)) / (1 - std::pow(0.9, t)) * m / (std::sqrt(v) + 1e-7);
    }
    const Matrix<double> moved = *network.parameters()[0].value - before;
    QVERIFY((moved.array() - theta).abs().maxCoeff() < 1e-15);
    QCOMPARE(optimizer.state().step, std::int64_t(2));
}

void OptimizerTest::adamaxMatchesKerasFormula()
{
    auto network = tinyNetwork(LayerKind::Direct);
    const Matrix<double> before = *network.parameters()[0].value;
    Optimizer<double> optimizer({OptimizerKind::Adamax, 0.002});
    setGradients(network, -0.5);
    optimizer.update(network);
    setGradients(network, 0.1);
    optimizer.update(network);
    double m = 0, u = 0, theta = 0;
    for (int t = 1; t <= 2; ++t) {
        const double g = t == 1 ? -0.5 : 0.1;
        m = 0.9 * m + 0.1 * g;
        u = std::max(0.999 * u, std::abs(g));
        theta -= 0.002 / (1 - std::pow(0.9, t)) * m / (u + 1e-7);
    }
    const Matrix<double> moved = *network.parameters()[0].value - before;
    QVERIFY((moved.array() - theta).abs().maxCoeff() < 1e-15);
}

void OptimizerTest::sgdMomentumMatchesFormula()
{
    auto network = tinyNetwork(LayerKind::Direct);
    const Matrix<double> before = *network.parameters()[0].value;
    Optimizer<double> optimizer({OptimizerKind::Sgd, 0.1, 0.9});
    setGradients(network, 1.0);
    optimizer.update(network);
    optimizer.update(network);
    // v1 = -0.1, v2 = 0.9 * -0.1 - 0.1 = -0.19; theta moves by -0.29
    const Matrix<double> moved = *network.parameters()[0].value - before;
    QVERIFY((moved.array() + 0.29).abs().maxCoeff() < 1e-15);
}

void OptimizerTest::frozenGroupsNeverChange()
{
    for (const LayerKind kind : {LayerKind::Spectral1, LayerKind::Spectral2, LayerKind::Qr, LayerKind::Ssvd}) {
        for (const TrainMode mode : {TrainMode::Eigenvalues, TrainMode::Eigenvectors}) {
            Network<double> network(Architecture{{5, 4, 3}, kind, Activation::Tanh, true});
            Random random(2);
            network.initialise(random);
            network.setTrainMode(mode);
            std::vector<Matrix<double>> before;
            for (auto& p : network.parameters())
                before.push_back(*p.value);
            std::vector<Matrix<double>> frozenBefore;
            for (int k = 0; k < network.layerCount(); ++k)
                for (auto& t : network.layer(k).frozenTensors())
                    frozenBefore.push_back(*t.value);
            Optimizer<double> optimizer({OptimizerKind::Adam, 0.01});
            Matrix<double> input = Matrix<double>::Random(5, 6);
            const std::int32_t labels[6] = {0, 1, 2, 0, 1, 2};
            for (int step = 0; step < 5; ++step) {
                network.forwardBackward(input, labels);
                optimizer.update(network);
            }
            auto parameters = network.parameters();
            for (std::size_t i = 0; i < parameters.size(); ++i) {
                const bool frozen = (mode == TrainMode::Eigenvalues && parameters[i].role == ParameterRole::Eigenvectors) ||
                                    (mode == TrainMode::Eigenvectors && parameters[i].role == ParameterRole::Eigenvalues);
                QCOMPARE(*parameters[i].value == before[i], frozen);
            }
            std::size_t f = 0;
            for (int k = 0; k < network.layerCount(); ++k)
                for (auto& t : network.layer(k).frozenTensors())
                    QVERIFY(*t.value == frozenBefore[f++]);
        }
    }
}

void OptimizerTest::switchingModeKeepsState()
{
    Network<double> network(Architecture{{5, 4, 3}, LayerKind::Spectral2, Activation::Tanh, false});
    Random random(4);
    network.initialise(random);
    Optimizer<double> optimizer({OptimizerKind::Adam, 0.01});
    Matrix<double> input = Matrix<double>::Random(5, 6);
    const std::int32_t labels[6] = {0, 1, 2, 0, 1, 2};
    network.forwardBackward(input, labels);
    optimizer.update(network);
    const auto phiMomentBefore = optimizer.state().first[0];
    network.setTrainMode(TrainMode::Eigenvalues);
    network.forwardBackward(input, labels);
    optimizer.update(network);
    QVERIFY(optimizer.state().first[0] == phiMomentBefore); // phi frozen: its moment is kept as is
    QVERIFY(optimizer.state().first[1] != Matrix<double>::Zero(5, 1));
    // a new learning rate for the same optimizer keeps the moments and the step count
    OptimizerSettings faster = optimizer.settings();
    faster.learningRate = 0.1;
    optimizer.setSettings(faster);
    QCOMPARE(optimizer.state().step, std::int64_t(2));
    QVERIFY(optimizer.state().first[0] == phiMomentBefore);
}

void OptimizerTest::invalidSettingsAreRejected()
{
    QVERIFY_THROWS_EXCEPTION(InputError, Optimizer<float>({OptimizerKind::Adam, -1.0}));
    QVERIFY_THROWS_EXCEPTION(InputError, Optimizer<float>({OptimizerKind::Adam, std::nan("")}));
    QVERIFY_THROWS_EXCEPTION(InputError, Optimizer<float>({OptimizerKind::Sgd, 0.1, 1.5}));
    QVERIFY_THROWS_EXCEPTION(InputError, parseOptimizer("rmsprop"));
}

QTEST_APPLESS_MAIN(OptimizerTest)
#include "test_optimizer.moc"
