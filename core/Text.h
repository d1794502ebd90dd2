#pragma once

#include <string>
#include <string_view>

namespace reciprocal {

// Text from outside (a file's name field, a CSV cell, an experiment id) as it may appear in a
// one-line message: invalid UTF-8 becomes U+FFFD and control characters (a newline, an escape)
// become \xNN, so a message stays one valid line whatever the input held.
std::string printableLine(std::string_view text);

// Length of the valid UTF-8 sequence at the start of text (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when there is none.
std::size_t utf8SequenceLength(std::string_view text);

} // namespace reciprocal
