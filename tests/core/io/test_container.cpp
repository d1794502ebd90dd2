#include "core/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/BinaryWriter.h"
#include "core/io/Checksum.h"
#include "core/io/Container.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <stdexcept>
#include <string>

using namespace reciprocal;

namespace {
constexpr std::size_t testFileBound = std::size_t(64) << 20;
}

Q_DECLARE_METATYPE(std::string)

namespace {

constexpr std::string_view magic = "RCPMODEL";
constexpr std::string_view kind = "Reciprocal model";
constexpr std::uint32_t newest = 2;

void writePlainFile(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    QVERIFY(out.good());
}

std::string header(std::string_view fileMagic, std::uint32_t version, std::uint64_t length, std::uint32_t crc)
{
    BinaryWriter writer;
    writer.writeBytes(fileMagic);
    writer.writeU32(version);
    writer.writeU64(length);
    writer.writeU32(crc);
    return writer.takeBytes();
}

const std::string payload = "layer weights \x01\x02\x03 and more bytes to flip";

std::string validFile()
{
    return header(magic, 1, payload.size(), crc32(payload)) + payload;
}

} // namespace

class TestContainer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void headerLayout();
    void olderVersionsAreReturned();
    void crc32MatchesZlibReference();
    void corruptionIsReported_data();
    void corruptionIsReported();
    void programmingErrorsAreNotInputErrors();
};

void TestContainer::roundTrip()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("net.rcp").toStdString();
    for (const std::string& content : {std::string(), payload, std::string(5'000'000, '\x5a')}) {
        writeContainer(path, magic, 1, content);
        const ContainerContents read = readContainer(path, magic, newest, kind);
        QCOMPARE(read.version, 1u);
        QVERIFY(read.payload == content);
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"net.rcp"});
}

void TestContainer::headerLayout()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("net.rcp").toStdString();
    writeContainer(path, magic, 1, payload);
    QCOMPARE(readWholeFile(path, testFileBound), validFile());
    QCOMPARE(validFile().size(), containerHeaderSize + payload.size());
}

void TestContainer::olderVersionsAreReturned()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("old.rcp").toStdString();
    writeContainer(path, magic, 2, "v2");
    QCOMPARE(readContainer(path, magic, 5).version, 2u);
    QCOMPARE(readContainer(path, magic, 2).payload, std::string("v2"));
}

void TestContainer::crc32MatchesZlibReference()
{
    QCOMPARE(crc32(""), 0u);
    QCOMPARE(crc32("123456789"), 0xcbf43926u); // the standard CRC-32 check value
    QCOMPARE(crc32("6789", crc32("12345")), 0xcbf43926u);
}

void TestContainer::corruptionIsReported_data()
{
    QTest::addColumn<std::string>("content");
    QTest::addColumn<bool>("create"); // false: the file does not exist at all
    QTest::addColumn<QString>("expected"); // {path} stands for the file

    const std::string valid = validFile();
    const auto flip = [&valid](std::size_t offset) {
        std::string copy = valid;
        copy[offset] = static_cast<char>(copy[offset] ^ 0x10);
        return copy;
    };

    QTest::newRow("missing file") << std::string() << false << "cannot read '{path}': No such file or directory";
    QTest::newRow("empty file") << std::string() << true << "'{path}' is empty";
    for (const std::size_t length : {1, 7, 8, 11, 12, 19, 20, 23}) {
        QTest::addRow("truncated in header at %zu", length)
            << valid.substr(0, length) << true
            << QString("'{path}' is truncated (%1 bytes, header needs 24)").arg(length);
    }
    for (const std::size_t length : {std::size_t(24), std::size_t(25), valid.size() - 1}) {
        QTest::addRow("truncated in payload at %zu", length)
            << valid.substr(0, length) << true
            << QString("'{path}' is truncated: header declares %1 payload bytes, file has %2")
                   .arg(payload.size())
                   .arg(length - containerHeaderSize);
    }
    QTest::newRow("wrong magic") << header("RCPEXPER", 1, payload.size(), crc32(payload)) + payload << true
                                 << "'{path}' is not a Reciprocal model file";
    QTest::newRow("text file") << std::string("hello\n") << true << "'{path}' is not a Reciprocal model file";
    QTest::newRow("flipped magic byte") << flip(3) << true << "'{path}' is not a Reciprocal model file";
    QTest::newRow("future version") << header(magic, 7, payload.size(), crc32(payload)) + payload << true
                                    << "'{path}' was written by a newer Reciprocal (format version 7; this build "
                                       "reads up to 2)";
    QTest::newRow("version 0") << header(magic, 0, payload.size(), crc32(payload)) + payload << true
                               << "'{path}' has invalid format version 0";
    QTest::newRow("flipped first payload byte") << flip(24) << true << "'{path}' is corrupted: checksum mismatch";
    QTest::newRow("flipped last payload byte") << flip(valid.size() - 1) << true
                                               << "'{path}' is corrupted: checksum mismatch";
    QTest::newRow("flipped checksum byte") << flip(21) << true << "'{path}' is corrupted: checksum mismatch";
    QTest::newRow("flipped length byte") << flip(12) << true
                                         << QString("'{path}' is truncated: header declares %1 payload bytes, file "
                                                    "has %2")
                                                .arg(payload.size() ^ 0x10)
                                                .arg(payload.size());
    QTest::newRow("extra trailing bytes") << valid + "xyz" << true
                                          << "'{path}' is corrupted: 3 unexpected bytes after the payload";
    QTest::newRow("huge declared length") << header(magic, 1, ~std::uint64_t(0), 0) + payload << true
                                          << QString("'{path}' is truncated: header declares %1 payload bytes, file "
                                                     "has %2")
                                                 .arg(~std::uint64_t(0))
                                                 .arg(payload.size());
}

void TestContainer::corruptionIsReported()
{
    QFETCH(std::string, content);
    QFETCH(bool, create);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    const std::string path = dir.filePath("broken.rcp").toStdString();
    if (create)
        writePlainFile(path, content);

    QString message;
    try {
        readContainer(path, magic, newest, kind);
        message = "<nothing thrown>";
    } catch (const InputError& error) {
        message = QString::fromStdString(error.what());
    }
    QCOMPARE(message, expected.replace("{path}", QString::fromStdString(path)));
    QVERIFY(message.contains("broken.rcp"));
    QVERIFY(!message.contains('\n'));
}

void TestContainer::programmingErrorsAreNotInputErrors()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("x.rcp").toStdString();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeContainer(path, "SHORT", 1, "p"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeContainer(path, magic, 0, "p"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readContainer(path, "TOO LONG MAGIC", 1));
    QVERIFY(!QFile::exists(dir.filePath("x.rcp")));
}

QTEST_GUILESS_MAIN(TestContainer)
#include "test_container.moc"
