#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// CSV as RFC 4180 has it, for the tables the program writes and reads back (experiment rows and
// summaries): a field holding a comma, a quote or a line break is quoted, its quotes doubled.
// A run named "a,b" once shifted every column after it.
std::string csvField(std::string_view text);

// The records of CSV text, fields unquoted; a quoted field may hold commas and line breaks. Empty
// lines are skipped. Throws InputError naming `where` and the line for a quote left open.
std::vector<std::vector<std::string>> parseCsvRecords(std::string_view text, const std::string& where);

} // namespace reciprocal
