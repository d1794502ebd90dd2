#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace reciprocal {

// Numbers the program reads and writes are the C locale's whatever the user's locale is: under
// de_DE.UTF-8 printf and strtod use decimal commas, which broke CSV rows and rejected "0.05".
// std::to_chars and std::from_chars never look at the locale.

// printf's %g with the given significant digits, for numbers inside messages and files.
inline std::string formatNumber(double value, int significantDigits = 6)
{
    char text[64];
    const auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::general, significantDigits);
    return {text, written.ptr};
}

// A fixed number of decimals, for tables and progress lines.
inline std::string formatFixed(double value, int decimals)
{
    char text[400]; // 1e308 in fixed notation
    const auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, decimals);
    return written.ec == std::errc() ? std::string(text, written.ptr) : formatNumber(value);
}

// The whole of `text` as a number (a leading '+' allowed, as strtod does), or nothing.
inline std::optional<double> parseNumber(std::string_view text)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

} // namespace reciprocal
