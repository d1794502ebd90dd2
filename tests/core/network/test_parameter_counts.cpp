// SPDX-License-Identifier: MIT
// Exact parameter counts per layer kind and training mode (trainable and total).
#include "core/network/Network.h"

#include "core/Error.h"

#include <QTest>

#include <algorithm>

using namespace reciprocal;

class ParameterCountTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
    void impossibleModeIsRejected();
    void papersCountsForOneHiddenLayer_data();
    void papersCountsForOneHiddenLayer();
};

void ParameterCountTest::counts_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<qlonglong>("trainable");
    QTest::addColumn<qlonglong>("total");
    // 784-100-10: transfers 784->100 and 100->10
    const qlonglong w = 784 * 100 + 100 * 10;
    const qlonglong biases = 100 + 10;
    const qlonglong twoSets = (784 + 100) + (100 + 10);
    const qlonglong oneSet = 100 + 10;
    QTest::newRow("direct") << "direct" << "full" << false << w << w;
    QTest::newRow("direct+bias") << "direct" << "full" << true << w + biases << w + biases;
    QTest::newRow("spectral2 full") << "spectral2" << "full" << false << w + twoSets << w + twoSets;
    QTest::newRow("spectral2 eigenvalues") << "spectral2" << "eigenvalues" << false << twoSets << w + twoSets;
    QTest::newRow("spectral2 eigenvalues+bias") << "spectral2" << "eigenvalues" << true << twoSets + biases
                                                << w + twoSets + biases;
    QTest::newRow("spectral2 eigenvectors") << "spectral2" << "eigenvectors" << false << w << w + twoSets;
    QTest::newRow("spectral1 full") << "spectral1" << "full" << false << w + oneSet << w + oneSet;
    QTest::newRow("spectral1 eigenvalues") << "spectral1" << "eigenvalues" << false << oneSet << w + oneSet;
    // QR: R is m x r (trained in full), Q is r x n frozen; r = 100 then 10.
    const qlonglong r = 100 * 100 + 10 * 10;
    const qlonglong q = 100 * 784 + 10 * 100;
    QTest::newRow("qr full") << "qr" << "full" << false << r + twoSets << r + q + twoSets;
    QTest::newRow("qr eigenvalues") << "qr" << "eigenvalues" << false << twoSets << r + q + twoSets;
    // Triangular R: r(r+1)/2 + (m-r)r entries, here m = r in both transfers.
    const qlonglong triangle = 100 * 101 / 2 + 10 * 11 / 2;
    QTest::newRow("qr-triangular full") << "qr-triangular" << "full" << false << triangle + twoSets
                                        << triangle + q + twoSets;
    // S-SVD: s has r entries, U (m x r) and V (r x n) frozen.
    const qlonglong s = 100 + 10;
    const qlonglong uv = (100 * 100 + 100 * 784) + (10 * 10 + 10 * 100);
    QTest::newRow("ssvd full") << "ssvd" << "full" << true << s + twoSets + biases << s + uv + twoSets + biases;
}

void ParameterCountTest::counts()
{
    QFETCH(QString, kind);
    QFETCH(QString, mode);
    QFETCH(bool, bias);
    QFETCH(qlonglong, trainable);
    QFETCH(qlonglong, total);
    Network<float> network(Architecture{{784, 100, 10}, parseLayerKind(kind.toStdString()), Activation::Tanh, bias});
    network.setTrainMode(parseTrainMode(mode.toStdString()));
    QCOMPARE(network.trainableParameterCount(), trainable);
    QCOMPARE(network.totalParameterCount(), total);
}

void ParameterCountTest::impossibleModeIsRejected()
{
    Network<float> network(Architecture{{4, 3, 2}, LayerKind::Direct, Activation::Tanh, false});
    QVERIFY_THROWS_EXCEPTION(InputError, network.setTrainMode(TrainMode::Eigenvalues));
    QCOMPARE(network.trainMode(), TrainMode::Full);
}

// Chicchi et al. 2021 plot their models against the trainable parameters of N1-N2-10 (N1 = 784)
// with these formulas (biases not counted for QR; r1 = min(N1, N2), r2 = min(N2, 10)).
void ParameterCountTest::papersCountsForOneHiddenLayer_data()
{
    QTest::addColumn<int>("width");
    for (const int width : {50, 100, 150, 200, 300})
        QTest::newRow(qPrintable(QString::number(width))) << width;
}

void ParameterCountTest::papersCountsForOneHiddenLayer()
{
    QFETCH(int, width);
    const long long n1 = 784, n2 = width;
    const long long r1 = std::min(n1, n2), r2 = std::min(n2, 10LL);
    const auto trainable = [&](const char* kind, const char* mode, bool bias) {
        Network<float> network(Architecture{{784, width, 10}, parseLayerKind(kind), Activation::Relu, bias});
        network.setTrainMode(parseTrainMode(mode));
        return network.trainableParameterCount();
    };
    QCOMPARE(trainable("direct", "full", true), n1 * n2 + 10 * n2 + n2 + 10);
    QCOMPARE(trainable("spectral2", "eigenvalues", true), (n1 + 2 * n2 + 10) + (n2 + 10));
    QCOMPARE(trainable("ssvd", "full", true), r1 + r2 + n1 + 3 * n2 + 20);
    QCOMPARE(trainable("qr-triangular", "full", false), n1 + 2 * n2 + 10 + r1 * (r1 + 1) / 2 + r2 * (r2 + 1) / 2);
    // The authors' code trains R in full: r1 and r2 columns of N2 and 10 rows.
    QCOMPARE(trainable("qr", "full", false), n1 + 2 * n2 + 10 + n2 * r1 + 10 * r2);
    if (width == 100)
        QCOMPARE(trainable("qr-triangular", "full", false), 6099LL); // the fixture decoded from their plots
    if (width == 200)
        QCOMPARE(trainable("qr-triangular", "full", false), 21349LL);
}

QTEST_APPLESS_MAIN(ParameterCountTest)
#include "test_parameter_counts.moc"
