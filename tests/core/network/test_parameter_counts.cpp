// Exact parameter counts per layer kind and training mode (trainable and total).
#include "core/network/Network.h"

#include "core/Error.h"

#include <QTest>

using namespace reciprocal;

class ParameterCountTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
    void impossibleModeIsRejected();
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

QTEST_APPLESS_MAIN(ParameterCountTest)
#include "test_parameter_counts.moc"
