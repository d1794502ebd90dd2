#include "core/io/BinaryWriter.h"

#include "core/Error.h"

#include <limits>

namespace reciprocal {

void BinaryWriter::writeString(std::string_view text)
{
    // Silently truncating the length would make the rest of the file unreadable.
    if (text.size() > std::numeric_limits<std::uint32_t>::max())
        throw Error("cannot serialise a string of " + std::to_string(text.size())
                    + " bytes: the format allows at most 4 GiB - 1");
    writeU32(static_cast<std::uint32_t>(text.size()));
    writeBytes(text);
}

} // namespace reciprocal
