#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reciprocal {

// What the machine can still give, so that a request too large for it (a network's training, a
// data set's decoded samples) is refused with a message before the allocation, not killed after.

// MemAvailable of /proc/meminfo in bytes; nullopt if the file or the line cannot be read.
std::optional<double> availableMemory();
// The MemAvailable line of a /proc/meminfo text, in bytes.
std::optional<double> parseMemAvailable(std::string_view meminfo);

// "85 MB", "6.1 GB", "480 GB".
std::string formatBytes(double bytes);

} // namespace reciprocal
