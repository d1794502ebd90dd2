#include "core/math/Random.h"

#include "core/Error.h"

#include <cmath>
#include <numbers>
#include <sstream>

namespace reciprocal {

double Random::normal()
{
    // 1 - uniform() lies in (0, 1], so the logarithm is finite.
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
    return radius * std::cos(2.0 * std::numbers::pi * uniform());
}

std::uint64_t Random::below(std::uint64_t bound)
{
    // Rejection sampling: discard the top partial copy of [0, bound) in the 64-bit range.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t bits;
    do {
        bits = m_engine();
    } while (bits >= limit);
    return bits % bound;
}

std::string Random::state() const
{
    std::ostringstream out;
    out << m_engine;
    return out.str();
}

void Random::setState(const std::string& text)
{
    std::istringstream in(text);
    std::mt19937_64 engine;
    in >> engine;
    if (in.fail())
        throw InputError("invalid random generator state");
    m_engine = engine;
}

} // namespace reciprocal
