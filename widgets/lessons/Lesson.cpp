#include "widgets/lessons/Lesson.h"

#include "core/Error.h"
#include "core/experiments/SettingsFields.h"
#include "core/io/AtomicFile.h"

#include <QFile>

#include <algorithm>

namespace reciprocal::widgets {

namespace {

constexpr std::size_t maximumLessonBytes = 1 << 20;
constexpr std::size_t maximumStepCharacters = 4000;

bool contains(const std::vector<std::string>& names, const std::string& name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const std::string& name : names) {
        if (!text.empty())
            text += ", ";
        text += name;
    }
    return text;
}

} // namespace

const std::vector<std::string>& lessonControls()
{
    static const std::vector<std::string> controls{"setup", "pruning", "knobs", "toolbar"};
    return controls;
}

Lesson parseLesson(const std::string& text, const std::string& path, const std::vector<std::string>& views)
{
    const nlohmann::json json = parseStrictJson(text, "lesson", path);
    JsonFields root(json, "", path, "lesson");
    root.expectFormat("reciprocal-lesson", 1);
    Lesson lesson;
    lesson.title = root.string("title");
    if (lesson.title.empty() || lesson.title.size() > 200)
        root.fail("title", "must be 1 to 200 characters");
    lesson.summary = root.string("summary", "");
    lesson.settings.dataset = readDatasetFields(root.object("dataset"));
    readNetworkFields(root.object("network"), lesson.settings.architecture, lesson.settings.training);
    JsonFields training = root.object("training");
    lesson.settings.mode = parsed(training, "mode", training.string("mode", "full"),
                                  [](const std::string& t) { return parseTrainMode(t); });
    lesson.settings.optimizer = readOptimizer(training, OptimizerSettings{});
    lesson.settings.epochs = static_cast<int>(training.integer("epochs", 1, 100000));
    lesson.settings.training.seed = static_cast<std::uint64_t>(training.integer("seed", 0, 2'000'000'000, 1));
    training.finish();
    lesson.view = root.string("view", "playground");
    if (!contains(views, lesson.view))
        root.fail("view", "must be one of " + joined(views) + " (got \"" + lesson.view + "\")");
    for (const auto& [element, elementPath] : root.array("hide", true)) {
        if (!element->is_string() || !contains(lessonControls(), element->get<std::string>()))
            root.failAt(elementPath, "must be one of " + joined(lessonControls()));
        if (contains(lesson.hidden, element->get<std::string>()))
            root.failAt(elementPath, "is listed twice");
        lesson.hidden.push_back(element->get<std::string>());
    }
    for (const auto& [element, elementPath] : root.array("steps")) {
        if (!element->is_string() || element->get<std::string>().empty() ||
            element->get<std::string>().size() > maximumStepCharacters)
            root.failAt(elementPath, "must be a text of 1 to 4000 characters");
        lesson.steps.push_back(element->get<std::string>());
    }
    if (lesson.steps.empty())
        root.fail("steps", "must hold at least one step");
    root.finish();
    return lesson;
}

Lesson loadLesson(const std::string& path, const std::vector<std::string>& views)
{
    if (path.starts_with(":/")) { // shipped with the application
        QFile resource(QString::fromStdString(path));
        if (!resource.open(QIODevice::ReadOnly))
            throw InputError("lesson '" + path + "' is not part of this build");
        return parseLesson(resource.readAll().toStdString(), path, views);
    }
    return parseLesson(readWholeFile(path, maximumLessonBytes), path, views);
}

std::string lessonText(const Lesson& lesson)
{
    const SessionSettings& s = lesson.settings;
    const nlohmann::json json = {{"format", "reciprocal-lesson"},
                                 {"version", 1},
                                 {"title", lesson.title},
                                 {"summary", lesson.summary},
                                 {"dataset", datasetJson(s.dataset)},
                                 {"network", networkJson(s.architecture, s.training)},
                                 {"training",
                                  {{"mode", trainModeName(s.mode)},
                                   {"optimizer", optimizerName(s.optimizer.kind)},
                                   {"lr", s.optimizer.learningRate},
                                   {"momentum", s.optimizer.momentum},
                                   {"epochs", s.epochs},
                                   {"seed", s.training.seed}}},
                                 {"view", lesson.view},
                                 {"hide", lesson.hidden},
                                 {"steps", lesson.steps}};
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace reciprocal::widgets
