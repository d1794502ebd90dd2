#include "DataTestFiles.h"

#include "core/Error.h"
#include "core/data/Cifar10Reader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reciprocal;
using namespace datatest;

namespace {

// One record: label byte, then the red, green and blue planes. Pixel (c, y, x) of the record
// with seed s has value (s + 7c + 3y + x) % 256, so every position is distinguishable.
QByteArray record(int label, int seed)
{
    QByteArray bytes(3073, '\0');
    bytes[0] = static_cast<char>(label);
    for (int c = 0; c < 3; ++c)
        for (int y = 0; y < 32; ++y)
            for (int x = 0; x < 32; ++x)
                bytes[1 + c * 1024 + y * 32 + x] = static_cast<char>((seed + 7 * c + 3 * y + x) % 256);
    return bytes;
}

float expectedPixel(int seed, int c, int y, int x)
{
    return static_cast<float>((seed + 7 * c + 3 * y + x) % 256) / 255.0f;
}

// Batch b (1..5) holds records with labels b-1 and b, seeds 10b and 10b+1; the test batch holds
// three records with labels 7, 8, 9.
void writeDirectory(const QTemporaryDir& dir)
{
    for (int b = 1; b <= 5; ++b)
        writeFile(dir.filePath(QString("data_batch_%1.bin").arg(b)),
                  record(b - 1, 10 * b) + record(b, 10 * b + 1));
    writeFile(dir.filePath("test_batch.bin"), record(7, 1) + record(8, 2) + record(9, 3));
}

} // namespace

class TestCifar10Reader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsTrainAndTest();
    void limitSpansBatches();
    void missingBatchesAreNamed();
    void badFilesThrow_data();
    void badFilesThrow();
};

void TestCifar10Reader::readsTrainAndTest()
{
    QTemporaryDir dir;
    writeDirectory(dir);
    requireCifar10Files(str(dir.path()));
    const Dataset train = readCifar10Train(str(dir.path()));
    QCOMPARE(train.featureCount(), 3072);
    QCOMPARE(train.sampleCount(), 10);
    QCOMPARE(train.classCount, 10);
    QCOMPARE(train.sampleShape, (std::vector<int>{3, 32, 32}));
    QCOMPARE(train.labels, (std::vector<std::int32_t>{0, 1, 1, 2, 2, 3, 3, 4, 4, 5}));
    // Sample 5 is the second record of batch 3 (seed 31); feature index is c*1024 + y*32 + x.
    QCOMPARE(train.features(0, 5), expectedPixel(31, 0, 0, 0));
    QCOMPARE(train.features(1024 + 2 * 32 + 5, 5), expectedPixel(31, 1, 2, 5));
    QCOMPARE(train.features(2048 + 31 * 32 + 31, 5), expectedPixel(31, 2, 31, 31));

    const Dataset test = readCifar10Test(str(dir.path()));
    QCOMPARE(test.sampleCount(), 3);
    QCOMPARE(test.labels, (std::vector<std::int32_t>{7, 8, 9}));
    QCOMPARE(test.features(2048 + 100, 2), expectedPixel(3, 2, 3, 4));
    QVERIFY(test.features.minCoeff() >= 0.0f && test.features.maxCoeff() <= 1.0f);
}

void TestCifar10Reader::limitSpansBatches()
{
    QTemporaryDir dir;
    writeDirectory(dir);
    const Dataset train = readCifar10Train(str(dir.path()), 3);
    QCOMPARE(train.sampleCount(), 3);
    QCOMPARE(train.labels, (std::vector<std::int32_t>{0, 1, 1}));
    QCOMPARE(train.features(7, 2), expectedPixel(20, 0, 0, 7));
}

void TestCifar10Reader::missingBatchesAreNamed()
{
    QTemporaryDir dir;
    writeDirectory(dir);
    QFile::remove(dir.filePath("data_batch_3.bin"));
    QFile::remove(dir.filePath("test_batch.bin"));
    const std::string message = inputErrorOf([&] { requireCifar10Files(str(dir.path())); });
    QVERIFY2(contains(message, "data_batch_3.bin, test_batch.bin"), message.c_str());
    QVERIFY2(contains(message, str(dir.path())), message.c_str());
    QVERIFY2(!contains(message, "data_batch_2.bin,"), message.c_str());
}

void TestCifar10Reader::badFilesThrow_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("phrase");

    QTest::newRow("one byte long") << record(1, 1) + record(2, 2) + "x"
                                   << "size 6147 bytes is not a multiple";
    QTest::newRow("one byte short") << record(1, 1).left(3072) << "size 3072 bytes is not a multiple";
    QTest::newRow("empty") << QByteArray("") << "empty file";
    QTest::newRow("label 10") << record(3, 1) + record(10, 2) << "record 1 has label 10, expected 0..9";
    QTest::newRow("label 255") << record(255, 1) << "record 0 has label 255";
    QTest::newRow("missing") << QByteArray() << "no such file";
}

void TestCifar10Reader::badFilesThrow()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, phrase);

    QTemporaryDir dir;
    writeDirectory(dir);
    const QString path = dir.filePath("data_batch_4.bin");
    QFile::remove(path);
    if (!contents.isNull())
        writeFile(path, contents);
    const std::string message = inputErrorOf([&] { readCifar10Train(str(dir.path())); });
    QVERIFY2(contains(message, str(path)), message.c_str());
    QVERIFY2(contains(message, str(phrase)), message.c_str());
}

QTEST_GUILESS_MAIN(TestCifar10Reader)
#include "test_cifar10_reader.moc"
