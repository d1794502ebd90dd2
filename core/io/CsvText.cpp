#include "core/io/CsvText.h"

#include "core/Error.h"

namespace reciprocal {

std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

std::vector<std::vector<std::string>> parseCsvRecords(std::string_view text, const std::string& where)
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;   // inside a quoted field
    bool anything = false; // the record has a field or a separator so far
    int line = 1;
    int quoteLine = 0;
    const auto endRecord = [&] {
        if (anything) {
            record.push_back(std::move(field));
            records.push_back(std::move(record));
        }
        record = {};
        field.clear();
        anything = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                line += c == '\n';
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            anything = true;
            quoteLine = line;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            anything = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRecord();
            ++line;
        } else {
            field += c;
            anything = true;
        }
    }
    if (quoted)
        throw InputError(where + ":" + std::to_string(quoteLine) + ": a quoted field is never closed");
    endRecord();
    return records;
}

} // namespace reciprocal
