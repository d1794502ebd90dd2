#pragma once

#include <QString>

#include <string>

namespace reciprocal::cli {

// Command-line arguments are bytes, and a file name need not be UTF-8 (a Latin-1 name from an old
// archive). Decoding them lossily made such a file impossible to open although it exists; these
// two round-trip every byte: valid UTF-8 is decoded as such, each other byte b becomes the lone
// surrogate U+DC00 + b (as Python's surrogateescape does) and is turned back into b.
QString argumentFromBytes(const std::string& bytes);
std::string bytesOfArgument(const QString& argument);

} // namespace reciprocal::cli
