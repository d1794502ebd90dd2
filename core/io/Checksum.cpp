#include "core/io/Checksum.h"

#include <zlib.h>

namespace reciprocal {

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc)
{
    // crc32_z takes a size_t length; plain ::crc32 takes a 32-bit uInt and would need chunking.
    return static_cast<std::uint32_t>(
        ::crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
}

} // namespace reciprocal
