// SPDX-License-Identifier: MIT
// The papers' initialisations as presets: each draws what docs/theory.md says (bounds, spreads,
// constants), Default is each kind's own preset bit for bit, a preset a kind lacks is refused
// before anything is drawn, and SpectralTools' lam_in stays 0 through training.
#include "core/layers/Initialisation.h"

#include "core/Error.h"
#include "core/data/ToyDatasets.h"
#include "core/layers/QrSpectralLayer.h"
#include "core/layers/SpectralLayer.h"
#include "core/layers/SvdSpectralLayer.h"
#include "core/training/Trainer.h"

#include <QTest>

#include <cmath>

using namespace reciprocal;

namespace {

Network<float> drawn(LayerKind kind, Initialisation initialisation, std::uint64_t seed = 5)
{
    Network<float> network(Architecture{{300, 200, 10}, kind, Activation::Tanh, true});
    Random random(seed);
    network.initialise(random, initialisation);
    return network;
}

const SpectralLayer<float>& spectral(const Network<float>& network, int k = 0)
{
    return dynamic_cast<const SpectralLayer<float>&>(network.layer(k));
}

double standardDeviation(const Matrix<float>& m)
{
    const double mean = m.cast<double>().mean();
    return std::sqrt((m.cast<double>().array() - mean).square().mean());
}

// Every parameter group and frozen tensor, bit for bit.
bool identical(const Network<float>& a, const Network<float>& b)
{
    for (int k = 0; k < a.layerCount(); ++k) {
        const auto one = a.layer(k).parameterValues();
        const auto two = b.layer(k).parameterValues();
        const auto frozenOne = a.layer(k).frozenValues();
        const auto frozenTwo = b.layer(k).frozenValues();
        for (std::size_t g = 0; g < one.size(); ++g)
            if (*one[g].value != *two[g].value)
                return false;
        for (std::size_t g = 0; g < frozenOne.size(); ++g)
            if (*frozenOne[g].value != *frozenTwo[g].value)
                return false;
    }
    return true;
}

} // namespace

class InitialisationTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultIsEachKindsOwnPreset();
    void drawsHaveThePapersBoundsAndSpreads();
    void constantEigenvaluesAreExact();
    void presetsAKindLacksAreRefused();
    void spectralToolsHoldsInputEigenvaluesAtZero();
};

void InitialisationTest::defaultIsEachKindsOwnPreset()
{
    QVERIFY(identical(drawn(LayerKind::Direct, Initialisation::Default), drawn(LayerKind::Direct, Initialisation::Glorot)));
    QVERIFY(identical(drawn(LayerKind::Spectral1, Initialisation::Default),
                      drawn(LayerKind::Spectral1, Initialisation::SciRepOneSet)));
    QVERIFY(identical(drawn(LayerKind::Spectral2, Initialisation::Default),
                      drawn(LayerKind::Spectral2, Initialisation::SciRepTwoSet)));
    QVERIFY(identical(drawn(LayerKind::Qr, Initialisation::Default), drawn(LayerKind::Qr, Initialisation::Pre)));
    QVERIFY(identical(drawn(LayerKind::Ssvd, Initialisation::Default), drawn(LayerKind::Ssvd, Initialisation::Pre)));
    // And a different preset is a different draw (the comparison can fail).
    QVERIFY(!identical(drawn(LayerKind::Spectral2, Initialisation::Default),
                       drawn(LayerKind::Spectral2, Initialisation::SciRepOneSet)));
}

void InitialisationTest::drawsHaveThePapersBoundsAndSpreads()
{
    // U(+-a) has s.d. a / sqrt(3); 60,000 draws put the estimate within 2 %.
    const auto uniformSd = [](double bound) { return bound / std::sqrt(3.0); };
    {
        const Network<float> network = drawn(LayerKind::Spectral2, Initialisation::SciRepOneSet);
        const auto& layer = spectral(network); // the network outlives the reference
        QVERIFY(layer.eigenvectors().cwiseAbs().maxCoeff() <= 0.2f);
        QVERIFY(std::abs(standardDeviation(layer.eigenvectors()) / uniformSd(0.2) - 1.0) < 0.02);
        QVERIFY(layer.inputEigenvalues().cwiseAbs().maxCoeff() <= 0.5f);
        QVERIFY(layer.outputEigenvalues().cwiseAbs().maxCoeff() <= 0.5f);
    }
    {
        const Network<float> network = drawn(LayerKind::Spectral2, Initialisation::Pre);
        const auto& layer = spectral(network); // the network outlives the reference
        QVERIFY(std::abs(standardDeviation(layer.eigenvectors()) / 0.036 - 1.0) < 0.02);
        QVERIFY(layer.inputEigenvalues().cwiseAbs().maxCoeff() <= 0.97f);
        QVERIFY(layer.inputEigenvalues().cwiseAbs().maxCoeff() > 0.9f);
        QVERIFY(layer.outputEigenvalues().cwiseAbs().maxCoeff() <= 0.13f);
    }
    {
        // phi = U diag(s) V with U, V ~ N(0, 0.04^2), s ~ U(0, 3): entries of s.d. 0.04^2 sqrt(r E[s^2]) = 0.0016 sqrt(3 r).
        const Network<float> network = drawn(LayerKind::Spectral2, Initialisation::PreSsvdFull);
        const auto& layer = spectral(network); // the network outlives the reference
        QVERIFY(std::abs(standardDeviation(layer.eigenvectors()) / (0.0016 * std::sqrt(3.0 * 200)) - 1.0) < 0.05);
    }
    {
        const Network<float> network = drawn(LayerKind::Spectral2, Initialisation::SpectralTools);
        const auto& layer = spectral(network); // the network outlives the reference
        const double glorot = std::sqrt(6.0 / (300 + 200));
        QVERIFY(layer.eigenvectors().cwiseAbs().maxCoeff() <= glorot);
        QVERIFY(std::abs(standardDeviation(layer.eigenvectors()) / uniformSd(glorot) - 1.0) < 0.02);
    }
}

void InitialisationTest::constantEigenvaluesAreExact()
{
    for (LayerKind kind : {LayerKind::Spectral2, LayerKind::Qr}) {
        const Network<float> network = drawn(kind, Initialisation::PreSparseQr);
        const auto& layer = spectral(network);
        QVERIFY((layer.inputEigenvalues().array() == 1.0f).all());
        QVERIFY((layer.outputEigenvalues().array() == 0.0f).all());
        // W = phi (1 - 0): the sparse runs start from a plain dense draw.
        QCOMPARE(network.layer(0).effectiveWeights(), layer.eigenvectors());
        QVERIFY(std::abs(standardDeviation(layer.eigenvectors()) / 0.036 - 1.0) < 0.02);
    }
    for (LayerKind kind : {LayerKind::Spectral2, LayerKind::Qr, LayerKind::Ssvd}) {
        const Network<float> network = drawn(kind, Initialisation::PreSsvdFull);
        QVERIFY((spectral(network).inputEigenvalues().array() == 0.0f).all());
        QVERIFY((spectral(network).outputEigenvalues().array() == 1.0f).all());
        QCOMPARE(network.layer(0).effectiveWeights(), Matrix<float>(-spectral(network).eigenvectors()));
    }
}

void InitialisationTest::presetsAKindLacksAreRefused()
{
    for (const std::string& name : initialisationNames()) {
        const Initialisation initialisation = parseInitialisation(name);
        for (LayerKind kind : {LayerKind::Direct, LayerKind::Spectral1, LayerKind::Spectral2, LayerKind::Qr, LayerKind::Ssvd}) {
            if (initialisationFits(initialisation, kind)) {
                drawn(kind, initialisation); // draws without complaint
                continue;
            }
            Network<float> network(Architecture{{6, 4, 3}, kind, Activation::Tanh, false});
            const Network<float> untouched = network;
            Random random(1);
            QVERIFY_THROWS_EXCEPTION(InputError, network.initialise(random, initialisation));
            QVERIFY(identical(network, untouched));
        }
    }
    try {
        checkInitialisation(Initialisation::PreSparseQr, LayerKind::Direct);
        QFAIL("direct layers have no eigenvalues to set");
    } catch (const InputError& error) {
        QCOMPARE(QString::fromUtf8(error.what()),
                 QStringLiteral("initialisation 'pre-sparse-qr' is defined for spectral2, qr, qr-triangular layers, not direct"));
    }
    QVERIFY_THROWS_EXCEPTION(InputError, parseInitialisation("xavier"));
}

void InitialisationTest::spectralToolsHoldsInputEigenvaluesAtZero()
{
    TrainingSettings settings;
    settings.batchSize = 20;
    settings.initialisation = Initialisation::SpectralTools;
    Model model = Model::create(Architecture{{2, 16, 3}, LayerKind::Spectral2, Activation::Tanh, true}, TrainMode::Full,
                                settings, "spirals", {OptimizerKind::Adam, 0.01});
    QCOMPARE(model.held.size(), std::size_t(2 + 16));
    const Matrix<float> lamOutBefore = spectral(model.network, 1).outputEigenvalues();
    Trainer(model, makeSpirals(200, 3, 0.05, 7)).trainEpoch();
    QVERIFY((spectral(model.network, 0).inputEigenvalues().array() == 0.0f).all());
    QVERIFY((spectral(model.network, 1).inputEigenvalues().array() == 0.0f).all());
    QVERIFY(spectral(model.network, 1).outputEigenvalues() != lamOutBefore);
}

QTEST_APPLESS_MAIN(InitialisationTest)
#include "test_initialisation.moc"
