#pragma once

#include "core/Error.h"

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reciprocal {

// A fixed two-way mapping between an enum and its command-line / file names, so every enum is
// named, parsed and listed in one place.
template <typename Enum, std::size_t Size> struct NameTable {
    std::array<std::pair<Enum, std::string_view>, Size> entries;

    constexpr std::string_view name(Enum value) const
    {
        for (const auto& [entry, text] : entries)
            if (entry == value)
                return text;
        return "unknown";
    }

    Enum parse(std::string_view text, std::string_view what) const
    {
        for (const auto& [entry, entryName] : entries)
            if (entryName == text)
                return entry;
        std::string message = "unknown " + std::string(what) + " '" + std::string(text) + "' (expected one of:";
        for (const auto& entryName : names())
            message += " " + entryName;
        throw InputError(message + ")");
    }

    std::vector<std::string> names() const
    {
        std::vector<std::string> result;
        for (const auto& entry : entries)
            result.emplace_back(entry.second);
        return result;
    }
};

} // namespace reciprocal
