#pragma once

#include "IdxBytes.h"
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
