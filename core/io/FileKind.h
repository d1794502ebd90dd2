#pragma once

#include <string>

namespace reciprocal {

// What a file handed to the application is (a file manager's double click, a drop on the window,
// `reciprocal gui FILE`), told from its content: the model container's magic, or the "format" of
// an experiment or lesson file. Throws InputError naming the file when it cannot be read or is none
// of these.
enum class ReciprocalFileKind { Model, Experiment, Lesson };
ReciprocalFileKind reciprocalFileKind(const std::string& path);

} // namespace reciprocal
