#pragma once

#include <Eigen/Core>

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace reciprocal {

// The file formats are defined as little-endian. Every supported target (x86-64, AArch64) is
// little-endian too, so values are copied byte for byte; a big-endian port would have to add
// byte swapping here and in BinaryReader rather than silently writing incompatible files.
static_assert(std::endian::native == std::endian::little, "BinaryWriter assumes a little-endian host");

template <typename Scalar>
concept BinaryFloat = std::same_as<Scalar, float> || std::same_as<Scalar, double>;

// Appends little-endian values to a growing byte buffer. The layout of each value, which
// BinaryReader mirrors exactly:
//   u8 u32 u64 i32 i64 f32 f64   fixed width, little-endian, IEEE 754 for floats (NaN bits kept)
//   string                       u32 byte count, then the bytes (no terminator; may hold NULs)
//   float/double array           u64 element count, then the elements
//   float/double matrix          u64 rows, u64 cols, then rows*cols elements in column-major order
// Nothing is self-describing: the reader must read the same sequence of types.
class BinaryWriter {
public:
    BinaryWriter() = default;

    void writeU8(std::uint8_t value) { appendRaw(value); }
    void writeU32(std::uint32_t value) { appendRaw(value); }
    void writeU64(std::uint64_t value) { appendRaw(value); }
    void writeI32(std::int32_t value) { appendRaw(value); }
    void writeI64(std::int64_t value) { appendRaw(value); }
    void writeF32(float value) { appendRaw(value); }
    void writeF64(double value) { appendRaw(value); }

    // Throws reciprocal::Error if the string is 4 GiB or longer (the length prefix is u32).
    void writeString(std::string_view text);

    void writeFloatArray(std::span<const float> values) { writeArray(values); }
    void writeDoubleArray(std::span<const double> values) { writeArray(values); }

    // Any dense float or double expression (matrix, vector, block, row-major matrix); it is
    // stored as a column-major rows x cols matrix, so a vector reads back as an n x 1 matrix.
    template <typename Derived>
        requires BinaryFloat<typename Derived::Scalar>
    void writeMatrix(const Eigen::DenseBase<Derived>& matrix)
    {
        using Scalar = typename Derived::Scalar;
        using Plain = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
        writeU64(static_cast<std::uint64_t>(matrix.rows()));
        writeU64(static_cast<std::uint64_t>(matrix.cols()));
        // The Ref binds column-major storage (whole matrices, vectors, column blocks) without
        // copying and evaluates anything else (expressions, row-major storage) into a temporary.
        // Its columns are contiguous but may lie a stride apart, so they are copied one by one.
        const Eigen::Ref<const Plain> columns(matrix.derived());
        const auto columnBytes = static_cast<std::size_t>(columns.rows()) * sizeof(Scalar);
        m_buffer.reserve(m_buffer.size() + columnBytes * static_cast<std::size_t>(columns.cols()));
        for (Eigen::Index j = 0; j < columns.cols(); ++j)
            appendBytes(columns.col(j).data(), columnBytes);
    }

    // Raw bytes with no length prefix, for callers that frame data themselves.
    void writeBytes(std::string_view bytes) { m_buffer.append(bytes); }

    std::size_t size() const { return m_buffer.size(); }
    const std::string& bytes() const& { return m_buffer; }
    // Moves the buffer out, leaving the writer empty.
    std::string takeBytes() { return std::move(m_buffer); }

private:
    template <typename T> void appendRaw(T value) { appendBytes(&value, sizeof value); }

    template <typename Scalar> void writeArray(std::span<const Scalar> values)
    {
        writeU64(values.size());
        appendBytes(values.data(), values.size_bytes());
    }

    void appendBytes(const void* data, std::size_t count)
    {
        if (count != 0)
            m_buffer.append(static_cast<const char*>(data), count);
    }

    std::string m_buffer;
};

} // namespace reciprocal
