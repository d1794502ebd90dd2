#include "DataTestFiles.h"

#include "core/Error.h"
#include "core/data/DatasetLoader.h"
#include "core/data/DatasetSubset.h"
#include "core/data/FeatureStorage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <optional>

using namespace reciprocal;
using namespace datatest;

namespace {

DatasetSpec specFor(const std::string& name, const QString& directory = {})
{
    DatasetSpec spec;
    spec.name = name;
    spec.directory = str(directory);
    return spec;
}

// Whether the kernel was asked for huge pages ("hg" in VmFlags) for the mapping holding address;
// nullopt where /proc/self/smaps or transparent huge pages are missing.
std::optional<bool> hugePagesAdvised(const void* address)
{
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!QDir(QStringLiteral("/sys/kernel/mm/transparent_hugepage")).exists() || !smaps.open(QIODevice::ReadOnly))
        return std::nullopt;
    const auto target = reinterpret_cast<quintptr>(address);
    bool inside = false;
    for (const QByteArray& line : smaps.readAll().split('\n')) {
        const qsizetype dash = line.indexOf('-');
        const qsizetype space = line.indexOf(' ');
        if (dash > 0 && space > dash && !line.startsWith("VmFlags")) {
            bool beginOk = false, endOk = false;
            const quintptr begin = line.left(dash).toULongLong(&beginOk, 16);
            const quintptr end = line.mid(dash + 1, space - dash - 1).toULongLong(&endOk, 16);
            if (beginOk && endOk)
                inside = begin <= target && target < end;
        } else if (inside && line.startsWith("VmFlags:")) {
            return line.split(' ').contains("hg");
        }
    }
    return std::nullopt;
}

// Writes the four MNIST-style IDX files: count training and count/2 test images of 2x2 pixels;
// image i's pixels are all i, its label i % 10.
void writeIdxSet(const QTemporaryDir& dir, int count, bool gz)
{
    const auto write = [&](const QString& name, const QByteArray& bytes) {
        if (gz)
            writeGzFile(dir.filePath(name + ".gz"), bytes);
        else
            writeFile(dir.filePath(name), bytes);
    };
    for (const auto& [prefix, n] : {std::pair<QString, int>{"train", count}, {"t10k", count / 2}}) {
        QByteArray pixels, labels;
        for (int i = 0; i < n; ++i) {
            pixels += QByteArray(4, static_cast<char>(i));
            labels += static_cast<char>(i % 10);
        }
        write(prefix + "-images-idx3-ubyte", idxImages(static_cast<std::uint32_t>(n), 2, 2, pixels));
        write(prefix + "-labels-idx1-ubyte", idxLabels(static_cast<std::uint32_t>(n), labels));
    }
}

} // namespace

class TestDatasetLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesAndKinds();
    void unknownNameListsValidNames();
    void mnistNeedsDirectory();
    void fashionMnistMissingDirectoryHints();
    void idxPlainAndGzip();
    void idxMissingFileNamesBoth();
    void limitsAndValidation();
    void badSettingsThrow();
    void cifar10ThroughLoader();
    void csvWithTestFile();
    void csvHoldsOutTestSet();
    void csvFeatureMismatch();
    void toyThroughLoader();
    void realFashionMnist();
    void largeFeatureMatricesAskForHugePages();
};

void TestDatasetLoader::namesAndKinds()
{
    const std::vector<std::string> names = datasetNames();
    QCOMPARE(names.size(), std::size_t{8});
    QCOMPARE(names.front(), std::string("fashion-mnist"));
    QVERIFY(isImageDataset("fashion-mnist") && isImageDataset("mnist") && isImageDataset("cifar10"));
    QVERIFY(!isImageDataset("csv") && !isImageDataset("spirals"));
}

void TestDatasetLoader::unknownNameListsValidNames()
{
    const std::string message = inputErrorOf([] { loadDataset(specFor("imagenet")); });
    QVERIFY2(contains(message, "unknown data set 'imagenet'"), message.c_str());
    for (const std::string& name : datasetNames())
        QVERIFY2(contains(message, name), message.c_str());
}

void TestDatasetLoader::mnistNeedsDirectory()
{
    const std::string message = inputErrorOf([] { loadDataset(specFor("mnist")); });
    QVERIFY2(contains(message, "mnist: no data set directory given"), message.c_str());
    QVERIFY2(contains(message, "--dataset-dir"), message.c_str());
    const std::string cifar = inputErrorOf([] { loadDataset(specFor("cifar10")); });
    QVERIFY2(contains(cifar, "cifar10: no data set directory given"), cifar.c_str());
}

void TestDatasetLoader::fashionMnistMissingDirectoryHints()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath("nowhere");
    const std::string message = inputErrorOf([&] { loadDataset(specFor("fashion-mnist", missing)); });
    QVERIFY2(contains(message, str(missing)), message.c_str());
    QVERIFY2(contains(message, "install Debian's dataset-fashion-mnist package or pass --dataset-dir"),
             message.c_str());
}

void TestDatasetLoader::idxPlainAndGzip()
{
    for (const bool gz : {false, true}) {
        QTemporaryDir dir;
        writeIdxSet(dir, 20, gz);
        const DataSplit split = loadDataset(specFor("mnist", dir.path()));
        QCOMPARE(split.name, std::string("mnist"));
        QCOMPARE(split.train.sampleCount(), 20);
        QCOMPARE(split.test.sampleCount(), 10);
        QCOMPARE(split.validation.sampleCount(), 0);
        QCOMPARE(split.validation.featureCount(), 4);
        QCOMPARE(split.train.sampleShape, (std::vector<int>{2, 2}));
        QCOMPARE(split.train.features(3, 13), 13.0f / 255.0f);
        QCOMPARE(split.test.labels[7], 7);
    }
    // The .gz file wins when both exist.
    QTemporaryDir dir;
    writeIdxSet(dir, 20, true);
    writeFile(dir.filePath("train-images-idx3-ubyte"), "corrupt");
    QCOMPARE(loadDataset(specFor("fashion-mnist", dir.path())).train.sampleCount(), 20);
}

void TestDatasetLoader::idxMissingFileNamesBoth()
{
    QTemporaryDir dir;
    writeIdxSet(dir, 20, true);
    QFile::remove(dir.filePath("t10k-labels-idx1-ubyte.gz"));
    const std::string message = inputErrorOf([&] { loadDataset(specFor("mnist", dir.path())); });
    QVERIFY2(contains(message, str(dir.filePath("t10k-labels-idx1-ubyte.gz"))), message.c_str());
    QVERIFY2(contains(message, str(dir.filePath("t10k-labels-idx1-ubyte")) + " exists"), message.c_str());
}

void TestDatasetLoader::limitsAndValidation()
{
    QTemporaryDir dir;
    writeIdxSet(dir, 40, true);
    DatasetSpec spec = specFor("mnist", dir.path());
    spec.trainLimit = 30;
    spec.testLimit = 5;
    spec.validationFraction = 0.2;
    spec.seed = 9;
    const DataSplit split = loadDataset(spec);
    QCOMPARE(split.train.sampleCount(), 24);
    QCOMPARE(split.validation.sampleCount(), 6);
    QCOMPARE(split.test.sampleCount(), 5);
    QCOMPARE(split.validation.classCount, 10);
    // Validation comes from the first 30 training images only (pixel value = image index).
    QVERIFY(split.validation.features.maxCoeff() <= 29.0f / 255.0f);
    QVERIFY(split.train.features.maxCoeff() <= 29.0f / 255.0f);
    // Same seed, same split.
    QVERIFY(loadDataset(spec).validation.features == split.validation.features);
}

void TestDatasetLoader::badSettingsThrow()
{
    DatasetSpec spec = specFor("xor");
    spec.trainLimit = -1;
    QVERIFY(contains(inputErrorOf([&] { loadDataset(spec); }), "sample limits must be >= 0"));
    spec.trainLimit = 0;
    spec.validationFraction = 1.0;
    QVERIFY(contains(inputErrorOf([&] { loadDataset(spec); }), "validation fraction 1 is outside [0, 1)"));
}

void TestDatasetLoader::cifar10ThroughLoader()
{
    QTemporaryDir dir;
    QByteArray record(3073, '\x80');
    for (int b = 1; b <= 5; ++b) {
        record[0] = static_cast<char>(b);
        writeFile(dir.filePath(QString("data_batch_%1.bin").arg(b)), record + record);
    }
    DatasetSpec spec = specFor("cifar10", dir.path());
    const std::string message = inputErrorOf([&] { loadDataset(spec); });
    QVERIFY2(contains(message, "cifar10: missing test_batch.bin in " + str(dir.path())), message.c_str());

    record[0] = 0;
    writeFile(dir.filePath("test_batch.bin"), record);
    spec.trainLimit = 7;
    const DataSplit split = loadDataset(spec);
    QCOMPARE(split.train.sampleCount(), 7);
    QCOMPARE(split.test.sampleCount(), 1);
    QCOMPARE(split.train.labels, (std::vector<std::int32_t>{1, 1, 2, 2, 3, 3, 4}));
    QCOMPARE(split.train.sampleShape, (std::vector<int>{3, 32, 32}));
    QCOMPARE(split.test.features(3071, 0), 128.0f / 255.0f);
}

void TestDatasetLoader::csvWithTestFile()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("train.csv"), "a,b,label\n1,2,0\n3,4,1\n5,6,1\n");
    writeFile(dir.filePath("test.csv"), "7,8,3\n");
    const DataSplit split = loadDataset(specFor("csv", dir.path()));
    QCOMPARE(split.train.sampleCount(), 3);
    QCOMPARE(split.test.sampleCount(), 1);
    // classCount covers both files' labels.
    QCOMPARE(split.train.classCount, 4);
    QCOMPARE(split.test.classCount, 4);
    QCOMPARE(split.test.features(1, 0), 8.0f);
}

void TestDatasetLoader::csvHoldsOutTestSet()
{
    QTemporaryDir dir;
    QByteArray rows;
    for (int i = 0; i < 50; ++i)
        rows += QByteArray::number(i) + "," + QByteArray::number(i % 4) + "\n";
    writeFile(dir.filePath("train.csv"), rows);
    DatasetSpec spec = specFor("csv", dir.path());
    const DataSplit split = loadDataset(spec);
    QCOMPARE(split.train.sampleCount(), 40);
    QCOMPARE(split.test.sampleCount(), 10);
    QCOMPARE(split.train.classCount, 4);
    // Deterministic, and a random 20% rather than the last rows.
    QVERIFY(loadDataset(spec).test.features == split.test.features);
    QVERIFY(split.test.features.minCoeff() < 40.0f);
    spec.seed = 2;
    QVERIFY(loadDataset(spec).test.features != split.test.features);

    QFile::remove(dir.filePath("train.csv"));
    const std::string message = inputErrorOf([&] { loadDataset(spec); });
    QVERIFY2(contains(message, str(dir.filePath("train.csv")) + ": no such file"), message.c_str());
}

void TestDatasetLoader::csvFeatureMismatch()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("train.csv"), "1,2,0\n");
    writeFile(dir.filePath("test.csv"), "1,0\n");
    const std::string message = inputErrorOf([&] { loadDataset(specFor("csv", dir.path())); });
    QVERIFY2(contains(message, str(dir.filePath("test.csv")) + ": has 1 features but"), message.c_str());
}

void TestDatasetLoader::toyThroughLoader()
{
    DatasetSpec spec = specFor("spirals");
    spec.toySamples = 400;
    spec.toyClasses = 4;
    spec.validationFraction = 0.25;
    spec.testLimit = 60;
    const DataSplit split = loadDataset(spec);
    QCOMPARE(split.name, std::string("spirals"));
    QCOMPARE(split.train.sampleCount(), 300);
    QCOMPARE(split.validation.sampleCount(), 100);
    QCOMPARE(split.test.sampleCount(), 60);
    QCOMPARE(split.train.classCount, 4);
}

void TestDatasetLoader::realFashionMnist()
{
    if (!QDir(kDefaultFashionMnistDirectory).exists())
        QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    QElapsedTimer timer;
    timer.start();
    const DataSplit split = loadDataset(DatasetSpec{}); // the default spec is Fashion-MNIST
    qInfo("loaded Fashion-MNIST in %lld ms", static_cast<long long>(timer.elapsed()));
    QCOMPARE(split.name, std::string("fashion-mnist"));
    QCOMPARE(split.train.sampleCount(), 60000);
    QCOMPARE(split.test.sampleCount(), 10000);
    QCOMPARE(split.train.featureCount(), 784);
    QCOMPARE(split.test.featureCount(), 784);
    QCOMPARE(split.train.sampleShape, (std::vector<int>{28, 28}));
    QCOMPARE(split.train.classCount, 10);
    QCOMPARE(split.validation.sampleCount(), 0);
    QVERIFY(split.train.features.minCoeff() >= 0.0f);
    QVERIFY(split.train.features.maxCoeff() <= 1.0f);
    QCOMPARE(split.train.features.maxCoeff(), 1.0f); // some pixels are saturated
    QVERIFY(split.test.features.minCoeff() >= 0.0f && split.test.features.maxCoeff() <= 1.0f);
    std::vector<int> trainPerClass(10, 0), testPerClass(10, 0);
    for (std::int32_t label : split.train.labels) {
        QVERIFY(label >= 0 && label <= 9);
        ++trainPerClass[static_cast<std::size_t>(label)];
    }
    for (std::int32_t label : split.test.labels) {
        QVERIFY(label >= 0 && label <= 9);
        ++testPerClass[static_cast<std::size_t>(label)];
    }
    QCOMPARE(trainPerClass, std::vector<int>(10, 6000));
    QCOMPARE(testPerClass, std::vector<int>(10, 1000));
    // Not all one image: the first two training images differ.
    QVERIFY(split.train.features.col(0) != split.train.features.col(1));
    if (const auto advised = hugePagesAdvised(split.train.features.data() + split.train.features.size() / 2))
        QVERIFY2(*advised, "the training images are not on memory advised for huge pages");
}

void TestDatasetLoader::largeFeatureMatricesAskForHugePages()
{
    Dataset data;
    allocateFeatures(data, 1000, 8000); // 32 MB
    QCOMPARE(data.featureCount(), 1000);
    QCOMPARE(data.sampleCount(), 8000);
    const auto advised = hugePagesAdvised(data.features.data() + data.features.size() / 2);
    if (!advised)
        QSKIP("no /proc/self/smaps or transparent huge pages on this system");
    QVERIFY(*advised);
    // Selecting samples (--train-limit, a validation split) gets the same advice.
    data.features.setZero();
    data.labels.assign(8000, 0);
    const Dataset half = firstSamples(data, 4000);
    QCOMPARE(half.sampleCount(), 4000);
    QCOMPARE(hugePagesAdvised(half.features.data() + half.features.size() / 2), std::optional<bool>(true));
}

QTEST_GUILESS_MAIN(TestDatasetLoader)
#include "test_dataset_loader.moc"
