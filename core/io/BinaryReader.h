#pragma once

#include "core/io/BinaryWriter.h"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// Reads back what BinaryWriter wrote (see there for the layout), in the same order.
//
// Every read is bounds-checked against the buffer, so a truncated or corrupt file ends in an
// InputError instead of undefined behaviour or a huge allocation. Messages have the form
//   <context> is malformed: truncated <what> (needs N bytes, M remain) at byte <offset>
// where <context> is given at construction (e.g. "model file 'x.rcp'"), <what> is the name the
// caller passes to the read (defaulting to the type, e.g. "u32", "f64 matrix") and <offset> is
// where the value starts, counted from baseOffset. A length prefix is validated against the
// bytes that remain before anything is allocated, with overflow-safe arithmetic, so a corrupt
// count cannot make the reader allocate gigabytes.
//
// The reader does not own the bytes: the buffer must outlive it. After a throw the position
// is unspecified; the reader is meant to be abandoned.
class BinaryReader {
public:
    // baseOffset is added to positions in messages, so a reader over a payload embedded in a
    // file (e.g. after a container header) reports offsets within the file.
    BinaryReader(std::string_view bytes, std::string context, std::uint64_t baseOffset = 0);

    std::uint8_t readU8(std::string_view what = "u8") { return readRaw<std::uint8_t>(what); }
    std::uint32_t readU32(std::string_view what = "u32") { return readRaw<std::uint32_t>(what); }
    std::uint64_t readU64(std::string_view what = "u64") { return readRaw<std::uint64_t>(what); }
    std::int32_t readI32(std::string_view what = "i32") { return readRaw<std::int32_t>(what); }
    std::int64_t readI64(std::string_view what = "i64") { return readRaw<std::int64_t>(what); }
    float readF32(std::string_view what = "f32") { return readRaw<float>(what); }
    double readF64(std::string_view what = "f64") { return readRaw<double>(what); }

    std::string readString(std::string_view what = "string");
    std::vector<float> readFloatArray(std::string_view what = "f32 array") { return readArray<float>(what); }
    std::vector<double> readDoubleArray(std::string_view what = "f64 array")
    {
        return readArray<double>(what);
    }

    // Scalar is float or double and must match what was written.
    template <BinaryFloat Scalar>
    Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> readMatrix(std::string_view what = {})
    {
        if (what.empty())
            what = sizeof(Scalar) == 4 ? "f32 matrix" : "f64 matrix";
        const std::size_t start = m_position;
        const std::uint64_t rows = readU64(what);
        const std::uint64_t cols = readU64(what);
        const std::size_t bytes = checkedPayload(start, what, rows, cols, sizeof(Scalar));
        Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> matrix(static_cast<Eigen::Index>(rows),
                                                                     static_cast<Eigen::Index>(cols));
        copyOut(matrix.data(), bytes);
        return matrix;
    }
    Eigen::MatrixXf readMatrixF(std::string_view what = "f32 matrix") { return readMatrix<float>(what); }
    Eigen::MatrixXd readMatrixD(std::string_view what = "f64 matrix") { return readMatrix<double>(what); }

    // Raw bytes with no length prefix (the mirror of BinaryWriter::writeBytes).
    std::string_view readBytes(std::size_t count, std::string_view what = "bytes");

    // Throws "<context> is malformed: N unexpected trailing bytes at byte <offset>" unless the
    // whole buffer has been consumed; call it last so that a writer/reader mismatch is noticed.
    void expectEnd() const;

    // Throws "<context> is malformed: <problem> at byte <offset of the current position>", for
    // callers whose own validation fails (an unknown enum value, an impossible shape).
    [[noreturn]] void fail(std::string_view problem) const;
    // As fail(), naming an explicit offset within the buffer (e.g. where a record began).
    [[noreturn]] void failAt(std::size_t position, std::string_view problem) const;

    std::size_t position() const { return m_position; }
    std::size_t remaining() const { return m_bytes.size() - m_position; }
    bool atEnd() const { return m_position == m_bytes.size(); }
    const std::string& context() const { return m_context; }

private:
    template <typename T> T readRaw(std::string_view what)
    {
        const std::size_t start = m_position;
        require(start, what, sizeof(T));
        T value;
        copyOut(&value, sizeof value);
        return value;
    }

    template <BinaryFloat Scalar> std::vector<Scalar> readArray(std::string_view what)
    {
        const std::size_t start = m_position;
        const std::uint64_t count = readU64(what);
        const std::size_t bytes = checkedPayload(start, what, count, 1, sizeof(Scalar));
        std::vector<Scalar> values(static_cast<std::size_t>(count));
        copyOut(values.data(), bytes);
        return values;
    }

    // Throws unless `count` bytes remain; `start` is where the value being read began.
    void require(std::size_t start, std::string_view what, std::uint64_t count) const;
    // The byte size of a count1 x count2 block of elementSize-byte elements, after checking
    // that it fits in what remains (and does not overflow on the way).
    std::size_t checkedPayload(std::size_t start, std::string_view what, std::uint64_t count1,
                               std::uint64_t count2, std::size_t elementSize) const;
    void copyOut(void* destination, std::size_t count)
    {
        if (count != 0)
            std::memcpy(destination, m_bytes.data() + m_position, count);
        m_position += count;
    }

    std::string_view m_bytes;
    std::string m_context;
    std::uint64_t m_baseOffset;
    std::size_t m_position = 0;
};

} // namespace reciprocal
