#include "core/data/CsvReader.h"

#include "core/data/FeatureStorage.h"
#include "core/Error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

namespace reciprocal {

namespace {

// Larger labels mean a wrong column, not a real class; they would also size the output layer.
constexpr double kMaxLabel = 65535;

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(trim(line.substr(start, comma - start)));
        if (comma == std::string_view::npos)
            return fields;
        start = comma + 1;
    }
}

enum class ParseStatus { Ok, NotNumber, NotFinite, OutOfRange };

// from_chars accepts neither a leading '+' nor surrounding space; the space is already trimmed.
template <typename Float> ParseStatus parseNumber(std::string_view field, Float& value)
{
    if (field.size() > 1 && field.front() == '+' && field[1] != '-' && field[1] != '+')
        field.remove_prefix(1);
    const char* end = field.data() + field.size();
    const auto [stop, error] = std::from_chars(field.data(), end, value);
    if (field.empty() || stop != end || error == std::errc::invalid_argument)
        return ParseStatus::NotNumber;
    if (error == std::errc::result_out_of_range)
        return ParseStatus::OutOfRange;
    if (!std::isfinite(value))
        return ParseStatus::NotFinite;
    return ParseStatus::Ok;
}

[[noreturn]] void failAt(const std::string& path, std::size_t line, const std::string& problem)
{
    throw InputError(path + ":" + std::to_string(line) + ": " + problem);
}

bool isNumber(std::string_view field)
{
    double value = 0;
    return parseNumber(field, value) != ParseStatus::NotNumber;
}

} // namespace

Dataset readCsv(const std::string& path)
{
    std::error_code fsError;
    const auto status = std::filesystem::status(path, fsError);
    if (!std::filesystem::exists(status))
        throw InputError(path + ": no such file");
    if (!std::filesystem::is_regular_file(status))
        throw InputError(path + ": not a regular file");
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open");

    // Samples are appended row by row, which is column by column of the feature matrix.
    std::vector<float> values;
    std::vector<std::int32_t> labels;
    std::optional<std::size_t> columnCount;
    std::size_t headerLine = 0; // line that set columnCount, for the ragged-row message
    std::int32_t maxLabel = -1;
    bool firstContentLine = true;

    std::string line;
    std::size_t lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        std::string_view text = line;
        if (lineNumber == 1 && text.starts_with("\xEF\xBB\xBF"))
            text.remove_prefix(3);
        if (text.ends_with('\r'))
            text.remove_suffix(1);
        if (trim(text).empty())
            continue;

        const std::vector<std::string_view> fields = splitFields(text);
        if (firstContentLine) {
            firstContentLine = false;
            if (fields.size() < 2)
                failAt(path, lineNumber,
                       "need at least one feature column and a label column, found " +
                           std::to_string(fields.size()) + " field");
            columnCount = fields.size();
            headerLine = lineNumber;
            // Empty fields are no evidence of a header: "1,2,0," is a data row missing its label.
            bool header = false;
            for (std::string_view field : fields)
                header = header || (!field.empty() && !isNumber(field));
            if (header)
                continue;
        } else if (fields.size() != *columnCount) {
            failAt(path, lineNumber,
                   "row has " + std::to_string(fields.size()) + " fields, expected " +
                       std::to_string(*columnCount) + " like line " + std::to_string(headerLine));
        }

        for (std::size_t i = 0; i + 1 < fields.size(); ++i) {
            float value = 0;
            const ParseStatus parsed = parseNumber(fields[i], value);
            if (parsed != ParseStatus::Ok) {
                const std::string field =
                    "field " + std::to_string(i + 1) + " '" + std::string(fields[i]) + "'";
                failAt(path, lineNumber,
                       field + (parsed == ParseStatus::NotNumber   ? " is not a number"
                                : parsed == ParseStatus::NotFinite ? " is NaN or infinite"
                                                                   : " is out of float range"));
            }
            values.push_back(value);
        }

        double label = 0;
        const ParseStatus parsed = parseNumber(fields.back(), label);
        const char* labelProblem = parsed == ParseStatus::NotNumber ? "is not a number"
                                   : parsed != ParseStatus::Ok      ? "is not a finite number"
                                   : label < 0                      ? "is negative"
                                   : label != std::floor(label)     ? "is not an integer"
                                   : label > kMaxLabel              ? "is larger than 65535"
                                                                    : nullptr;
        if (labelProblem != nullptr)
            failAt(path, lineNumber, "label '" + std::string(fields.back()) + "' " + labelProblem);
        labels.push_back(static_cast<std::int32_t>(label));
        maxLabel = std::max(maxLabel, labels.back());
    }
    if (in.bad())
        throw InputError(path + ": read error");
    if (labels.empty())
        throw InputError(path + ": no data rows");

    const auto featureCount = static_cast<Eigen::Index>(*columnCount - 1);
    Dataset data;
    allocateFeatures(data, featureCount, static_cast<Eigen::Index>(labels.size()));
    data.features = Eigen::Map<const Eigen::MatrixXf>(values.data(), featureCount,
                                                      static_cast<Eigen::Index>(labels.size()));
    data.labels = std::move(labels);
    data.classCount = maxLabel + 1;
    data.sampleShape = {static_cast<int>(featureCount)};
    return data;
}

} // namespace reciprocal
