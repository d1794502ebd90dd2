#pragma once

#include <string>
#include <vector>

namespace reciprocal {

// "0.05:0.95:0.05" (first:last:step, last included) or "0.1,0.5,0.9"; every value in [0, 1].
// Throws InputError saying what is wrong with the text.
std::vector<double> parseFractionList(const std::string& text);

} // namespace reciprocal
