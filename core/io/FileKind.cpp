#include "core/io/FileKind.h"

#include "core/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/ModelFile.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace reciprocal {

namespace {

constexpr std::size_t maximumJsonBytes = std::size_t(64) << 20;

} // namespace

ReciprocalFileKind reciprocalFileKind(const std::string& path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        throw InputError("cannot open '" + path + "': " +
                         (std::filesystem::exists(path, error) ? "not a regular file" : "No such file or directory"));
    std::ifstream file(path, std::ios::binary);
    std::string start(modelFileMagic.size(), '\0');
    if (!file.read(start.data(), static_cast<std::streamsize>(start.size())) || start != modelFileMagic) {
        const nlohmann::json json = nlohmann::json::parse(readWholeFile(path, maximumJsonBytes), nullptr, false);
        const std::string format = json.is_object() && json.contains("format") && json["format"].is_string()
                                       ? json["format"].get<std::string>()
                                       : std::string();
        if (format == "reciprocal-experiment")
            return ReciprocalFileKind::Experiment;
        if (format == "reciprocal-lesson")
            return ReciprocalFileKind::Lesson;
        throw InputError("cannot open '" + path + "': not a Reciprocal model, experiment or lesson file");
    }
    return ReciprocalFileKind::Model;
}

} // namespace reciprocal
