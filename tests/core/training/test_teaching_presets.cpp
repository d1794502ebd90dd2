// SPDX-License-Identifier: MIT
// The teaching presets learn their data sets: with the preset and nothing else, xor, circles and
// blobs reach 0.97 test accuracy for each of five initialisation seeds, and spirals 0.92 on average
// over them and at least 0.90 each (issue: "2-D sets stay at chance with the defaults"), as
// `reciprocal train --dataset NAME` runs them, at every CPU level this machine has. Each level
// rounds differently and so trains another, equally good trajectory; spirals' 250 test points
// spread its seeds from 0.912 to 0.964 over the three levels (docs/command-line.md).
#include "ScopedCpuLevel.h"
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
    QTest::addColumn<CpuLevel>("level");
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<double>("meanTarget");
    QTest::addColumn<double>("seedTarget");
    for (const CpuLevel level : supportedCpuLevels()) {
        newLevelRow(level, "xor") << level << "xor" << 0.97 << 0.97;
        newLevelRow(level, "circles") << level << "circles" << 0.97 << 0.97;
        newLevelRow(level, "blobs") << level << "blobs" << 0.97 << 0.97;
        newLevelRow(level, "spirals") << level << "spirals" << 0.92 << 0.90;
    }
}

void TeachingPresetTest::presetsLearnTheirSets()
{
    QFETCH(CpuLevel, level);
    QFETCH(QString, dataset);
    QFETCH(double, meanTarget);
    QFETCH(double, seedTarget);
    const ScopedCpuLevel scopedLevel(level);
    const TeachingPreset* preset = teachingPreset(dataset.toStdString());
    QVERIFY(preset);
    DatasetSpec spec;
    spec.name = dataset.toStdString();
    spec.toySamples = preset->samples;
    spec.toyNoise = preset->noise;
    const DataSplit data = loadDataset(spec);
    double sum = 0.0;
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
        QVERIFY2(accuracy >= seedTarget, qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(accuracy)));
        sum += accuracy;
    }
    QVERIFY2(sum / 5 >= meanTarget, qPrintable(QStringLiteral("mean %1").arg(sum / 5)));
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
