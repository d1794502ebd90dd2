#pragma once

#include "InputErrorCapture.h"

// Helpers shared by the data-loader tests: build IDX / CIFAR-10 / CSV bytes and write them,
// plain or through zlib's gzip writer, into a test's temporary directory.

#include "core/Error.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <zlib.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

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

inline void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        throw std::runtime_error("cannot write test file " + path.toStdString());
}

// Writes bytes gzip-compressed with zlib's own gz writer.
inline void writeGzFile(const QString& path, const QByteArray& bytes)
{
    gzFile file = gzopen(path.toLocal8Bit().constData(), "wb");
    if (file == nullptr)
        throw std::runtime_error("cannot open test file " + path.toStdString());
    const int written =
        bytes.isEmpty() ? 0 : gzwrite(file, bytes.constData(), static_cast<unsigned>(bytes.size()));
    if (gzclose(file) != Z_OK || written != bytes.size())
        throw std::runtime_error("cannot gzip test file " + path.toStdString());
}

// The gzip file zlib writes for bytes, as bytes (to cut or corrupt in a test).
inline QByteArray gzipBytes(const QByteArray& bytes)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("scratch.gz");
    writeGzFile(path, bytes);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read back " + path.toStdString());
    return file.readAll();
}

inline std::string str(const QString& text)
{
    return text.toStdString();
}

using testsupport::contains;
using testsupport::inputErrorOf;

} // namespace datatest
