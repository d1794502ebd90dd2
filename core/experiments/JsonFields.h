#pragma once

#include "core/Error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace reciprocal {

// Typed, validated reads of one JSON object of a file, with errors that name the kind of file, the
// file and the field's path ("experiment 'e.json': runs[0].name must be a string"). finish()
// rejects keys nobody asked for, so a typo never goes unnoticed.
class JsonFields {
public:
    JsonFields(const nlohmann::json& object, std::string path, std::string file, std::string kind = "experiment");

    bool has(const std::string& key) const { return m_object.contains(key); }
    std::string string(const std::string& key, const std::optional<std::string>& fallback = std::nullopt);
    long long integer(const std::string& key, long long minimum, long long maximum,
                      const std::optional<long long>& fallback = std::nullopt);
    double number(const std::string& key, double minimum, double maximum,
                  const std::optional<double>& fallback = std::nullopt);
    bool boolean(const std::string& key, bool fallback);
    // The array at key (required unless absentIsEmpty), each element with its path "key[i]".
    std::vector<std::pair<const nlohmann::json*, std::string>> array(const std::string& key, bool absentIsEmpty = false);
    JsonFields object(const std::string& key);
    // The raw value (marked as read), or nullptr when absent.
    const nlohmann::json* raw(const std::string& key);

    // The root of a file: its "format" must be `format` and its "version" one this build reads
    // (`version`, the newest).
    void expectFormat(const std::string& format, long long version);
    [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
    // The same for an element of an array read from this object, named by its whole path.
    [[noreturn]] void failAt(const std::string& elementPath, const std::string& problem) const;
    const std::string& file() const { return m_file; }
    std::string pathOf(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    void finish() const;

private:
    const nlohmann::json* require(const std::string& key);

    const nlohmann::json& m_object;
    std::string m_path;
    std::string m_file;
    std::string m_kind; // "experiment", "lesson"
    std::set<std::string> m_read;
};

// parse(text) for the field at key, its InputError reworded as the field's ("... is invalid: ...").
template <typename Parse> auto parsed(JsonFields& fields, const std::string& key, const std::string& text, Parse parse)
{
    try {
        return parse(text);
    } catch (const InputError& error) {
        fields.fail(key, std::string("is invalid: ") + error.what());
    }
}

// A number as JSON writes it: NaN and the infinities, which JSON cannot hold, become null (e.g. a
// validation accuracy when no validation set was held out).
nlohmann::json jsonNumber(double value);

// The JSON document of a file of this kind; a syntax error, a number out of range (1e400) and a key
// given twice in one object (JSON leaves it to the reader, and the last one silently won) are
// InputErrors naming the file.
nlohmann::json parseStrictJson(const std::string& text, const std::string& kind, const std::string& path);

} // namespace reciprocal
