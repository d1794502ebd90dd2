// SPDX-License-Identifier: MIT
// A spectral network computes exactly what a direct network with its effective W computes, and its
// W is the lower-left block of Phi Lambda Phi^-1 (the origin of the parametrisation).
#include "core/layers/SpectralLayer.h"
#include "core/network/Network.h"

#include <Eigen/LU>
#include <QTest>

#include <limits>

using namespace reciprocal;

namespace {

template <typename Scalar> Matrix<Scalar> randomMatrix(Eigen::Index rows, Eigen::Index cols, Random& random)
{
    Matrix<Scalar> m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<Scalar>(random.uniform(-1.0, 1.0));
    return m;
}

// Forward pass of a spectral net vs a direct net holding the spectral net's effective W and bias.
template <typename Scalar> double directMismatch(LayerKind kind, bool withMask)
{
    Random random(3);
    const Architecture spectralArchitecture{{12, 9, 7, 4}, kind, Activation::Tanh, true};
    Network<Scalar> spectral(spectralArchitecture);
    spectral.initialise(random);
    for (int k = 0; k < spectral.layerCount(); ++k)
        for (auto& p : spectral.layer(k).parameters())
            if (p.role == ParameterRole::Bias)
                *p.value = randomMatrix<Scalar>(p.value->rows(), 1, random);
    spectral.refresh();
    if (withMask)
        spectral.setNodeMask(0, (Vector<Scalar>(9) << 1, 1, 0, 1, 1, 0, 1, 1, 1).finished());

    Architecture directArchitecture = spectralArchitecture;
    directArchitecture.layerKind = LayerKind::Direct;
    Network<Scalar> direct(directArchitecture);
    for (int k = 0; k < spectral.layerCount(); ++k) {
        auto parameters = direct.layer(k).parameters();
        *parameters[0].value = spectral.layer(k).effectiveWeights();
        *parameters[1].value = spectral.layer(k).effectiveBias();
    }
    direct.refresh();
    const Matrix<Scalar> input = randomMatrix<Scalar>(12, 8, random);
    const Matrix<Scalar> spectralLogits = spectral.forward(input);
    const Matrix<Scalar> directLogits = direct.forward(input);
    if (withMask && spectral.hiddenActivations(0).row(2).cwiseAbs().maxCoeff() != Scalar(0))
        return std::numeric_limits<double>::infinity(); // a masked node must be exactly silent
    return static_cast<double>((spectralLogits - directLogits).cwiseAbs().maxCoeff());
}

} // namespace

class SpectralEquivalenceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void spectralEqualsDirect_data();
    void spectralEqualsDirect();
    void blockMatrixIdentity();
    void oneSetIsTwoSetsWithZeroInputEigenvalues();
    void qrFactorHasOrthonormalRows();
};

void SpectralEquivalenceTest::spectralEqualsDirect_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("mask");
    for (const char* kind : {"spectral1", "spectral2", "qr", "ssvd"})
        for (const bool mask : {false, true})
            QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(kind, mask ? "masked" : "plain"))) << kind << mask;
}

void SpectralEquivalenceTest::spectralEqualsDirect()
{
    QFETCH(QString, kind);
    QFETCH(bool, mask);
    const LayerKind layerKind = parseLayerKind(kind.toStdString());
    QVERIFY(directMismatch<double>(layerKind, mask) < 1e-12);
    QVERIFY(directMismatch<float>(layerKind, mask) < 1e-5);
}

void SpectralEquivalenceTest::blockMatrixIdentity()
{
    // On the (n + m)-space: Phi = I + B with phi in the receiving-rows x emitting-columns block,
    // Lambda = diag(lam_in, lam_out). Then Phi^-1 = 2I - Phi, and A = Phi Lambda Phi^-1 has diagonal
    // Lambda and lower-left block W.
    const int n = 7;
    const int m = 5;
    SpectralLayer<double> layer(n, m, false, true);
    Random random(11);
    layer.initialise(random);
    const auto& phi = layer.eigenvectors();
    Matrix<double> bigPhi = Matrix<double>::Identity(n + m, n + m);
    bigPhi.bottomLeftCorner(m, n) = phi;
    Vector<double> lambda(n + m);
    lambda << layer.inputEigenvalues().col(0), layer.outputEigenvalues().col(0);
    const Matrix<double> inverse = bigPhi.inverse();
    QVERIFY((inverse - (2 * Matrix<double>::Identity(n + m, n + m) - bigPhi)).cwiseAbs().maxCoeff() < 1e-14);
    const Matrix<double> a = bigPhi * lambda.asDiagonal() * inverse;
    QVERIFY((a.bottomLeftCorner(m, n) - layer.effectiveWeights()).cwiseAbs().maxCoeff() < 1e-14);
    QVERIFY((a.diagonal() - lambda).cwiseAbs().maxCoeff() < 1e-14);
    QVERIFY(a.topRightCorner(n, m).cwiseAbs().maxCoeff() < 1e-14);
    // The lambdas are A's eigenvalues: A is block lower-triangular with diagonal Lambda.
    QVERIFY(a.topLeftCorner(n, n).isDiagonal(1e-14));
    QVERIFY(a.bottomRightCorner(m, m).isDiagonal(1e-14));
}

void SpectralEquivalenceTest::oneSetIsTwoSetsWithZeroInputEigenvalues()
{
    Random random(5);
    SpectralLayer<double> oneSet(6, 4, false, false);
    oneSet.initialise(random);
    SpectralLayer<double> twoSets(6, 4, false, true);
    auto parameters = twoSets.parameters(); // phi, lam_in, lam_out
    *parameters[0].value = oneSet.eigenvectors();
    parameters[1].value->setZero();
    *parameters[2].value = oneSet.outputEigenvalues();
    twoSets.refresh();
    QVERIFY((oneSet.effectiveWeights() - twoSets.effectiveWeights()).cwiseAbs().maxCoeff() < 1e-15);
    // and V1 is W_ij = -lam_i phi_ij
    const Matrix<double> expected = -(oneSet.outputEigenvalues().col(0).asDiagonal() * oneSet.eigenvectors());
    QVERIFY((oneSet.effectiveWeights() - expected).cwiseAbs().maxCoeff() < 1e-15);
}

void SpectralEquivalenceTest::qrFactorHasOrthonormalRows()
{
    Random random(9);
    for (const auto& [n, m] : {std::pair{10, 4}, std::pair{4, 10}}) {
        Network<double> network(Architecture{{n, m}, LayerKind::Qr, Activation::Tanh, false});
        network.initialise(random);
        auto frozen = network.layer(0).frozenTensors();
        QCOMPARE(frozen.size(), std::size_t(1));
        const Matrix<double>& q = *frozen[0].value;
        QCOMPARE(q.rows(), Eigen::Index(std::min(n, m)));
        QVERIFY((q * q.transpose() - Matrix<double>::Identity(q.rows(), q.rows())).cwiseAbs().maxCoeff() < 1e-12);
        // phi0 ~ N(0, 0.036^2): the initial weights are small but not zero
        const double spread = network.layer(0).effectiveWeights().cwiseAbs().maxCoeff();
        QVERIFY(spread > 0 && spread < 1);
    }
}

QTEST_APPLESS_MAIN(SpectralEquivalenceTest)
#include "test_spectral_equivalence.moc"
