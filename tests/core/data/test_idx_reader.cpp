#include "DataTestFiles.h"

#include "core/Error.h"
#include "core/data/IdxReader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reciprocal;
using namespace datatest;

// Three 2x3 images whose pixel bytes are 0..17 and labels 4, 0, 9.
namespace {

const QByteArray kPixels = rampBytes(18);
const QByteArray kLabels = QByteArray::fromRawData("\x04\x00\x09", 3);

void checkSmallSet(const Dataset& data, int expectedCount)
{
    QCOMPARE(data.featureCount(), 6);
    QCOMPARE(data.sampleCount(), expectedCount);
    QCOMPARE(data.sampleShape, (std::vector<int>{2, 3}));
    QCOMPARE(data.classCount, 10);
    const std::vector<std::int32_t> labels{4, 0, 9};
    for (int sample = 0; sample < expectedCount; ++sample) {
        QCOMPARE(data.labels[static_cast<std::size_t>(sample)], labels[static_cast<std::size_t>(sample)]);
        for (int pixel = 0; pixel < 6; ++pixel)
            QCOMPARE(data.features(pixel, sample), static_cast<float>(sample * 6 + pixel) / 255.0f);
    }
}

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsPlainFiles();
    void readsGzipFiles();
    void limitKeepsFirstSamples();
    void trailingBytesAreIgnored();
    void scalesFullByteRange();
    void badFilesThrow_data();
    void badFilesThrow();
    void badArgumentsThrow();
    void declaredSamplesMustFitTheMemory();
};

void TestIdxReader::readsPlainFiles()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("images"), idxImages(3, 2, 3, kPixels));
    writeFile(dir.filePath("labels"), idxLabels(3, kLabels));
    checkSmallSet(readIdx(str(dir.filePath("images")), str(dir.filePath("labels")), 10), 3);
}

void TestIdxReader::readsGzipFiles()
{
    QTemporaryDir dir;
    writeGzFile(dir.filePath("images.gz"), idxImages(3, 2, 3, kPixels));
    writeGzFile(dir.filePath("labels.gz"), idxLabels(3, kLabels));
    checkSmallSet(readIdx(str(dir.filePath("images.gz")), str(dir.filePath("labels.gz")), 10), 3);
}

void TestIdxReader::limitKeepsFirstSamples()
{
    QTemporaryDir dir;
    writeGzFile(dir.filePath("images.gz"), idxImages(3, 2, 3, kPixels));
    writeGzFile(dir.filePath("labels.gz"), idxLabels(3, kLabels));
    checkSmallSet(readIdx(str(dir.filePath("images.gz")), str(dir.filePath("labels.gz")), 10, 2), 2);
    checkSmallSet(readIdx(str(dir.filePath("images.gz")), str(dir.filePath("labels.gz")), 10, 99), 3);
}

void TestIdxReader::trailingBytesAreIgnored()
{
    QTemporaryDir dir;
    writeGzFile(dir.filePath("images.gz"), idxImages(3, 2, 3, kPixels + "extra"));
    writeFile(dir.filePath("labels"), idxLabels(3, kLabels + "x"));
    checkSmallSet(readIdx(str(dir.filePath("images.gz")), str(dir.filePath("labels")), 10), 3);
}

void TestIdxReader::scalesFullByteRange()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("images"), idxImages(1, 16, 16, rampBytes(256)));
    writeFile(dir.filePath("labels"), idxLabels(1, QByteArray(1, '\0')));
    const Dataset data = readIdx(str(dir.filePath("images")), str(dir.filePath("labels")), 1);
    QCOMPARE(data.features.minCoeff(), 0.0f);
    QCOMPARE(data.features.maxCoeff(), 1.0f);
    QCOMPARE(data.features(128, 0), 128.0f / 255.0f);
}

// Each row: the images and labels file contents (a null array: the file does not exist), which
// of the two files the message must name, and a phrase it must contain.
void TestIdxReader::badFilesThrow_data()
{
    QTest::addColumn<QByteArray>("images");
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<QString>("culprit");
    QTest::addColumn<QString>("phrase");

    const QByteArray images = idxImages(3, 2, 3, kPixels);
    const QByteArray labels = idxLabels(3, kLabels);
    const QByteArray gzImages = gzipBytes(images);
    QByteArray badCrc = gzImages;
    badCrc[badCrc.size() - 8] = static_cast<char>(badCrc[badCrc.size() - 8] ^ 0x5a); // CRC-32 trailer
    // A valid gzip header, then deflate block type 3, which does not exist.
    const QByteArray gzipHeader("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
    // Compression method 9 instead of 8 (deflate).
    const QByteArray badMethod("\x1f\x8b\x09\x00\x00\x00\x00\x00\x00\x03junk", 14);

    QTest::newRow("missing images") << QByteArray() << labels << "images.idx" << "no such file";
    QTest::newRow("missing labels") << images << QByteArray() << "labels.idx" << "no such file";
    QTest::newRow("images magic") << idxImages(3, 2, 3, kPixels, 0x00000801) << labels << "images.idx"
                                  << "wrong magic number 0x00000801";
    QTest::newRow("labels magic") << images << idxLabels(3, kLabels, 0x00000803) << "labels.idx"
                                  << "wrong magic number 0x00000803";
    QTest::newRow("text file") << QByteArray("hello world, not idx") << labels << "images.idx"
                               << "wrong magic";
    QTest::newRow("empty images") << QByteArray("") << labels << "images.idx" << "truncated header (0 of 16";
    QTest::newRow("images header") << images.left(10) << labels << "images.idx"
                                   << "truncated header (10 of 16";
    QTest::newRow("labels header") << images << labels.left(6) << "labels.idx" << "truncated header (6 of 8";
    QTest::newRow("gz images header") << gzipBytes(images.left(12)) << labels << "images.idx"
                                      << "truncated header";
    QTest::newRow("images data") << images.left(16 + 17) << labels << "images.idx"
                                 << "truncated data: expected 18 bytes of pixels after the header, found 17";
    QTest::newRow("labels data") << images << labels.left(10) << "labels.idx"
                                 << "truncated data: expected 3 bytes of labels";
    QTest::newRow("gz cut short") << gzImages.left(gzImages.size() - 12) << labels << "images.idx"
                                  << "bytes of pixels after the header, found";
    QTest::newRow("gz cut in header") << gzImages.left(12) << labels << "images.idx"
                                      << "of 16 bytes) (unexpected end of file)";
    QTest::newRow("gzip garbage") << gzipHeader + "\x07 garbage, no deflate stream" << labels << "images.idx"
                                  << "gzip error: invalid block type";
    QTest::newRow("gzip bad method") << badMethod << labels << "images.idx"
                                     << "gzip error: unknown compression method";
    QTest::newRow("gzip bad crc") << badCrc << labels << "images.idx" << "gzip error: incorrect data check";
    QTest::newRow("count mismatch") << images << idxLabels(2, kLabels.left(2)) << "images.idx"
                                    << "has 3 images but";
    QTest::newRow("count mismatch names labels") << images << idxLabels(4, kLabels + "\x01") << "labels.idx"
                                                 << "4 labels";
    QTest::newRow("label too big") << images << idxLabels(3, QByteArray::fromRawData("\x01\x0a\x02", 3))
                                   << "labels.idx" << "label 10 of sample 1 is outside 0..9";
    QTest::newRow("zero count") << idxImages(0, 2, 3, {}) << idxLabels(0, {}) << "images.idx"
                                << "zero dimension";
    QTest::newRow("zero rows") << idxImages(3, 0, 3, kPixels) << labels << "images.idx" << "zero dimension";
    QTest::newRow("overflowing dims") << idxImages(0xffffffffu, 0xffffffffu, 0xffffffffu, kPixels) << labels
                                      << "images.idx" << "absurd dimensions";
    QTest::newRow("absurd image") << idxImages(1, 65536, 32768, kPixels) << labels << "images.idx"
                                  << "absurd dimensions";
    QTest::newRow("absurd count") << idxImages(2'800'000, 28, 28, kPixels) << labels << "images.idx"
                                  << "absurd dimensions";
}

void TestIdxReader::badFilesThrow()
{
    QFETCH(QByteArray, images);
    QFETCH(QByteArray, labels);
    QFETCH(QString, culprit);
    QFETCH(QString, phrase);

    QTemporaryDir dir;
    const QString imagesPath = dir.filePath("images.idx");
    const QString labelsPath = dir.filePath("labels.idx");
    if (!images.isNull())
        writeFile(imagesPath, images);
    if (!labels.isNull())
        writeFile(labelsPath, labels);

    const std::string message = inputErrorOf([&] { readIdx(str(imagesPath), str(labelsPath), 10); });
    QVERIFY2(contains(message, str(dir.filePath(culprit))), message.c_str());
    QVERIFY2(contains(message, str(phrase)), message.c_str());
    QVERIFY2(!contains(message, "\n"), message.c_str());
}

void TestIdxReader::badArgumentsThrow()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("images"), idxImages(3, 2, 3, kPixels));
    writeFile(dir.filePath("labels"), idxLabels(3, kLabels));
    const std::string images = str(dir.filePath("images"));
    const std::string labels = str(dir.filePath("labels"));
    QVERIFY(contains(inputErrorOf([&] { readIdx(images, labels, 10, -1); }), "negative"));
    QVERIFY(contains(inputErrorOf([&] { readIdx(images, labels, 0); }), "class count"));
    // A directory is not an IDX file.
    QVERIFY(contains(inputErrorOf([&] { readIdx(str(dir.path()), labels, 10); }), "not a regular file"));
}

// A gzip file of a few kilobytes may declare 2.7 million images (10 GB decoded): the header is
// checked against the memory there is before anything is inflated.
void TestIdxReader::declaredSamplesMustFitTheMemory()
{
    QTemporaryDir dir;
    const int declared = 2'000'000;
    writeGzFile(dir.filePath("images.gz"), idxImages(declared, 28, 28, QByteArray(4096, '\0')));
    writeGzFile(dir.filePath("labels.gz"), idxLabels(declared, QByteArray(16, '\0')));
    try {
        readIdx(str(dir.filePath("images.gz")), str(dir.filePath("labels.gz")), 10, 0, 1e9);
        QFAIL("a header declaring 7.8 GB of samples was read with 1 GB available");
    } catch (const InputError& error) {
        QVERIFY2(QByteArray(error.what()).contains("need about 7.8 GB decoded, more than the 1.0 GB available"),
                 error.what());
    }
    // A limit that fits is read as far as the data go (here: cut short, so a truncation error).
    try {
        readIdx(str(dir.filePath("images.gz")), str(dir.filePath("labels.gz")), 10, 5, 1e9);
    } catch (const InputError& error) {
        QVERIFY2(!QByteArray(error.what()).contains("decoded"), error.what());
    }
}

QTEST_GUILESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
