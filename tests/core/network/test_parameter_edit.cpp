// SPDX-License-Identifier: MIT
// Eigenvalues as knobs: an edit changes W exactly as W_ij = phi_ij (lam_in_j - lam_out_i) says,
// restoring the old value restores the network bit for bit, and every impossible edit is refused
// with nothing changed.
#include "core/network/ParameterEdit.h"

#include "core/Error.h"
#include "core/layers/SpectralLayer.h"

#include <QTest>

#include <cstring>

using namespace reciprocal;

namespace {

Network<float> network(LayerKind kind)
{
    Random random(5);
    Network<float> result(Architecture{{4, 6, 3}, kind, Activation::Tanh, true});
    result.initialise(random);
    return result;
}

bool sameBits(const Matrix<float>& a, const Matrix<float>& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<std::size_t>(a.size())) == 0;
}

const SpectralLayer<float>& spectral(const Network<float>& net, int index)
{
    return dynamic_cast<const SpectralLayer<float>&>(net.layer(index));
}

} // namespace

class ParameterEditTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesTheCommandLineForm();
    void rejectsMalformedText_data();
    void rejectsMalformedText();
    void outputEigenvalueScalesOneRow();
    void inputEigenvalueShiftsOneColumn();
    void oneSetSilencesTheNodesIncomingWeights();
    void restoringTheOldValueRestoresEveryBit();
    void impossibleEditsChangeNothing_data();
    void impossibleEditsChangeNothing();
};

void ParameterEditTest::parsesTheCommandLineForm()
{
    const ParameterEdit edit = parseParameterEdit("2:17:lam_in=-0.25");
    QCOMPARE(edit.transfer, 2);
    QCOMPARE(edit.node, 17);
    QCOMPARE(edit.parameter, NodeParameter::InputEigenvalue);
    QCOMPARE(edit.value, -0.25);
    QCOMPARE(parseParameterEdit(parameterEditText(edit)), edit);
    QCOMPARE(parseParameterEdit("1:0:bias=+3").value, 3.0);
}

void ParameterEditTest::rejectsMalformedText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("no value") << "1:0:lam_out";
    QTest::newRow("no node") << "1:lam_out=1";
    QTest::newRow("comma decimal") << "1:0:lam_out=0,5";
    QTest::newRow("nan") << "1:0:lam_out=nan";
    QTest::newRow("inf") << "1:0:lam_out=inf";
    QTest::newRow("huge") << "1:0:lam_out=1e7";
    QTest::newRow("fractional node") << "1:0.5:lam_out=1";
    QTest::newRow("negative layer") << "-1:0:lam_out=1";
    QTest::newRow("unknown parameter") << "1:0:phi=1";
    QTest::newRow("empty") << "";
}

void ParameterEditTest::rejectsMalformedText()
{
    QFETCH(QString, text);
    QVERIFY_THROWS_EXCEPTION(InputError, parseParameterEdit(text.toStdString()));
}

void ParameterEditTest::outputEigenvalueScalesOneRow()
{
    Network<float> net = network(LayerKind::Spectral2);
    const Matrix<float> before = net.layer(0).effectiveWeights();
    const float previous = applyParameterEdit(net, {1, 2, NodeParameter::OutputEigenvalue, 0.75});
    const SpectralLayer<float>& layer = spectral(net, 0);
    QCOMPARE(layer.outputEigenvalues()(2, 0), 0.75f);
    QVERIFY(previous != 0.75f);
    const Matrix<float>& after = layer.effectiveWeights();
    for (int i = 0; i < after.rows(); ++i)
        for (int j = 0; j < after.cols(); ++j) {
            const float expected = layer.eigenvectors()(i, j) * (layer.inputEigenvalues()(j, 0) - layer.outputEigenvalues()(i, 0));
            QCOMPARE(after(i, j), expected);
            if (i != 2)
                QCOMPARE(after(i, j), before(i, j)); // only the receiving node's row moves
        }
}

void ParameterEditTest::inputEigenvalueShiftsOneColumn()
{
    Network<float> net = network(LayerKind::Spectral2);
    const Matrix<float> before = net.layer(1).effectiveWeights();
    applyParameterEdit(net, {2, 4, NodeParameter::InputEigenvalue, -1.5});
    const SpectralLayer<float>& layer = spectral(net, 1);
    const Matrix<float>& after = layer.effectiveWeights();
    for (int i = 0; i < after.rows(); ++i)
        for (int j = 0; j < after.cols(); ++j) {
            if (j == 4)
                QCOMPARE(after(i, j), layer.eigenvectors()(i, j) * (-1.5f - layer.outputEigenvalues()(i, 0)));
            else
                QCOMPARE(after(i, j), before(i, j));
        }
}

void ParameterEditTest::oneSetSilencesTheNodesIncomingWeights()
{
    Network<float> net = network(LayerKind::Spectral1);
    applyParameterEdit(net, {1, 3, NodeParameter::OutputEigenvalue, 0.0});
    applyParameterEdit(net, {1, 3, NodeParameter::Bias, 0.0});
    QVERIFY(net.layer(0).effectiveWeights().row(3).isZero(0.0));
    Matrix<float> input = Matrix<float>::Random(4, 5);
    net.forward(input);
    QVERIFY(net.hiddenActivations(0).row(3).isZero(0.0)); // tanh(0) = 0: the node is silent
}

void ParameterEditTest::restoringTheOldValueRestoresEveryBit()
{
    Network<float> net = network(LayerKind::Spectral2);
    const Network<float> original = net;
    const ParameterEdit edit{1, 0, NodeParameter::InputEigenvalue, 0.123456789};
    ParameterEdit undo = edit;
    undo.value = applyParameterEdit(net, edit);
    QVERIFY(!sameBits(net.layer(0).effectiveWeights(), original.layer(0).effectiveWeights()));
    applyParameterEdit(net, undo);
    for (int k = 0; k < net.layerCount(); ++k) {
        QVERIFY(sameBits(net.layer(k).effectiveWeights(), original.layer(k).effectiveWeights()));
        QVERIFY(sameBits(net.layer(k).effectiveBias(), original.layer(k).effectiveBias()));
    }
    QCOMPARE(parameterValue(net, edit.address()), parameterValue(original, edit.address()));
}

void ParameterEditTest::impossibleEditsChangeNothing_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("edit");
    QTest::newRow("layer 0") << "spectral2" << "0:0:lam_out=1";
    QTest::newRow("layer past the end") << "spectral2" << "3:0:lam_out=1";
    QTest::newRow("node past the end") << "spectral2" << "1:6:lam_out=1";
    QTest::newRow("input node past the end") << "spectral2" << "1:4:lam_in=1";
    QTest::newRow("lam_in of one set") << "spectral1" << "1:0:lam_in=1";
    QTest::newRow("eigenvalue of a direct layer") << "direct" << "1:0:lam_out=1";
}

void ParameterEditTest::impossibleEditsChangeNothing()
{
    QFETCH(QString, kind);
    QFETCH(QString, edit);
    Network<float> net = network(parseLayerKind(kind.toStdString()));
    const Network<float> original = net;
    try {
        applyParameterEdit(net, parseParameterEdit(edit.toStdString()));
        QFAIL("the edit was accepted");
    } catch (const InputError& error) {
        QVERIFY2(std::strlen(error.what()) > 10, error.what());
    }
    for (int k = 0; k < net.layerCount(); ++k)
        QVERIFY(sameBits(net.layer(k).effectiveWeights(), original.layer(k).effectiveWeights()));
}

QTEST_APPLESS_MAIN(ParameterEditTest)
#include "test_parameter_edit.moc"
