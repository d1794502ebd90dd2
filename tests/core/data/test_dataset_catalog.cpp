// SPDX-License-Identifier: MIT
// The data set catalogue against what loading actually gives: the facts the setup panel and the
// command line rely on before loading must hold after it.
#include "DataTestFiles.h"

#include "core/Error.h"
#include "core/data/DatasetCatalog.h"
#include "core/data/DatasetLoader.h"
#include "core/data/ToyDatasets.h"

#include <QDir>
#include <QTest>

#include <set>

using namespace reciprocal;
using namespace datatest;

namespace {

DatasetSpec quickSpec(const std::string& name)
{
    DatasetSpec spec;
    spec.name = name;
    spec.toySamples = 40;
    spec.trainLimit = 100;
    spec.testLimit = 100;
    return spec;
}

void checkWidths(const DatasetFacts& facts, const DataSplit& split)
{
    for (const Dataset* part : {&split.train, &split.test}) {
        QCOMPARE(part->featureCount(), facts.inputWidth);
        QCOMPARE(part->classCount, facts.outputWidth);
    }
}

// One row per catalogue entry whose facts the test can check by loading.
void addRows(bool (*include)(const DatasetFacts&))
{
    QTest::addColumn<QString>("name");
    for (const DatasetFacts& facts : allDatasets())
        if (include(facts))
            QTest::newRow(facts.name.c_str()) << QString::fromStdString(facts.name);
}

} // namespace

class TestDatasetCatalog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesAreTheCatalogues();
    void generatedSetsLoadAsDescribed_data();
    void generatedSetsLoadAsDescribed();
    void folderSetsNeedAFolder_data();
    void folderSetsNeedAFolder();
    void installedFashionMnistLoadsAsDescribed();
    void toyLimitsAreTheGeneratorsOwn();
};

void TestDatasetCatalog::namesAreTheCatalogues()
{
    const std::vector<std::string> names = datasetNames();
    QCOMPARE(names.size(), allDatasets().size());
    QCOMPARE(std::set<std::string>(names.begin(), names.end()).size(), names.size()); // unique
    for (std::size_t i = 0; i < names.size(); ++i) {
        QCOMPARE(names[i], allDatasets()[i].name);
        QCOMPARE(&datasetFacts(names[i]), &allDatasets()[i]);
        QCOMPARE(isImageDataset(names[i]), allDatasets()[i].images);
        QCOMPARE(isToyDataset(names[i]), allDatasets()[i].generated);
        QVERIFY(!allDatasets()[i].description.empty());
    }
    QCOMPARE(names.front(), DatasetSpec{}.name); // the default comes first
    QVERIFY(findDataset("imagenet") == nullptr);
    QVERIFY(!isImageDataset("imagenet") && !isToyDataset("imagenet"));
    const std::string message = inputErrorOf([] { datasetFacts("imagenet"); });
    for (const std::string& name : names)
        QVERIFY2(contains(message, name), message.c_str());
    // The loader reports unknown names the same way.
    QCOMPARE(inputErrorOf([] { loadDataset(quickSpec("imagenet")); }), message);
}

void TestDatasetCatalog::generatedSetsLoadAsDescribed_data()
{
    addRows([](const DatasetFacts& facts) { return facts.generated; });
}

void TestDatasetCatalog::generatedSetsLoadAsDescribed()
{
    QFETCH(QString, name);
    const DatasetFacts& facts = datasetFacts(str(name));
    QVERIFY(!facts.needsFolder); // generated sets read no files
    QVERIFY(facts.inputWidth > 0 && facts.outputWidth > 0);
    checkWidths(facts, loadDataset(quickSpec(facts.name)));

    // Only the sets whose class count is chosen follow DatasetSpec::toyClasses.
    DatasetSpec other = quickSpec(facts.name);
    other.toyClasses = facts.outputWidth == kMaxToyClasses ? kMinToyClasses : kMaxToyClasses;
    const DataSplit split = loadDataset(other);
    QCOMPARE(split.train.classCount, facts.classesChosen ? other.toyClasses : facts.outputWidth);
    QCOMPARE(split.train.featureCount(), facts.inputWidth);
}

void TestDatasetCatalog::folderSetsNeedAFolder_data()
{
    addRows([](const DatasetFacts& facts) { return !facts.generated; });
}

void TestDatasetCatalog::folderSetsNeedAFolder()
{
    QFETCH(QString, name);
    const DatasetFacts& facts = datasetFacts(str(name));
    QVERIFY(!facts.classesChosen); // files fix their classes
    const std::string message = inputErrorOf([&] { loadDataset(quickSpec(facts.name)); });
    // A set that needs no folder has a default one: it fails, if at all, only because that is missing.
    QCOMPARE(contains(message, "no data set directory given"), facts.needsFolder);
}

void TestDatasetCatalog::installedFashionMnistLoadsAsDescribed()
{
    if (!QDir(kDefaultFashionMnistDirectory).exists())
        QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    const DatasetFacts& facts = datasetFacts("fashion-mnist");
    const DataSplit split = loadDataset(quickSpec(facts.name));
    checkWidths(facts, split);
    int pixels = 1;
    for (const int extent : split.train.sampleShape)
        pixels *= extent;
    QCOMPARE(pixels, facts.inputWidth); // a picture, drawn as such
}

void TestDatasetCatalog::toyLimitsAreTheGeneratorsOwn()
{
    // The command line and the setup panel accept exactly what the generators accept.
    DatasetSpec spec = quickSpec("spirals");
    spec.toyClasses = kMaxToyClasses;
    QCOMPARE(makeToyDataset(spec).train.classCount, kMaxToyClasses);
    spec.toyClasses = kMinToyClasses;
    QCOMPARE(makeToyDataset(spec).train.classCount, kMinToyClasses);
    spec.toyNoise = kMaxToyNoise;
    spec.toySamples = kMinToySamples;
    QCOMPARE(makeToyDataset(spec).train.sampleCount(), kMinToySamples);
    for (const auto& [classes, samples] : {std::pair{kMaxToyClasses + 1, kMinToySamples},
                                           {kMinToyClasses - 1, kMinToySamples},
                                           {kMinToyClasses, kMinToySamples - 1},
                                           {kMinToyClasses, kMaxToySamples + 1}}) {
        spec.toyClasses = classes;
        spec.toySamples = samples;
        QVERIFY(contains(inputErrorOf([&] { makeToyDataset(spec); }), "is outside"));
    }
}

QTEST_GUILESS_MAIN(TestDatasetCatalog)
#include "test_dataset_catalog.moc"
