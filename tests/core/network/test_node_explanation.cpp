// SPDX-License-Identifier: MIT
// The formula read-out's numbers: every term is φ_ij (λ_in,j − λ_out,i) a_j, they are sorted by
// size, and with the bias they add up to the pre-activation the network computes.
#include "core/network/NodeExplanation.h"

#include "core/Error.h"

#include <QTest>

#include <cmath>

using namespace reciprocal;

class NodeExplanationTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void termsAddUpToTheNetworksPreActivation_data();
    void termsAddUpToTheNetworksPreActivation();
    void badRequestsAreRefused();
};

void NodeExplanationTest::termsAddUpToTheNetworksPreActivation_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("layer");
    QTest::newRow("two sets, first transfer") << "spectral2" << 0;
    QTest::newRow("two sets, hidden to hidden") << "spectral2" << 1;
    QTest::newRow("one set, output") << "spectral1" << 2;
    QTest::newRow("direct") << "direct" << 1;
}

void NodeExplanationTest::termsAddUpToTheNetworksPreActivation()
{
    QFETCH(QString, kind);
    QFETCH(int, layer);
    Random random(7);
    Network<float> network(Architecture{{3, 6, 5, 4}, parseLayerKind(kind.toStdString()), Activation::Tanh, true});
    network.initialise(random);
    Vector<float> sample(3);
    sample << 0.3f, -0.7f, 1.1f;
    const NodeExplanation explanation = explainNode(network, layer, 2, sample);
    QCOMPARE(explanation.terms.size(), std::size_t(network.layer(layer).inputCount()));
    float sum = explanation.bias;
    for (std::size_t k = 0; k < explanation.terms.size(); ++k) {
        const NodeTerm& term = explanation.terms[k];
        if (k > 0)
            QVERIFY(std::abs(term.term) <= std::abs(explanation.terms[k - 1].term));
        QCOMPARE(term.term, term.weight * term.input);
        if (kind != QStringLiteral("direct"))
            QVERIFY(std::abs(term.weight - term.eigenvector * (term.lamIn - term.lamOut)) < 1e-6f);
        sum += term.term;
    }
    QVERIFY(std::abs(sum - explanation.preActivation) < 1e-5f);
    // The network's own pre-activation of that node: atanh of the hidden activation, or the logit.
    network.forward(sample);
    if (layer + 1 < network.layerCount()) {
        QVERIFY(std::abs(std::tanh(explanation.preActivation) - network.hiddenActivations(layer)(2, 0)) < 1e-5f);
        QCOMPARE(explanation.activation, network.hiddenActivations(layer)(2, 0));
    } else {
        QVERIFY(explanation.activation > 0.0f && explanation.activation < 1.0f); // a probability
    }
}

void NodeExplanationTest::badRequestsAreRefused()
{
    Network<float> network(Architecture{{3, 6, 4}, LayerKind::Spectral2, Activation::Tanh, false});
    Vector<float> sample = Vector<float>::Zero(3);
    QVERIFY_THROWS_EXCEPTION(InputError, explainNode(network, 2, 0, sample));
    QVERIFY_THROWS_EXCEPTION(InputError, explainNode(network, 0, 6, sample));
    QVERIFY_THROWS_EXCEPTION(InputError, explainNode(network, 0, 0, Vector<float>::Zero(2)));
}

QTEST_APPLESS_MAIN(NodeExplanationTest)
#include "test_node_explanation.moc"
