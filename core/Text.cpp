#include "core/Text.h"

namespace reciprocal {

std::size_t utf8SequenceLength(std::string_view text)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (text.size() < length || byte(1) < low || byte(1) > high)
        return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (byte(i) < 0x80 || byte(i) > 0xBF)
            return 0;
    return length;
}

std::string printableLine(std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string line;
    line.reserve(text.size());
    while (!text.empty()) {
        const std::size_t length = utf8SequenceLength(text);
        const auto first = static_cast<unsigned char>(text.front());
        if (length == 0) {
            line += "\xEF\xBF\xBD"; // U+FFFD REPLACEMENT CHARACTER
            text.remove_prefix(1);
            continue;
        }
        if (length == 1 && (first < 0x20 || first == 0x7f)) {
            line += "\\x";
            line += hex[first >> 4];
            line += hex[first & 15];
        } else {
            line.append(text.substr(0, length));
        }
        text.remove_prefix(length);
    }
    return line;
}

} // namespace reciprocal
