// SPDX-License-Identifier: MIT
// Random-subset training (the Nat. Commun. 2021 baseline): exactly N weights train, every other
// weight and every bias stays bit-identical, the count says N, and a saved model redraws the same
// subset and resumes exactly.
#include "core/training/RandomSubset.h"

#include "core/Error.h"
#include "core/data/ToyDatasets.h"
#include "core/io/ModelFile.h"
#include "core/training/Trainer.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reciprocal;

namespace {

Model subsetModel(long long count, std::uint64_t seed = 4)
{
    TrainingSettings settings;
    settings.batchSize = 25;
    settings.seed = seed;
    settings.trainableSubset = count;
    return Model::create(Architecture{{2, 12, 12, 3}, LayerKind::Direct, Activation::Tanh, true}, TrainMode::Full,
                         settings, "spirals", {OptimizerKind::Adam, 0.01});
}

} // namespace

class RandomSubsetTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_data = makeSpirals(300, 3, 0.05, 5); }
    void onlyTheSubsetTrains();
    void theDrawIsSeededAndSpreadOverLayers();
    void savedModelsRedrawTheSameSubset();
    void impossibleSubsetsAreRefused();

private:
    Dataset m_data;
};

void RandomSubsetTest::onlyTheSubsetTrains()
{
    Model model = subsetModel(40);
    QCOMPARE(model.network.trainableParameterCount(), 40LL);
    const Network<float> before = model.network;
    for (const OptimizerKind optimizer : {OptimizerKind::Adam, OptimizerKind::Adamax, OptimizerKind::Sgd}) {
        model.optimizer.setSettings({optimizer, 0.01, 0.9});
        Trainer(model, m_data).trainEpoch();
    }
    long long moved = 0;
    for (int k = 0; k < model.network.layerCount(); ++k) {
        const Layer<float>& now = model.network.layer(k);
        const Layer<float>& was = before.layer(k);
        const auto trains = now.trainableWeights().array() != 0.0f;
        const auto changed = now.effectiveWeights().array() != was.effectiveWeights().array();
        QCOMPARE((changed && !trains).count(), Eigen::Index(0)); // frozen weights: bit-identical
        moved += (changed && trains).count();
        QVERIFY(now.bias() == was.bias());
    }
    QVERIFY2(moved >= 35, qPrintable(QString::number(moved))); // the subset itself learns
}

void RandomSubsetTest::theDrawIsSeededAndSpreadOverLayers()
{
    const Model one = subsetModel(60, 4);
    const Model same = subsetModel(60, 4);
    const Model other = subsetModel(60, 5);
    bool differs = false;
    long long total = 0;
    for (int k = 0; k < one.network.layerCount(); ++k) {
        QVERIFY(one.network.layer(k).trainableWeights() == same.network.layer(k).trainableWeights());
        differs = differs || one.network.layer(k).trainableWeights() != other.network.layer(k).trainableWeights();
        total += one.network.layer(k).trainableParameterCount();
    }
    QVERIFY(differs);
    QCOMPARE(total, 60LL);
    // 24 + 144 + 36 weights: a uniform draw of 60 reaches the largest layer most.
    QVERIFY(one.network.layer(1).trainableParameterCount() > one.network.layer(0).trainableParameterCount());
}

void RandomSubsetTest::savedModelsRedrawTheSameSubset()
{
    QTemporaryDir dir;
    Model uninterrupted = subsetModel(30);
    Model first = subsetModel(30);
    Trainer(uninterrupted, m_data).trainEpoch();
    Trainer(uninterrupted, m_data).trainEpoch();
    Trainer(first, m_data).trainEpoch();
    const std::string path = dir.filePath(QStringLiteral("subset.rcp")).toStdString();
    saveModel(first, path);
    Model resumed = loadModel(path);
    QCOMPARE(resumed.training.trainableSubset, 30LL);
    Trainer(resumed, m_data).trainEpoch();
    for (int k = 0; k < resumed.network.layerCount(); ++k) {
        QVERIFY(resumed.network.layer(k).trainableWeights() == uninterrupted.network.layer(k).trainableWeights());
        QVERIFY(resumed.network.layer(k).effectiveWeights() == uninterrupted.network.layer(k).effectiveWeights());
    }
}

void RandomSubsetTest::impossibleSubsetsAreRefused()
{
    QVERIFY_THROWS_EXCEPTION(InputError, subsetModel(24 + 144 + 36 + 1));
    TrainingSettings settings;
    settings.trainableSubset = 10;
    try {
        Model::create(Architecture{{2, 12, 3}, LayerKind::Spectral2, Activation::Tanh, false}, TrainMode::Eigenvalues,
                      settings, "spirals");
        QFAIL("a spectral network took a random subset");
    } catch (const InputError& error) {
        QVERIFY(std::string(error.what()).find("needs direct layers") != std::string::npos);
    }
}

QTEST_APPLESS_MAIN(RandomSubsetTest)
#include "test_random_subset.moc"
