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

namespace {

std::string fileText(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        return {};
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// A limit or usage file's number; nullopt for "max" (no limit), v1's "no limit" (about 2^63) or text
// that is no number.
std::optional<double> byteCount(std::string_view text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    unsigned long long bytes = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), bytes);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || bytes >= (1ULL << 62))
        return std::nullopt;
    return static_cast<double>(bytes);
}

} // namespace

std::optional<double> cgroupHeadroom(std::string_view procSelfCgroup,
                                     const std::function<std::string(const std::string&)>& read)
{
    // v2: "0::/path", files memory.max and memory.current; v1: "N:memory:/path" (or a list with
    // memory in it) under /sys/fs/cgroup/memory.
    std::string root, limitFile, usageFile, path;
    std::istringstream lines{std::string(procSelfCgroup)};
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find(':');
        const auto second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos)
            continue;
        const std::string controllers = line.substr(first + 1, second - first - 1);
        const std::string group = line.substr(second + 1);
        std::istringstream names(controllers);
        bool memory = false;
        for (std::string name; std::getline(names, name, ',');)
            memory = memory || name == "memory";
        if (memory) { // v1 takes precedence: where it is mounted, v2 holds no memory controller
            root = "/sys/fs/cgroup/memory";
            limitFile = "memory.limit_in_bytes";
            usageFile = "memory.usage_in_bytes";
            path = group;
            break;
        }
        if (controllers.empty() && line.substr(0, first) == "0") {
            root = "/sys/fs/cgroup";
            limitFile = "memory.max";
            usageFile = "memory.current";
            path = group;
        }
    }
    if (root.empty())
        return std::nullopt;
    std::optional<double> headroom;
    for (std::string group = path;; group = group.substr(0, group.find_last_of('/'))) {
        const std::string directory = root + (group == "/" ? "" : group) + "/";
        const auto limit = byteCount(read(directory + limitFile));
        const auto usage = byteCount(read(directory + usageFile));
        if (limit && usage)
            headroom = std::min(headroom.value_or(*limit), std::max(0.0, *limit - *usage));
        if (group.empty() || group == "/")
            break;
    }
    return headroom;
}

std::optional<double> availableMemory()
{
    const std::optional<double> machine = parseMemAvailable(fileText("/proc/meminfo"));
    const std::optional<double> group = cgroupHeadroom(fileText("/proc/self/cgroup"), fileText);
    if (machine && group)
        return std::min(*machine, *group);
    return machine ? machine : group;
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
