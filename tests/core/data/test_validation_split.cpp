#include "DataTestFiles.h"

#include "core/Error.h"
#include "core/data/ValidationSplit.h"

#include <QTest>

#include <algorithm>
#include <limits>

using namespace reciprocal;
using namespace datatest;

namespace {

// n samples of 2 features; feature 0 of sample i is i, so each sample can be traced.
Dataset indexed(int n)
{
    Dataset data;
    data.features.resize(2, n);
    for (int i = 0; i < n; ++i) {
        data.features(0, i) = static_cast<float>(i);
        data.features(1, i) = static_cast<float>(-i);
        data.labels.push_back(i % 3);
    }
    data.classCount = 3;
    data.sampleShape = {2};
    return data;
}

std::vector<int> ids(const Dataset& data)
{
    std::vector<int> result;
    for (int i = 0; i < data.sampleCount(); ++i)
        result.push_back(static_cast<int>(data.features(0, i)));
    return result;
}

} // namespace

class TestValidationSplit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sizesAndPartition();
    void deterministicBySeed();
    void zeroFractionKeepsAll();
    void badFractionsThrow_data();
    void badFractionsThrow();
};

void TestValidationSplit::sizesAndPartition()
{
    const Dataset data = indexed(100);
    const ValidationSplit split = splitValidation(data, 0.25, 7);
    QCOMPARE(split.train.sampleCount(), 75);
    QCOMPARE(split.validation.sampleCount(), 25);
    QCOMPARE(split.validation.classCount, 3);
    QCOMPARE(split.validation.sampleShape, std::vector<int>{2});
    std::vector<int> all = ids(split.train);
    const std::vector<int> held = ids(split.validation);
    QVERIFY(std::is_sorted(all.begin(), all.end())); // original order kept
    QVERIFY(std::is_sorted(held.begin(), held.end()));
    all.insert(all.end(), held.begin(), held.end());
    std::sort(all.begin(), all.end());
    QCOMPARE(all, ids(data)); // a partition: nothing lost, nothing duplicated
    for (int i = 0; i < split.validation.sampleCount(); ++i) { // labels and features travel together
        const int id = held[static_cast<std::size_t>(i)];
        QCOMPARE(split.validation.labels[static_cast<std::size_t>(i)], id % 3);
        QCOMPARE(split.validation.features(1, i), static_cast<float>(-id));
    }
    // Not simply the last quarter.
    QVERIFY(held != std::vector<int>(all.begin() + 75, all.end()));
}

void TestValidationSplit::deterministicBySeed()
{
    const Dataset data = indexed(50);
    QCOMPARE(ids(splitValidation(data, 0.2, 3).validation), ids(splitValidation(data, 0.2, 3).validation));
    QVERIFY(ids(splitValidation(data, 0.2, 3).validation) != ids(splitValidation(data, 0.2, 4).validation));
}

void TestValidationSplit::zeroFractionKeepsAll()
{
    const Dataset data = indexed(10);
    const ValidationSplit split = splitValidation(data, 0.0, 1);
    QCOMPARE(ids(split.train), ids(data));
    QCOMPARE(split.validation.sampleCount(), 0);
    QCOMPARE(split.validation.featureCount(), 2);
    QCOMPARE(split.validation.classCount, 3);
}

void TestValidationSplit::badFractionsThrow_data()
{
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("negative") << 10 << -0.1 << "validation fraction -0.1 is outside [0, 1)";
    QTest::newRow("one") << 10 << 1.0 << "validation fraction 1 is outside [0, 1)";
    QTest::newRow("nan") << 10 << std::numeric_limits<double>::quiet_NaN() << "is outside [0, 1)";
    QTest::newRow("too small") << 10 << 0.01 << "of 10 samples leaves no validation sample";
    QTest::newRow("too large") << 10 << 0.99 << "of 10 samples leaves no training sample";
    QTest::newRow("single sample") << 1 << 0.5 << "leaves no";
}

void TestValidationSplit::badFractionsThrow()
{
    QFETCH(int, samples);
    QFETCH(double, fraction);
    QFETCH(QString, phrase);
    const Dataset data = indexed(samples);
    const std::string message = inputErrorOf([&] { splitValidation(data, fraction, 1); });
    QVERIFY2(contains(message, str(phrase)), message.c_str());
}

QTEST_GUILESS_MAIN(TestValidationSplit)
#include "test_validation_split.moc"
