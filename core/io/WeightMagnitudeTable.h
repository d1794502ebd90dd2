#pragma once

#include "core/network/Network.h"

#include <string>

namespace reciprocal {

// Tables larger than this many weights are refused: about 30 bytes a row make 600 MB of text, and
// `reciprocal export` writes any network's weights as JSON.
inline constexpr long long maximumWeightTableEntries = 20'000'000;

// Every entry of every layer's effective W (masks applied, so a pruned entry reads 0) as one tidy
// CSV table that pandas or R read as it is: "transfer,receiving,emitting,abs_w", transfer 0 from the
// input to the first hidden layer, receiving node = row of W, emitting node = column. Numbers are
// written in the C locale's shortest exact form whatever the user's locale. Throws InputError for a
// network of more than maximumWeightTableEntries weights.
std::string weightMagnitudeTable(const Network<float>& network);

} // namespace reciprocal
