#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace reciprocal {

// What the machine can still give, so that a request too large for it (a network's training, a
// data set's decoded samples) is refused with a message before the allocation, not killed after.

// MemAvailable of /proc/meminfo in bytes, or less when the process's control group has a memory
// limit (a container, a Slurm allocation: memory.max - memory.current in cgroup v2,
// memory.limit_in_bytes - memory.usage_in_bytes in v1, the tightest of the group and its
// ancestors), since beyond it the kernel kills the process whatever the machine has free;
// nullopt if neither can be read.
std::optional<double> availableMemory();
// What a control group hierarchy leaves: for each group from the process's own up to the root,
// its limit minus its use; the smallest, or nullopt where no group has a limit. `read` returns a
// file's text (empty when it is missing). `procSelfCgroup` is /proc/self/cgroup's text.
std::optional<double> cgroupHeadroom(std::string_view procSelfCgroup,
                                     const std::function<std::string(const std::string&)>& read);
// The MemAvailable line of a /proc/meminfo text, in bytes.
std::optional<double> parseMemAvailable(std::string_view meminfo);

// "85 MB", "6.1 GB", "480 GB".
std::string formatBytes(double bytes);

} // namespace reciprocal
