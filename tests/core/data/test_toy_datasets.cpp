#include "DataTestFiles.h"

#include "core/Error.h"
#include "core/data/ToyDatasets.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace reciprocal;
using namespace datatest;

namespace {

DatasetSpec toySpec(const QString& name, int samples = 200, double noise = 0.1, int classes = 3,
                    std::uint64_t seed = 1)
{
    DatasetSpec spec;
    spec.name = str(name);
    spec.toySamples = samples;
    spec.toyNoise = noise;
    spec.toyClasses = classes;
    spec.seed = seed;
    return spec;
}

void checkShape(const Dataset& data, int samples, int classes)
{
    QCOMPARE(data.featureCount(), 2);
    QCOMPARE(data.sampleCount(), samples);
    QCOMPARE(static_cast<int>(data.labels.size()), samples);
    QCOMPARE(data.classCount, classes);
    QCOMPARE(data.sampleShape, std::vector<int>{2});
    std::vector<int> perClass(static_cast<std::size_t>(classes), 0);
    for (std::int32_t label : data.labels) {
        QVERIFY(label >= 0 && label < classes);
        ++perClass[static_cast<std::size_t>(label)];
    }
    for (int count : perClass) // balanced: sample i has label i % classes
        QVERIFY(std::abs(count - samples / classes) <= 1);
    QVERIFY(data.features.allFinite());
    // Roughly [-1, 1]: noise 0.1 stays well inside 1.6 (6 standard deviations).
    QVERIFY2(data.features.cwiseAbs().maxCoeff() < 1.6f, "features far outside [-1, 1]");
}

} // namespace

class TestToyDatasets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sizesAndClasses_data();
    void sizesAndClasses();
    void deterministicBySeed_data();
    void deterministicBySeed();
    void geometry();
    void invalidParametersThrow_data();
    void invalidParametersThrow();
};

void TestToyDatasets::sizesAndClasses_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("expectedClasses");
    QTest::newRow("spirals 3") << "spirals" << 3 << 3;
    QTest::newRow("spirals 10") << "spirals" << 10 << 10;
    QTest::newRow("circles") << "circles" << 3 << 2;
    QTest::newRow("xor") << "xor" << 7 << 2;
    QTest::newRow("blobs 2") << "blobs" << 2 << 2;
    QTest::newRow("blobs 5") << "blobs" << 5 << 5;
}

void TestToyDatasets::sizesAndClasses()
{
    QFETCH(QString, name);
    QFETCH(int, classes);
    QFETCH(int, expectedClasses);
    QVERIFY(isToyDataset(str(name)));
    const DataSplit split = makeToyDataset(toySpec(name, 200, 0.1, classes));
    QCOMPARE(split.name, str(name));
    checkShape(split.train, 200, expectedClasses);
    checkShape(split.test, 50, expectedClasses);
    QCOMPARE(split.validation.sampleCount(), 0);
    // A test set of at least one sample even from a tiny training set.
    QCOMPARE(makeToyDataset(toySpec(name, 3, 0.1, classes)).test.sampleCount(), 1);
}

void TestToyDatasets::deterministicBySeed_data()
{
    sizesAndClasses_data();
}

void TestToyDatasets::deterministicBySeed()
{
    QFETCH(QString, name);
    QFETCH(int, classes);
    const DataSplit a = makeToyDataset(toySpec(name, 100, 0.1, classes, 42));
    const DataSplit b = makeToyDataset(toySpec(name, 100, 0.1, classes, 42));
    const DataSplit c = makeToyDataset(toySpec(name, 100, 0.1, classes, 43));
    QVERIFY(a.train.features == b.train.features);
    QVERIFY(a.test.features == b.test.features);
    QCOMPARE(a.train.labels, b.train.labels);
    QVERIFY(a.train.features != c.train.features);
    QVERIFY(a.test.features != c.test.features);
    // The test set is drawn from its own stream, not a prefix of the training stream.
    QVERIFY(a.test.features != a.train.features.leftCols(a.test.sampleCount()));
}

void TestToyDatasets::geometry()
{
    // Without noise the points lie exactly on the described shapes.
    const Dataset circles = makeCircles(100, 0.0, 5);
    for (int i = 0; i < circles.sampleCount(); ++i) {
        const float radius = circles.features.col(i).norm();
        QVERIFY(std::abs(radius - (circles.labels[static_cast<std::size_t>(i)] == 0 ? 0.5f : 1.0f)) < 1e-5f);
    }
    const Dataset xorSet = makeXor(100, 0.0, 5);
    for (int i = 0; i < xorSet.sampleCount(); ++i) {
        const bool differentSigns = (xorSet.features(0, i) < 0) != (xorSet.features(1, i) < 0);
        QCOMPARE(xorSet.labels[static_cast<std::size_t>(i)], differentSigns ? 1 : 0);
    }
    const Dataset blobs = makeBlobs(40, 4, 0.05, 5);
    for (int i = 0; i < blobs.sampleCount(); ++i) // centre c is at angle c * 90 degrees
        QVERIFY((blobs.features.col(i) - blobs.features.col(blobs.labels[static_cast<std::size_t>(i)]))
                    .norm() < 0.5f);
    const Dataset spirals = makeSpirals(300, 3, 0.0, 5);
    QVERIFY(spirals.features.colwise().norm().maxCoeff() <= 1.0f + 1e-6f);
    QVERIFY(spirals.features.colwise().norm().minCoeff() >= 0.05f - 1e-6f);
}

void TestToyDatasets::invalidParametersThrow_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("noise");
    QTest::addColumn<int>("classes");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("zero samples") << "spirals" << 0 << 0.1 << 3 << "spirals: sample count 0";
    QTest::newRow("negative samples") << "xor" << -5 << 0.1 << 3 << "xor: sample count -5";
    QTest::newRow("too many samples") << "circles" << 20'000'000 << 0.1 << 3 << "sample count";
    QTest::newRow("negative noise") << "circles" << 100 << -0.1 << 3 << "circles: noise";
    QTest::newRow("nan noise") << "blobs" << 100 << std::numeric_limits<double>::quiet_NaN() << 3 << "noise";
    QTest::newRow("inf noise") << "blobs" << 100 << std::numeric_limits<double>::infinity() << 3 << "noise";
    QTest::newRow("one arm") << "spirals" << 100 << 0.1 << 1 << "spirals: class count 1 is outside 2..10";
    QTest::newRow("eleven blobs") << "blobs" << 100 << 0.1 << 11 << "blobs: class count 11";
    QTest::newRow("unknown") << "moons" << 100 << 0.1 << 3 << "unknown toy data set 'moons'";
}

void TestToyDatasets::invalidParametersThrow()
{
    QFETCH(QString, name);
    QFETCH(int, samples);
    QFETCH(double, noise);
    QFETCH(int, classes);
    QFETCH(QString, phrase);
    const std::string message = inputErrorOf([&] { makeToyDataset(toySpec(name, samples, noise, classes)); });
    QVERIFY2(contains(message, str(phrase)), message.c_str());
}

QTEST_GUILESS_MAIN(TestToyDatasets)
#include "test_toy_datasets.moc"
