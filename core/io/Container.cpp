#include "core/io/Container.h"

#include "core/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/BinaryReader.h"
#include "core/io/BinaryWriter.h"
#include "core/io/Checksum.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace reciprocal {

namespace {

void checkMagic(std::string_view magic)
{
    if (magic.size() != containerMagicSize)
        throw std::invalid_argument("container magic '" + std::string(magic) + "' must be exactly 8 bytes");
}

} // namespace

void writeContainer(const std::string& path, std::string_view magic, std::uint32_t version,
                    std::string_view payload)
{
    checkMagic(magic);
    if (version == 0)
        throw std::invalid_argument("container format versions start at 1");
    BinaryWriter header;
    header.writeBytes(magic);
    header.writeU32(version);
    header.writeU64(payload.size());
    header.writeU32(crc32(payload));
    // Passing the pieces separately spares a copy of a payload that may be hundreds of MB.
    const std::array<std::string_view, 2> pieces{header.bytes(), payload};
    writeFileAtomically(path, pieces);
}

ContainerContents readContainer(const std::string& path, std::string_view magic,
                                std::uint32_t newestSupportedVersion, std::string_view kind)
{
    checkMagic(magic);
    constexpr std::size_t maximumBytes = std::size_t(64) << 30; // a model of 16e9 parameters
    std::string bytes = readWholeFile(path, maximumBytes);
    const std::string name = "'" + path + "'";
    const auto fail = [&name](const std::string& problem) { throw InputError(name + " " + problem); };

    if (bytes.empty())
        fail("is empty");
    // A short file that does not even start like ours is the wrong kind of file, not a
    // truncated one; compare only the bytes it has.
    const std::size_t magicBytes = std::min(bytes.size(), containerMagicSize);
    if (std::string_view(bytes).substr(0, magicBytes) != magic.substr(0, magicBytes))
        fail("is not a " + std::string(kind) + " file");
    if (bytes.size() < containerHeaderSize)
        fail("is truncated (" + std::to_string(bytes.size()) + " bytes, header needs "
             + std::to_string(containerHeaderSize) + ")");

    // The header is known to be complete, so these reads cannot throw.
    BinaryReader header(std::string_view(bytes).substr(0, containerHeaderSize), name);
    header.readBytes(containerMagicSize);
    const std::uint32_t version = header.readU32();
    const std::uint64_t declaredLength = header.readU64();
    const std::uint32_t storedCrc = header.readU32();

    if (version == 0)
        fail("has invalid format version 0");
    if (version > newestSupportedVersion)
        fail("was written by a newer Reciprocal (format version " + std::to_string(version)
             + "; this build reads up to " + std::to_string(newestSupportedVersion) + ")");
    const std::uint64_t actualLength = bytes.size() - containerHeaderSize;
    if (declaredLength > actualLength)
        fail("is truncated: header declares " + std::to_string(declaredLength) + " payload bytes, file has "
             + std::to_string(actualLength));
    if (declaredLength < actualLength)
        fail("is corrupted: " + std::to_string(actualLength - declaredLength)
             + " unexpected bytes after the payload");

    // Strip the header in place rather than copying a possibly large payload.
    bytes.erase(0, containerHeaderSize);
    if (crc32(bytes) != storedCrc)
        fail("is corrupted: checksum mismatch");
    return {version, std::move(bytes)};
}

} // namespace reciprocal
