#pragma once

#include "core/Error.h"

#include <functional>
#include <string>

namespace testsupport {

// Runs action and returns the InputError message, or a marker no real message contains.
inline std::string inputErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const reciprocal::InputError& error) {
        return error.what();
    }
    return "<no InputError thrown>";
}

inline bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace testsupport
