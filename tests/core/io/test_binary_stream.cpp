#include "core/Error.h"
#include "core/io/BinaryReader.h"
#include "core/io/BinaryWriter.h"

#include "InputErrorCapture.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

using namespace reciprocal;

namespace {

const std::string context = "model file 'x.rcp'";

using testsupport::contains;
using testsupport::inputErrorOf;

template <typename T> bool sameBits(T a, T b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

class TestBinaryStream : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void littleEndianLayout();
    void scalarsRoundTrip();
    void stringsRoundTrip();
    void arraysRoundTrip();
    void matricesRoundTrip();
    void matrixExpressionsAreStoredColumnMajor();
    void everyTruncationThrowsWithContext();
    void absurdSizesThrowWithoutAllocating();
    void expectEndRejectsTrailingBytes();
    void failNamesOffsetWithBase();
};

void TestBinaryStream::littleEndianLayout()
{
    BinaryWriter writer;
    writer.writeU32(0x01020304u);
    writer.writeU64(0x1122334455667788ull);
    writer.writeI32(-2);
    writer.writeF32(1.0f);
    writer.writeString("ab");
    const std::string expected("\x04\x03\x02\x01"
                               "\x88\x77\x66\x55\x44\x33\x22\x11"
                               "\xfe\xff\xff\xff"
                               "\x00\x00\x80\x3f"
                               "\x02\x00\x00\x00"
                               "ab",
                               4 + 8 + 4 + 4 + 4 + 2);
    QCOMPARE(writer.bytes(), expected);
}

void TestBinaryStream::scalarsRoundTrip()
{
    BinaryWriter writer;
    writer.writeU8(0);
    writer.writeU8(255);
    writer.writeU32(0);
    writer.writeU32(std::numeric_limits<std::uint32_t>::max());
    writer.writeU64(std::numeric_limits<std::uint64_t>::max());
    writer.writeI32(std::numeric_limits<std::int32_t>::min());
    writer.writeI32(-1);
    writer.writeI64(std::numeric_limits<std::int64_t>::min());
    writer.writeI64(std::numeric_limits<std::int64_t>::max());
    writer.writeF32(-0.0f);
    writer.writeF32(std::numeric_limits<float>::denorm_min());
    writer.writeF32(std::numeric_limits<float>::quiet_NaN());
    writer.writeF64(std::numeric_limits<double>::infinity());
    writer.writeF64(3.141592653589793);
    writer.writeF64(-std::numeric_limits<double>::max());

    const std::string bytes = writer.takeBytes();
    QCOMPARE(writer.size(), std::size_t(0));
    BinaryReader reader(bytes, context);
    QCOMPARE(reader.readU8(), std::uint8_t(0));
    QCOMPARE(reader.readU8(), std::uint8_t(255));
    QCOMPARE(reader.readU32(), 0u);
    QCOMPARE(reader.readU32(), std::numeric_limits<std::uint32_t>::max());
    QCOMPARE(reader.readU64(), std::numeric_limits<std::uint64_t>::max());
    QCOMPARE(reader.readI32(), std::numeric_limits<std::int32_t>::min());
    QCOMPARE(reader.readI32(), -1);
    QCOMPARE(reader.readI64(), std::numeric_limits<std::int64_t>::min());
    QCOMPARE(reader.readI64(), std::numeric_limits<std::int64_t>::max());
    QVERIFY(sameBits(reader.readF32(), -0.0f));
    QVERIFY(sameBits(reader.readF32(), std::numeric_limits<float>::denorm_min()));
    QVERIFY(std::isnan(reader.readF32()));
    QVERIFY(sameBits(reader.readF64(), std::numeric_limits<double>::infinity()));
    QVERIFY(sameBits(reader.readF64(), 3.141592653589793));
    QVERIFY(sameBits(reader.readF64(), -std::numeric_limits<double>::max()));
    QVERIFY(reader.atEnd());
    reader.expectEnd();
}

void TestBinaryStream::stringsRoundTrip()
{
    const std::string withNul("a\0b\xff", 4);
    const std::string longText(100000, 'q');
    BinaryWriter writer;
    writer.writeString("");
    writer.writeString(withNul);
    writer.writeString("R\xc3\xa9seau");
    writer.writeString(longText);

    BinaryReader reader(writer.bytes(), context);
    QCOMPARE(reader.readString(), std::string());
    QCOMPARE(reader.readString(), withNul);
    QCOMPARE(reader.readString(), std::string("R\xc3\xa9seau"));
    QCOMPARE(reader.readString(), longText);
    reader.expectEnd();
}

void TestBinaryStream::arraysRoundTrip()
{
    const std::vector<float> floats{1.5f, -0.0f, std::numeric_limits<float>::infinity(), 1e-30f};
    std::vector<double> doubles(1000);
    for (std::size_t i = 0; i < doubles.size(); ++i)
        doubles[i] = std::sin(static_cast<double>(i)) * 1e10;

    BinaryWriter writer;
    writer.writeFloatArray({});
    writer.writeFloatArray(floats);
    writer.writeDoubleArray({});
    writer.writeDoubleArray(doubles);

    BinaryReader reader(writer.bytes(), context);
    QVERIFY(reader.readFloatArray().empty());
    const std::vector<float> readFloats = reader.readFloatArray();
    QCOMPARE(readFloats.size(), floats.size());
    QCOMPARE(std::memcmp(readFloats.data(), floats.data(), floats.size() * sizeof(float)), 0);
    QVERIFY(reader.readDoubleArray().empty());
    QVERIFY(reader.readDoubleArray() == doubles);
    reader.expectEnd();
}

void TestBinaryStream::matricesRoundTrip()
{
    const Eigen::MatrixXf floats = Eigen::MatrixXf::Random(7, 3);
    const Eigen::MatrixXd doubles = Eigen::MatrixXd::Random(4, 9);
    const Eigen::MatrixXd empty(0, 0);
    const Eigen::MatrixXf noRows(0, 5);
    const Eigen::MatrixXd noCols(6, 0);

    BinaryWriter writer;
    writer.writeMatrix(floats);
    writer.writeMatrix(doubles);
    writer.writeMatrix(empty);
    writer.writeMatrix(noRows);
    writer.writeMatrix(noCols);
    QCOMPARE(writer.size(), 5 * 16 + 21 * sizeof(float) + 36 * sizeof(double));

    BinaryReader reader(writer.bytes(), context);
    QCOMPARE(reader.readMatrix<float>(), floats); // bit-exact, so == is the right comparison
    QCOMPARE(reader.readMatrixD(), doubles);
    const Eigen::MatrixXd readEmpty = reader.readMatrix<double>();
    QCOMPARE(readEmpty.rows(), Eigen::Index(0));
    QCOMPARE(readEmpty.cols(), Eigen::Index(0));
    const Eigen::MatrixXf readNoRows = reader.readMatrixF();
    QCOMPARE(readNoRows.rows(), Eigen::Index(0));
    QCOMPARE(readNoRows.cols(), Eigen::Index(5));
    const Eigen::MatrixXd readNoCols = reader.readMatrixD();
    QCOMPARE(readNoCols.rows(), Eigen::Index(6));
    QCOMPARE(readNoCols.cols(), Eigen::Index(0));
    reader.expectEnd();
}

void TestBinaryStream::matrixExpressionsAreStoredColumnMajor()
{
    Eigen::MatrixXd source(5, 4);
    for (Eigen::Index j = 0; j < 4; ++j)
        for (Eigen::Index i = 0; i < 5; ++i)
            source(i, j) = static_cast<double>(10 * i + j);
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = source;
    const Eigen::VectorXf vector = Eigen::VectorXf::LinSpaced(6, 0.0f, 5.0f);

    BinaryWriter writer;
    writer.writeMatrix(source.block(1, 1, 3, 2)); // strided columns
    writer.writeMatrix(rowMajor);
    writer.writeMatrix(source.transpose());
    writer.writeMatrix(vector);
    writer.writeMatrix(2.0 * source);

    BinaryReader reader(writer.bytes(), context);
    QCOMPARE(reader.readMatrixD(), Eigen::MatrixXd(source.block(1, 1, 3, 2)));
    QCOMPARE(reader.readMatrixD(), source);
    QCOMPARE(reader.readMatrixD(), Eigen::MatrixXd(source.transpose()));
    QCOMPARE(reader.readMatrixF(), Eigen::MatrixXf(vector));
    QCOMPARE(reader.readMatrixD(), Eigen::MatrixXd(2.0 * source));
    reader.expectEnd();

    // Column-major on disk: the second stored element is source(1, 0).
    BinaryReader raw(writer.bytes(), context);
    raw.readU64();
    raw.readU64();
    QCOMPARE(raw.readF64(), source(1, 1));
    QCOMPARE(raw.readF64(), source(2, 1));
}

// Cutting a valid stream anywhere must give an InputError naming the context and the
// truncation, never a crash or a silently short value.
void TestBinaryStream::everyTruncationThrowsWithContext()
{
    BinaryWriter writer;
    writer.writeU8(1);
    writer.writeU32(2);
    writer.writeU64(3);
    writer.writeI32(-4);
    writer.writeI64(-5);
    writer.writeF32(6.0f);
    writer.writeF64(7.0);
    writer.writeString("eight");
    writer.writeFloatArray(std::vector<float>{9.0f, 9.5f});
    writer.writeDoubleArray(std::vector<double>{10.0});
    writer.writeMatrix(Eigen::MatrixXf::Constant(2, 2, 11.0f));
    writer.writeMatrix(Eigen::MatrixXd::Constant(1, 3, 12.0));
    const std::string full = writer.bytes();

    const auto readAll = [](BinaryReader& reader) {
        reader.readU8();
        reader.readU32();
        reader.readU64();
        reader.readI32();
        reader.readI64();
        reader.readF32();
        reader.readF64();
        reader.readString();
        reader.readFloatArray();
        reader.readDoubleArray();
        reader.readMatrix<float>();
        reader.readMatrix<double>("output weights");
        reader.expectEnd();
    };
    BinaryReader complete(full, context);
    readAll(complete);

    for (std::size_t length = 0; length < full.size(); ++length) {
        const std::string cut = full.substr(0, length);
        const std::string message = inputErrorOf([&] {
            BinaryReader reader(cut, context);
            readAll(reader);
        });
        QVERIFY2(contains(message, "model file 'x.rcp' is malformed: truncated "), message.c_str());
        QVERIFY2(contains(message, " at byte "), message.c_str());
    }

    // The message names the value and where it starts.
    const std::string cut = full.substr(0, full.size() - 1);
    const std::string message = inputErrorOf([&] {
        BinaryReader reader(cut, context);
        readAll(reader);
    });
    const std::size_t lastStart = full.size() - (16 + 3 * sizeof(double));
    QCOMPARE(message, "model file 'x.rcp' is malformed: truncated output weights (needs 24 bytes, 23 remain) at byte "
                          + std::to_string(lastStart));
}

// Each length prefix claims far more data than exists; the reader must throw InputError
// (not std::bad_alloc or std::length_error, which an attempted allocation would give).
void TestBinaryStream::absurdSizesThrowWithoutAllocating()
{
    struct Case {
        const char* name;
        std::string bytes;
        std::function<void(BinaryReader&)> read;
    };
    const auto u64s = [](std::initializer_list<std::uint64_t> values) {
        BinaryWriter writer;
        for (const std::uint64_t value : values)
            writer.writeU64(value);
        writer.writeU64(0); // a few real bytes after the prefix
        return writer.takeBytes();
    };
    BinaryWriter hugeString;
    hugeString.writeU32(0xffffffffu);
    hugeString.writeU32(0);

    const std::uint64_t big = std::uint64_t(1) << 40;
    const std::uint64_t overflowing = (std::uint64_t(1) << 62) + 1; // times 4 or 8 wraps around
    const std::vector<Case> cases{
        {"string", hugeString.takeBytes(), [](BinaryReader& r) { r.readString(); }},
        {"float array", u64s({big}), [](BinaryReader& r) { r.readFloatArray(); }},
        {"double array wrapping", u64s({overflowing}), [](BinaryReader& r) { r.readDoubleArray(); }},
        {"float matrix", u64s({big, big}), [](BinaryReader& r) { r.readMatrix<float>(); }},
        {"double matrix wrapping", u64s({overflowing, 4}), [](BinaryReader& r) { r.readMatrix<double>(); }},
        {"rows times cols wrapping", u64s({std::uint64_t(1) << 32, std::uint64_t(1) << 32}),
         [](BinaryReader& r) { r.readMatrix<double>(); }},
        {"one too many", u64s({2, 1}), [](BinaryReader& r) { r.readMatrix<double>(); }},
        {"zero rows, huge cols", u64s({0, ~std::uint64_t(0)}), [](BinaryReader& r) { r.readMatrix<float>(); }},
    };
    for (const Case& c : cases) {
        std::string message;
        try {
            BinaryReader reader(c.bytes, context);
            c.read(reader);
            message = "<nothing thrown>";
        } catch (const InputError& error) {
            message = error.what();
        } catch (const std::exception& error) {
            message = std::string("<wrong exception: ") + error.what() + ">";
        }
        QVERIFY2(contains(message, "model file 'x.rcp' is malformed: ") && contains(message, "at byte 0"),
                 (std::string(c.name) + ": " + message).c_str());
    }
}

void TestBinaryStream::expectEndRejectsTrailingBytes()
{
    BinaryWriter writer;
    writer.writeU32(1);
    writer.writeU8(2);
    writer.writeU8(3);
    BinaryReader reader(writer.bytes(), context);
    reader.readU32();
    QCOMPARE(reader.remaining(), std::size_t(2));
    QCOMPARE(inputErrorOf([&] { reader.expectEnd(); }),
             std::string("model file 'x.rcp' is malformed: 2 unexpected trailing bytes at byte 4"));
}

void TestBinaryStream::failNamesOffsetWithBase()
{
    const std::string bytes(10, '\0');
    BinaryReader reader(bytes, context, 24);
    reader.readU32();
    QCOMPARE(inputErrorOf([&] { reader.fail("unknown layer type 7"); }),
             std::string("model file 'x.rcp' is malformed: unknown layer type 7 at byte 28"));
    QCOMPARE(inputErrorOf([&] { reader.readU64("layer count"); }),
             std::string("model file 'x.rcp' is malformed: truncated layer count (needs 8 bytes, 6 remain) at byte 28"));
}

QTEST_GUILESS_MAIN(TestBinaryStream)
#include "test_binary_stream.moc"
