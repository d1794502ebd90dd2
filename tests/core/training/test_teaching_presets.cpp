// SPDX-License-Identifier: MIT
// The teaching presets learn their data sets: with the preset and nothing else, xor, circles and
// blobs reach 0.97 test accuracy and spirals 0.92 (issue: "2-D sets stay at chance with the
// defaults"), for each of five initialisation seeds, as `reciprocal train --dataset NAME` runs them.
#include "core/data/DatasetLoader.h"
#include "core/training/Evaluation.h"
#include "core/training/TeachingPresets.h"
#include "core/training/Trainer.h"

#include <QTest>

using namespace reciprocal;

class TeachingPresetTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void presetsLearnTheirSets_data();
    void presetsLearnTheirSets();
    void onlyGeneratedSetsHavePresets();
};

void TeachingPresetTest::presetsLearnTheirSets_data()
{
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<double>("target");
    QTest::newRow("xor") << "xor" << 0.97;
    QTest::newRow("circles") << "circles" << 0.97;
    QTest::newRow("blobs") << "blobs" << 0.97;
    QTest::newRow("spirals") << "spirals" << 0.92;
}

void TeachingPresetTest::presetsLearnTheirSets()
{
    QFETCH(QString, dataset);
    QFETCH(double, target);
    const TeachingPreset* preset = teachingPreset(dataset.toStdString());
    QVERIFY(preset);
    DatasetSpec spec;
    spec.name = dataset.toStdString();
    spec.toySamples = preset->samples;
    spec.toyNoise = preset->noise;
    const DataSplit data = loadDataset(spec);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        TrainingSettings training;
        training.batchSize = preset->batchSize;
        training.seed = seed;
        Model model = Model::create(Architecture{presetWidths(*preset, spec), LayerKind::Spectral2,
                                                 preset->activation, preset->bias},
                                    TrainMode::Full, training, spec.name, {preset->optimizer, preset->learningRate});
        Trainer trainer(model, data.train);
        for (int epoch = 0; epoch < preset->epochs; ++epoch)
            trainer.trainEpoch();
        const double accuracy = evaluate(model.network, data.test).accuracy;
        QVERIFY2(accuracy >= target, qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(accuracy)));
    }
}

void TeachingPresetTest::onlyGeneratedSetsHavePresets()
{
    for (const char* generated : {"spirals", "circles", "xor", "blobs"})
        QVERIFY(teachingPreset(generated));
    for (const char* other : {"fashion-mnist", "mnist", "cifar10", "csv", "unknown"})
        QVERIFY(!teachingPreset(other));
    DatasetSpec spirals;
    spirals.name = "spirals";
    spirals.toyClasses = 5;
    QCOMPARE(presetWidths(*teachingPreset("spirals"), spirals), (std::vector<int>{2, 32, 32, 5}));
    DatasetSpec xorSet;
    xorSet.name = "xor";
    QCOMPARE(presetWidths(*teachingPreset("xor"), xorSet), (std::vector<int>{2, 32, 32, 2}));
}

QTEST_APPLESS_MAIN(TeachingPresetTest)
#include "test_teaching_presets.moc"
