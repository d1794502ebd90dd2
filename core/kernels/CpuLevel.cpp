#include "core/kernels/CpuLevel.h"

#include "core/Error.h"
#include "core/math/NameTable.h"

#include <atomic>
#include <cstdlib>

namespace reciprocal {

namespace {

constexpr NameTable<CpuLevel, 3> levels{{{
    {CpuLevel::Baseline, "x86-64"},
    {CpuLevel::Avx2, "avx2"},
    {CpuLevel::Avx512, "avx512"},
}}};

CpuLevel detectBestLevel()
{
    // libgcc's checks include the operating system's support for the wider registers (xgetbv).
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4"))
        return CpuLevel::Avx512;
    if (__builtin_cpu_supports("x86-64-v3"))
        return CpuLevel::Avx2;
    return CpuLevel::Baseline;
}

std::atomic<CpuLevel>& activeLevel()
{
    static std::atomic<CpuLevel> level{startingCpuLevel()};
    return level;
}

} // namespace

std::string_view cpuLevelName(CpuLevel level) { return levels.name(level); }
CpuLevel parseCpuLevel(std::string_view name) { return levels.parse(name, "CPU level"); }
std::vector<std::string> cpuLevelNames() { return levels.names(); }

CpuLevel bestCpuLevel()
{
    static const CpuLevel best = detectBestLevel();
    return best;
}

std::vector<CpuLevel> supportedCpuLevels()
{
    std::vector<CpuLevel> result;
    for (int level = 0; level <= static_cast<int>(bestCpuLevel()); ++level)
        result.push_back(static_cast<CpuLevel>(level));
    return result;
}

CpuLevel requestedCpuLevel()
{
    const char* value = std::getenv(cpuLevelVariable);
    if (value == nullptr || *value == '\0')
        return bestCpuLevel();
    try {
        const CpuLevel level = parseCpuLevel(value);
        if (level > bestCpuLevel())
            throw InputError("this CPU's best level is " + std::string(cpuLevelName(bestCpuLevel())));
        return level;
    } catch (const InputError& error) {
        throw InputError(std::string(cpuLevelVariable) + ": " + error.what());
    }
}

CpuLevel startingCpuLevel()
{
    static const CpuLevel starting = [] {
        try {
            return requestedCpuLevel();
        } catch (const InputError&) {
            return bestCpuLevel();
        }
    }();
    return starting;
}

CpuLevel activeCpuLevel() { return activeLevel().load(std::memory_order_relaxed); }

void selectCpuLevel(CpuLevel level)
{
    if (level > bestCpuLevel())
        throw InputError("this CPU has no " + std::string(cpuLevelName(level)) + " instructions (its best level is " +
                         std::string(cpuLevelName(bestCpuLevel())) + ")");
    activeLevel().store(level, std::memory_order_relaxed);
}

} // namespace reciprocal
