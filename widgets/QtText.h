#pragma once

#include <QString>

#include <string_view>

namespace reciprocal::widgets {

// The core's names and messages (UTF-8 std::string_view) as Qt text.
inline QString qt(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

} // namespace reciprocal::widgets
