#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace reciprocal {

// The one random source of the core. std::mt19937_64 is specified bit for bit by the standard
// and its state round-trips through a string, so runs are reproducible across builds and a saved
// model resumes with the same stream. The distributions are written here, not taken from
// <random>, because the standard ones are implementation-defined and normal_distribution caches
// a value outside the engine's state.
class Random {
public:
    explicit Random(std::uint64_t seed = 1) : m_engine(seed) {}

    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    // Uniform on [low, high).
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Standard normal by Box-Muller; both uniforms drawn each call, nothing cached.
    double normal();
    double normal(double mean, double stddev) { return mean + stddev * normal(); }
    // Uniform integer in [0, bound), bound > 0, without modulo bias.
    std::uint64_t below(std::uint64_t bound);

    // Fisher-Yates shuffle of any random-access range.
    template <typename Range> void shuffle(Range& range)
    {
        for (auto i = static_cast<std::uint64_t>(range.size()); i > 1; --i) {
            const auto j = below(i);
            std::swap(range[i - 1], range[j]);
        }
    }

    std::string state() const;
    // Throws InputError if the text is not a valid engine state.
    void setState(const std::string& text);

private:
    std::mt19937_64 m_engine;
};

} // namespace reciprocal
