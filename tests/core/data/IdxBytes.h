#pragma once

// IDX file contents as bytes (Qt only, so the command-line tests can build their corpus too).

#include <QByteArray>

#include <cstdint>

namespace datatest {

inline void appendBigEndian32(QByteArray& bytes, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        bytes.append(static_cast<char>((value >> shift) & 0xff));
}

// An IDX images file: magic 0x803, count, rows, cols, then the given pixel bytes.
inline QByteArray idxImages(std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                            const QByteArray& pixels, std::uint32_t magic = 0x00000803)
{
    QByteArray bytes;
    appendBigEndian32(bytes, magic);
    appendBigEndian32(bytes, count);
    appendBigEndian32(bytes, rows);
    appendBigEndian32(bytes, cols);
    return bytes + pixels;
}

// An IDX labels file: magic 0x801, count, then the given label bytes.
inline QByteArray idxLabels(std::uint32_t count, const QByteArray& labels, std::uint32_t magic = 0x00000801)
{
    QByteArray bytes;
    appendBigEndian32(bytes, magic);
    appendBigEndian32(bytes, count);
    return bytes + labels;
}

// count bytes 0, 1, 2, ... wrapping at 256: pixel i of the file has value i % 256.
inline QByteArray rampBytes(int count)
{
    QByteArray bytes(count, '\0');
    for (int i = 0; i < count; ++i)
        bytes[i] = static_cast<char>(i % 256);
    return bytes;
}

} // namespace datatest
