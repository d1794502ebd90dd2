#pragma once

#include <cstdint>
#include <string_view>

namespace reciprocal {

// CRC-32 (the zlib / PNG / gzip polynomial), so checksums can be verified with standard tools.
// It detects accidental corruption (bit flips, truncated copies), not tampering.
// Pass the previous result as `crc` to checksum data that arrives in pieces:
// crc32(b, crc32(a)) == crc32(a + b).
std::uint32_t crc32(std::string_view bytes, std::uint32_t crc = 0);

} // namespace reciprocal
