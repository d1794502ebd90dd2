#include "core/io/NpzArchive.h"

#include "core/Error.h"

#include <zip.h>

#include <bit>
#include <memory>

namespace reciprocal {

namespace {

[[noreturn]] void zipFailed(const std::string& what, zip_error_t* error)
{
    throw InputError("cannot build the .npz archive (" + what + "): " + zip_error_strerror(error));
}

} // namespace

std::string npyBytes(const Matrix<float>& values, bool vector)
{
    std::string shape(1, '(');
    shape += vector ? std::to_string(values.size()) + ","
                    : std::to_string(values.rows()) + ", " + std::to_string(values.cols());
    shape += ')';
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    // Magic, version, a 2-byte length, then the header padded with spaces and a newline so that the
    // data starts at a multiple of 64 bytes, as numpy writes it.
    constexpr std::size_t prefix = 10;
    header.append(64 - (prefix + header.size() + 1) % 64, ' ');
    header += '\n';
    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>(header.size() >> 8);
    bytes += header;
    // float32 little-endian in C order: the row-major copy's bytes (x86-64 and arm64 are little-endian).
    static_assert(std::endian::native == std::endian::little);
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = values;
    bytes.append(reinterpret_cast<const char*>(rowMajor.data()), static_cast<std::size_t>(rowMajor.size()) * sizeof(float));
    return bytes;
}

void NpzArchive::addArray(const std::string& name, const Matrix<float>& values, bool vector)
{
    m_entries.emplace_back(name + ".npy", npyBytes(values, vector));
}

void NpzArchive::addFile(const std::string& name, std::string bytes) { m_entries.emplace_back(name, std::move(bytes)); }

std::string NpzArchive::bytes() const
{
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!memory)
        zipFailed("a buffer", &error);
    zip_source_keep(memory); // still ours after zip_close, to read the archive back
    const std::unique_ptr<zip_source_t, decltype(&zip_source_free)> owned(memory, &zip_source_free);
    zip_t* archive = zip_open_from_source(memory, ZIP_TRUNCATE, &error);
    if (!archive)
        zipFailed("opening", &error);
    for (const auto& [name, content] : m_entries) {
        zip_source_t* entry = zip_source_buffer(archive, content.data(), content.size(), 0);
        if (!entry || zip_file_add(archive, name.c_str(), entry, ZIP_FL_ENC_UTF_8) < 0) {
            if (entry)
                zip_source_free(entry);
            const std::string reason = zip_strerror(archive);
            zip_discard(archive);
            throw InputError("cannot build the .npz archive (adding " + name + "): " + reason);
        }
    }
    if (zip_close(archive) < 0) {
        const std::string reason = zip_strerror(archive);
        zip_discard(archive);
        throw InputError("cannot build the .npz archive (closing): " + reason);
    }
    zip_stat_t stat;
    if (zip_source_stat(memory, &stat) < 0 || zip_source_open(memory) < 0)
        zipFailed("reading back", zip_source_error(memory));
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t read = zip_source_read(memory, bytes.data(), stat.size);
    zip_source_close(memory);
    if (read != static_cast<zip_int64_t>(stat.size))
        throw InputError("cannot build the .npz archive: reading it back gave " + std::to_string(read) + " of " +
                         std::to_string(stat.size) + " bytes");
    return bytes;
}

} // namespace reciprocal
