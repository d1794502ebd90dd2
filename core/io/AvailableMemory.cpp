#include "core/io/AvailableMemory.h"

#include "core/Format.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace reciprocal {

std::optional<double> parseMemAvailable(std::string_view meminfo)
{
    constexpr std::string_view key = "MemAvailable:";
    const auto at = meminfo.find(key);
    if (at == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = meminfo.substr(at + key.size());
    rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
    long long kibibytes = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), kibibytes);
    if (error != std::errc() || kibibytes < 0 || std::string_view(end, rest.data() + rest.size()).substr(0, 3) != " kB")
        return std::nullopt;
    return 1024.0 * static_cast<double>(kibibytes);
}

std::optional<double> availableMemory()
{
    std::ifstream file("/proc/meminfo");
    if (!file)
        return std::nullopt;
    std::ostringstream text;
    text << file.rdbuf();
    return parseMemAvailable(text.str());
}

std::string formatBytes(double bytes)
{
    if (bytes < 1e9)
        return formatFixed(bytes / 1e6, 0) + " MB";
    if (bytes < 1e10)
        return formatFixed(bytes / 1e9, 1) + " GB";
    return formatFixed(bytes / 1e9, 0) + " GB";
}

} // namespace reciprocal
