// SPDX-License-Identifier: MIT
// Finite-difference check of every trainable parameter group of every layer kind, with and without
// bias, without masks, with a node mask and with a weight mask (masks frozen while differencing).
#include "core/layers/LayerKind.h"
#include "core/network/Network.h"
#include "core/training/Regularisation.h"

#include <QTest>

#include <cmath>
#include <functional>

using namespace reciprocal;

namespace {

using Net = Network<double>;

struct Fixture {
    Net network;
    Matrix<double> input;
    std::vector<std::int32_t> labels;
};

// 6 -> 4 -> 4 -> 3, batch 5, O(1) parameters everywhere (frozen tensors included).
Fixture makeFixture(LayerKind kind, bool bias, const QString& mask, Activation activation, TrainMode mode)
{
    Architecture architecture{{6, 4, 4, 3}, kind, activation, bias};
    Fixture f{Net(architecture), Matrix<double>(6, 5), {0, 2, 1, 1, 0}};
    Random random(7);
    for (int k = 0; k < f.network.layerCount(); ++k) {
        auto& layer = f.network.layer(k);
        for (auto& p : layer.parameters()) {
            for (Eigen::Index i = 0; i < p.value->size(); ++i)
                p.value->data()[i] = random.uniform(-1.0, 1.0);
            if (kind == LayerKind::QrTriangular && p.name == "R") // the kind's invariant
                p.value->triangularView<Eigen::StrictlyUpper>().setZero();
        }
        for (auto& t : layer.frozenTensors())
            for (Eigen::Index i = 0; i < t.value->size(); ++i)
                t.value->data()[i] = random.uniform(-1.0, 1.0);
    }
    for (Eigen::Index i = 0; i < f.input.size(); ++i)
        f.input.data()[i] = random.uniform(-1.0, 1.0);
    if (mask == "node") {
        f.network.setNodeMask(0, (Vector<double>(4) << 1, 0, 1, 1).finished());
        f.network.setNodeMask(1, (Vector<double>(4) << 0, 1, 1, 1).finished());
    } else if (mask == "weight") {
        for (int k = 0; k < f.network.layerCount(); ++k) {
            auto& layer = f.network.layer(k);
            Matrix<double> weightMask(layer.outputCount(), layer.inputCount());
            for (Eigen::Index i = 0; i < weightMask.size(); ++i)
                weightMask.data()[i] = random.uniform() < 0.3 ? 0.0 : 1.0;
            layer.setWeightMask(weightMask);
        }
    }
    f.network.setTrainMode(mode);
    f.network.refresh();
    return f;
}

double lossAt(Fixture& f) { return f.network.evaluate(f.input, f.labels.data()).loss; }

double relativeError(const Matrix<double>& analytic, const Matrix<double>& numeric)
{
    const double scale = numeric.norm();
    return scale == 0.0 ? analytic.norm() : (analytic - numeric).norm() / scale;
}

// Central differences of `loss` against the gradients the last backward pass left in every
// trainable group; QVERIFY fails inside. Returns the number of groups checked.
int checkFiniteDifferences(Fixture& f, const std::function<double()>& loss)
{
    int groupsChecked = 0;
    for (int k = 0; k < f.network.layerCount(); ++k) {
        auto& layer = f.network.layer(k);
        for (auto& p : layer.trainableParameters()) {
            const Matrix<double> analytic = *p.gradient;
            Matrix<double> numeric(p.value->rows(), p.value->cols());
            constexpr double h = 1e-6;
            for (Eigen::Index i = 0; i < p.value->size(); ++i) {
                double& entry = p.value->data()[i];
                const double saved = entry;
                entry = saved + h;
                layer.refresh();
                const double plus = loss();
                entry = saved - h;
                layer.refresh();
                const double minus = loss();
                entry = saved;
                layer.refresh();
                numeric.data()[i] = (plus - minus) / (2 * h);
            }
            if (layer.kind() == LayerKind::QrTriangular && p.name == "R") {
                // Above R's diagonal the entries are fixed at 0, not parameters: no gradient there.
                if (!Matrix<double>(analytic.triangularView<Eigen::StrictlyUpper>()).isZero(0.0))
                    return -1;
                numeric.triangularView<Eigen::StrictlyUpper>().setZero();
            }
            const double error = relativeError(analytic, numeric);
            if (error > 1e-6) {
                qWarning("layer %d group %s: relative error %.3g (|numeric| %.3g)", k, p.name.c_str(), error,
                         numeric.norm());
                return -1;
            }
            ++groupsChecked;
        }
    }
    return groupsChecked;
}

} // namespace

class GradientTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void finiteDifferences_data();
    void finiteDifferences();
    void twoSetIdentities();
    void maskedNodeGetsNoGradient();
    void regularisedLossDifferentiates();
};

void GradientTest::finiteDifferences_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<QString>("mask");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("activation");
    for (const auto& kind : layerKindNames())
        for (const bool bias : {false, true})
            for (const char* mask : {"none", "node", "weight"})
                for (const auto& mode : trainModeNames()) {
                    if (kind == "direct" && mode != "full")
                        continue;
                    const QString name = QStringLiteral("%1/%2/%3/%4")
                                             .arg(QString::fromStdString(kind), bias ? "bias" : "nobias", mask,
                                                  QString::fromStdString(mode));
                    QTest::newRow(qPrintable(name)) << QString::fromStdString(kind) << bias << mask
                                                    << QString::fromStdString(mode) << "tanh";
                }
    // The other activations on one direct and one spectral net.
    for (const char* activation : {"relu", "elu", "sigmoid", "identity"})
        for (const char* kind : {"direct", "spectral2"})
            QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(kind, activation)))
                << kind << true << "node" << "full" << activation;
}

void GradientTest::finiteDifferences()
{
    QFETCH(QString, kind);
    QFETCH(bool, bias);
    QFETCH(QString, mask);
    QFETCH(QString, mode);
    QFETCH(QString, activation);
    Fixture f = makeFixture(parseLayerKind(kind.toStdString()), bias, mask,
                            parseActivation(activation.toStdString()), parseTrainMode(mode.toStdString()));
    f.network.forwardBackward(f.input, f.labels.data());

    QVERIFY(checkFiniteDifferences(f, [&] { return lossAt(f); }) >= 3);
}

void GradientTest::twoSetIdentities()
{
    // sum_j dL/dlam_in_j + sum_i dL/dlam_out_i = 0 and <phi, dphi> = <lam_in, dlam_in> + <lam_out, dlam_out>
    Fixture f = makeFixture(LayerKind::Spectral2, true, "weight", Activation::Tanh, TrainMode::Full);
    f.network.forwardBackward(f.input, f.labels.data());
    for (int k = 0; k < f.network.layerCount(); ++k) {
        auto parameters = f.network.layer(k).parameters();
        const auto& phi = parameters[0];
        const auto& lamIn = parameters[1];
        const auto& lamOut = parameters[2];
        QCOMPARE(lamIn.name, std::string("lam_in"));
        const double sum = lamIn.gradient->sum() + lamOut.gradient->sum();
        QVERIFY(std::abs(sum) < 1e-12);
        const double lhs = phi.value->cwiseProduct(*phi.gradient).sum();
        const double rhs =
            lamIn.value->cwiseProduct(*lamIn.gradient).sum() + lamOut.value->cwiseProduct(*lamOut.gradient).sum();
        QVERIFY(std::abs(lhs - rhs) < 1e-12 * std::max(1.0, std::abs(lhs)));
    }
}

void GradientTest::maskedNodeGetsNoGradient()
{
    for (const auto& kind : layerKindNames()) {
        Fixture f = makeFixture(parseLayerKind(kind), true, "node", Activation::Sigmoid, TrainMode::Full);
        f.network.forwardBackward(f.input, f.labels.data());
        // node 1 of layer 0 is masked: its activation is exactly zero and nothing trains its row
        QCOMPARE(f.network.hiddenActivations(0).row(1).cwiseAbs().maxCoeff(), 0.0);
        for (auto& p : f.network.layer(0).parameters())
            if (p.gradient->rows() == 4 && p.name != "R" && p.name != "s")
                QCOMPARE(p.gradient->row(1).cwiseAbs().maxCoeff(), 0.0);
    }
}

// The penalties of every kind with eigenvalues, all four at once, in every mode: the gradient
// addRegularisationGradient adds matches central differences of cross-entropy + penalty.
void GradientTest::regularisedLossDifferentiates()
{
    const Regularisation penalties{0.03, 0.05, 0.02, 0.07};
    for (const auto& kind : layerKindNames()) {
        if (kind == "direct")
            continue;
        for (const auto& mode : trainModeNames()) {
            Fixture f = makeFixture(parseLayerKind(kind), true, "none", Activation::Tanh, parseTrainMode(mode));
            f.network.forwardBackward(f.input, f.labels.data());
            addRegularisationGradient(f.network, penalties);
            const int checked = checkFiniteDifferences(f, [&] { return lossAt(f) + regularisationPenalty(f.network, penalties); });
            QVERIFY2(checked >= 3, (kind + "/" + mode).c_str());
        }
    }
    // And the penalty is what it says: l1 sum|x| + l2 sum x^2 over the trained groups only.
    Fixture f = makeFixture(LayerKind::Spectral1, false, "none", Activation::Tanh, TrainMode::Eigenvalues);
    double expected = 0.0;
    for (int k = 0; k < f.network.layerCount(); ++k)
        for (auto& p : f.network.layer(k).trainableParameters())
            expected += 0.03 * p.value->cwiseAbs().sum() + 0.05 * p.value->squaredNorm();
    QCOMPARE(regularisationPenalty(f.network, penalties), expected);
}

QTEST_APPLESS_MAIN(GradientTest)
#include "test_gradients.moc"
