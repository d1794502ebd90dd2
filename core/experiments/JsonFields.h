#pragma once

#include "core/Error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace reciprocal {

// Typed, validated reads of one JSON object of a file, with errors that name the file and the
// field's path ("experiment 'e.json': runs[0].name must be a string"). finish() rejects keys
// nobody asked for, so a typo never goes unnoticed.
class JsonFields {
public:
    JsonFields(const nlohmann::json& object, std::string path, std::string file);

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

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
    const std::string& file() const { return m_file; }
    std::string pathOf(const std::string& key) const { return m_path.empty() ? key : m_path + "." + key; }
    void finish() const;

private:
    const nlohmann::json* require(const std::string& key);

    const nlohmann::json& m_object;
    std::string m_path;
    std::string m_file;
    std::set<std::string> m_read;
};

} // namespace reciprocal
