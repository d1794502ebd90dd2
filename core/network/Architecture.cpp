#include "core/network/Architecture.h"

#include "core/Error.h"

#include <charconv>

namespace reciprocal {

std::string Architecture::widthsText() const
{
    std::string text;
    for (const int width : widths) {
        if (!text.empty())
            text += '-';
        text += std::to_string(width);
    }
    return text;
}

std::vector<int> parseWidths(std::string_view text)
{
    // Wider than this cannot be trained in memory anyway; the bound keeps products in range.
    constexpr int maximumWidth = 1 << 20;
    const auto fail = [&](const std::string& why) {
        return InputError("invalid architecture '" + std::string(text) + "': " + why);
    };
    std::vector<int> widths;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('-', start), text.size());
        const std::string_view field = text.substr(start, end - start);
        int width = 0;
        const auto [rest, error] = std::from_chars(field.data(), field.data() + field.size(), width);
        if (field.empty() || error != std::errc() || rest != field.data() + field.size())
            throw fail("'" + std::string(field) + "' is not a layer width (expected e.g. 784-500-10)");
        if (width < 1 || width > maximumWidth)
            throw fail("layer width " + std::to_string(width) + " is out of range 1.." + std::to_string(maximumWidth));
        widths.push_back(width);
        start = end + 1;
    }
    if (widths.size() < 2)
        throw fail("need at least an input and an output layer (e.g. 784-10)");
    return widths;
}

} // namespace reciprocal
