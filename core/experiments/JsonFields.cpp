#include "core/experiments/JsonFields.h"

#include "core/Format.h"
#include "core/Text.h"

#include <cmath>

namespace reciprocal {

JsonFields::JsonFields(const nlohmann::json& object, std::string path, std::string file, std::string kind)
    : m_object(object)
    , m_path(std::move(path))
    , m_file(std::move(file))
    , m_kind(std::move(kind))
{
    if (!m_object.is_object())
        throw InputError(m_kind + " '" + m_file + "': " + (m_path.empty() ? std::string("the file") : m_path) +
                         " must be a JSON object");
}

void JsonFields::fail(const std::string& key, const std::string& problem) const { failAt(pathOf(key), problem); }

void JsonFields::failAt(const std::string& elementPath, const std::string& problem) const
{
    throw InputError(m_kind + " '" + m_file + "': " + elementPath + " " + problem);
}

nlohmann::json jsonNumber(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); }

nlohmann::json parseStrictJson(const std::string& text, const std::string& kind, const std::string& path)
{
    std::vector<std::set<std::string>> keys; // one set of keys per object being read
    const auto refuseDuplicates = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (event == nlohmann::json::parse_event_t::object_start)
            keys.emplace_back();
        else if (event == nlohmann::json::parse_event_t::object_end && !keys.empty())
            keys.pop_back();
        else if (event == nlohmann::json::parse_event_t::key && !keys.empty() &&
                 !keys.back().insert(parsed.get<std::string>()).second)
            throw InputError(kind + " '" + path + "': the key \"" + printableLine(parsed.get<std::string>()) +
                             "\" appears twice in one object");
        return true;
    };
    try {
        return nlohmann::json::parse(text, refuseDuplicates);
    } catch (const nlohmann::json::exception& error) {
        throw InputError(kind + " '" + path + "' is not valid JSON: " + error.what());
    }
}

const nlohmann::json* JsonFields::raw(const std::string& key)
{
    m_read.insert(key);
    const auto found = m_object.find(key);
    return found == m_object.end() ? nullptr : &*found;
}

const nlohmann::json* JsonFields::require(const std::string& key)
{
    const nlohmann::json* value = raw(key);
    if (!value)
        fail(key, "is missing");
    return value;
}

std::string JsonFields::string(const std::string& key, const std::optional<std::string>& fallback)
{
    const nlohmann::json* value = fallback && !has(key) ? raw(key) : require(key);
    if (!value)
        return *fallback;
    if (!value->is_string())
        fail(key, "must be a string");
    return value->get<std::string>();
}

long long JsonFields::integer(const std::string& key, long long minimum, long long maximum,
                              const std::optional<long long>& fallback)
{
    const nlohmann::json* value = fallback && !has(key) ? raw(key) : require(key);
    if (!value)
        return *fallback;
    if (!value->is_number_integer() || value->get<long long>() < minimum || value->get<long long>() > maximum)
        fail(key, "must be an integer in " + std::to_string(minimum) + ".." + std::to_string(maximum));
    return value->get<long long>();
}

double JsonFields::number(const std::string& key, double minimum, double maximum, const std::optional<double>& fallback)
{
    const nlohmann::json* value = fallback && !has(key) ? raw(key) : require(key);
    if (!value)
        return *fallback;
    if (!value->is_number() || value->get<double>() < minimum || value->get<double>() > maximum)
        fail(key, "must be a number in [" + formatNumber(minimum) + ", " + formatNumber(maximum) + "]");
    return value->get<double>();
}

bool JsonFields::boolean(const std::string& key, bool fallback)
{
    const nlohmann::json* value = raw(key);
    if (!value)
        return fallback;
    if (!value->is_boolean())
        fail(key, "must be true or false");
    return value->get<bool>();
}

std::vector<std::pair<const nlohmann::json*, std::string>> JsonFields::array(const std::string& key, bool absentIsEmpty)
{
    const nlohmann::json* value = absentIsEmpty ? raw(key) : require(key);
    std::vector<std::pair<const nlohmann::json*, std::string>> elements;
    if (!value)
        return elements;
    if (!value->is_array())
        fail(key, "must be an array");
    for (std::size_t i = 0; i < value->size(); ++i)
        elements.emplace_back(&(*value)[i], pathOf(key) + "[" + std::to_string(i) + "]");
    return elements;
}

void JsonFields::expectFormat(const std::string& format, long long version)
{
    if (string("format") != format)
        fail("format", "must be \"" + format + "\"");
    if (integer("version", 1, 1000) > version)
        fail("version", "is newer than this build reads (" + std::to_string(version) + ")");
}

JsonFields JsonFields::object(const std::string& key) { return JsonFields(*require(key), pathOf(key), m_file, m_kind); }

void JsonFields::finish() const
{
    for (const auto& [key, value] : m_object.items())
        if (!m_read.contains(key))
            fail(key, "is not a known setting");
}

} // namespace reciprocal
