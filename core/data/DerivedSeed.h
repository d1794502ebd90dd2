#pragma once

#include <cstdint>

namespace reciprocal {

// Independent seeds for the separate random streams of one data set (training set, test set,
// validation split) or run, all derived from the user's single seed. Seeding them with seed, seed + 1,
// ... would correlate neighbouring user seeds' streams, so the seed is mixed with SplitMix64.
enum class SeedStream : std::uint64_t {
    ToyTrain = 1,
    ToyTest = 2,
    Validation = 3,
    CsvTestHoldOut = 4,
    RandomSubset = 5, // which weights random-subset training trains (core/training/RandomSubset.h)
};

constexpr std::uint64_t derivedSeed(std::uint64_t seed, SeedStream stream)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(stream) + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace reciprocal
