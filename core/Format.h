#pragma once

#include <cstdio>
#include <string>

namespace reciprocal {

// printf's %g with the given significant digits, for numbers inside messages.
inline std::string formatNumber(double value, int significantDigits = 6)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*g", significantDigits, value);
    return text;
}

// A fixed number of decimals, for tables and progress lines.
inline std::string formatFixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

} // namespace reciprocal
