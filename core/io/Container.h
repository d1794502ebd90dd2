#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace reciprocal {

// The versioned, checksummed envelope every Reciprocal file (model, experiment, state) is
// stored in. Layout, little-endian:
//   offset  0  8 bytes  magic, identifies the kind of file (e.g. "RCPMODEL")
//   offset  8  u32      format version of the payload, >= 1
//   offset 12  u64      payload length in bytes
//   offset 20  u32      CRC-32 of the payload
//   offset 24           payload (exactly `length` bytes; nothing may follow)
// The container knows nothing about the payload; the version tells its reader how to parse it.
inline constexpr std::size_t containerHeaderSize = 24;
inline constexpr std::size_t containerMagicSize = 8;

struct ContainerContents {
    std::uint32_t version = 0;
    std::string payload;
};

// Writes atomically (see writeFileAtomically): a crash never leaves a half-written file.
// `magic` must be exactly 8 bytes and `version` at least 1 (std::invalid_argument otherwise:
// those are programming errors). Throws InputError "cannot write '<path>': <reason>".
void writeContainer(const std::string& path, std::string_view magic, std::uint32_t version,
                    std::string_view payload);

// Reads and verifies a container, returning the format version (1..newestSupportedVersion) and
// the payload. `kind` names the file type for messages, e.g. "Reciprocal model". Every problem
// is an InputError with a one-line message naming the file:
//   cannot read '<path>': <strerror>                    missing, unreadable, a directory
//   '<path>' is empty
//   '<path>' is not a <kind> file                        wrong magic (also for short files)
//   '<path>' is truncated (N bytes, header needs 24)     magic prefix matches, header cut off
//   '<path>' has invalid format version 0
//   '<path>' was written by a newer Reciprocal (format version V; this build reads up to S)
//   '<path>' is truncated: header declares N payload bytes, file has M
//   '<path>' is corrupted: N unexpected bytes after the payload
//   '<path>' is corrupted: checksum mismatch
// Checks run in that order, so a file from a newer build is reported as such even if the newer
// layout would fail the later checks.
ContainerContents readContainer(const std::string& path, std::string_view magic,
                                std::uint32_t newestSupportedVersion, std::string_view kind = "Reciprocal");

} // namespace reciprocal
