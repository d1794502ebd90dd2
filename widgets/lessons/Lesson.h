#pragma once

#include "widgets/session/SessionSettings.h"

#include <string>
#include <vector>

namespace reciprocal::widgets {

// A guided lesson (resources/lessons/*.json, docs/teaching.md): the session to set up, the view to
// show, the controls to hide and the steps a student reads in the lesson panel. The data set and
// network sections are those of experiment files.
struct Lesson {
    std::string title;
    std::string summary;
    SessionSettings settings;
    std::string view = "playground";
    std::vector<std::string> hidden; // of lessonControls()
    std::vector<std::string> steps;  // short texts; simple HTML (<b>, <i>, <br>) is allowed

    friend bool operator==(const Lesson&, const Lesson&) = default;
};

// The controls a lesson may hide: "setup", "pruning", "knobs" (the docks) and "toolbar".
const std::vector<std::string>& lessonControls();

// Parse and validate a lesson file; `views` are the names a lesson may show. Every problem is an
// InputError naming the file and the field: "lesson 'l.json': steps[2] must be a string".
Lesson parseLesson(const std::string& text, const std::string& path, const std::vector<std::string>& views);
// Reads the file (a regular file of at most 1 MB, or a Qt resource ":/lessons/...") and parses it.
Lesson loadLesson(const std::string& path, const std::vector<std::string>& views);
// The lesson as a file parseLesson reads back to the same lesson.
std::string lessonText(const Lesson& lesson);

} // namespace reciprocal::widgets
