#include "core/pruning/FractionList.h"

#include "core/Error.h"
#include "core/Format.h"

#include <cmath>
#include <cstdlib>

namespace reciprocal {

namespace {

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

} // namespace

std::vector<double> parseFractionList(const std::string& text)
{
    const auto fail = [&](const std::string& why) {
        return InputError("fractions '" + text + "': " + why + " (expected e.g. 0.05:0.95:0.05 or 0.1,0.5,0.9)");
    };
    const auto number = [&](const std::string& field) {
        std::string_view trimmed = field;
        while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
            trimmed.remove_suffix(1);
        while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
            trimmed.remove_prefix(1);
        const std::optional<double> value = parseNumber(trimmed);
        if (!value || !std::isfinite(*value))
            throw fail("'" + field + "' is not a number");
        return *value;
    };
    std::vector<double> fractions;
    if (text.find(':') != std::string::npos) {
        const auto parts = split(text, ':');
        if (parts.size() != 3)
            throw fail("a range needs first:last:step");
        const double first = number(parts[0]);
        const double last = number(parts[1]);
        const double step = number(parts[2]);
        if (step <= 0 || last < first)
            throw fail("the step must be positive and last >= first");
        if ((last - first) / step > 10000)
            throw fail("more than 10000 fractions");
        for (int i = 0; first + i * step <= last + 1e-9; ++i)
            fractions.push_back(std::round((first + i * step) * 1e9) / 1e9);
    } else {
        for (const auto& field : split(text, ','))
            fractions.push_back(number(field));
    }
    if (fractions.empty() || fractions.size() > 10000)
        throw fail("needs between 1 and 10000 fractions");
    for (const double fraction : fractions)
        if (fraction < 0 || fraction > 1)
            throw fail("fraction " + formatNumber(fraction) + " is outside [0, 1]");
    return fractions;
}

} // namespace reciprocal
