#include "core/io/BinaryReader.h"

#include "core/Error.h"

#include <limits>
#include <utility>

namespace reciprocal {

BinaryReader::BinaryReader(std::string_view bytes, std::string context, std::uint64_t baseOffset)
    : m_bytes(bytes)
    , m_context(std::move(context))
    , m_baseOffset(baseOffset)
{
}

std::string BinaryReader::readString(std::string_view what)
{
    const std::size_t start = m_position;
    const std::uint32_t length = readU32(what);
    const std::size_t bytes = checkedPayload(start, what, length, 1, 1);
    std::string text(m_bytes.substr(m_position, bytes));
    m_position += bytes;
    return text;
}

std::string_view BinaryReader::readBytes(std::size_t count, std::string_view what)
{
    require(m_position, what, count);
    const std::string_view bytes = m_bytes.substr(m_position, count);
    m_position += count;
    return bytes;
}

void BinaryReader::expectEnd() const
{
    if (!atEnd())
        fail(std::to_string(remaining()) + " unexpected trailing bytes");
}

void BinaryReader::fail(std::string_view problem) const
{
    failAt(m_position, problem);
}

void BinaryReader::failAt(std::size_t position, std::string_view problem) const
{
    throw InputError(m_context + " is malformed: " + std::string(problem) + " at byte "
                     + std::to_string(m_baseOffset + position));
}

void BinaryReader::require(std::size_t start, std::string_view what, std::uint64_t count) const
{
    if (count > remaining())
        failAt(start, "truncated " + std::string(what) + " (needs " + std::to_string(count) + " bytes, "
                          + std::to_string(remaining()) + " remain)");
}

std::size_t BinaryReader::checkedPayload(std::size_t start, std::string_view what, std::uint64_t count1,
                                         std::uint64_t count2, std::size_t elementSize) const
{
    // A corrupt count such as 2^62 must be rejected, not multiplied into a small number that
    // wraps around and happens to fit, hence the checked multiplication.
    std::uint64_t elements = 0;
    std::uint64_t bytes = 0;
    if (__builtin_mul_overflow(count1, count2, &elements) || __builtin_mul_overflow(elements, elementSize, &bytes))
        failAt(start, "truncated " + std::string(what) + " (declares " + std::to_string(count1) + " x "
                          + std::to_string(count2) + " elements, " + std::to_string(remaining())
                          + " bytes remain)");
    require(start, what, bytes);
    // A zero-sized value may still carry a huge dimension (0 x 2^63), and Eigen's Index is signed.
    constexpr auto maxIndex = static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max());
    if (count1 > maxIndex || count2 > maxIndex)
        failAt(start, std::string(what) + " has an impossible size " + std::to_string(count1) + " x "
                          + std::to_string(count2));
    return static_cast<std::size_t>(bytes);
}

} // namespace reciprocal
