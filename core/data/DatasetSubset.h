#pragma once

#include "core/data/Dataset.h"

#include <vector>

namespace reciprocal {

// A data set made of the given samples (columns) of data, in the order given. classCount and
// sampleShape are kept, so an empty selection is still a well-formed (featureCount x 0) set.
// Indices must lie in [0, data.sampleCount()).
Dataset selectSamples(const Dataset& data, const std::vector<int>& indices);

// The first count samples of data; all of it when count is 0 or at least sampleCount().
// Throws InputError if count is negative.
Dataset firstSamples(const Dataset& data, int count);

} // namespace reciprocal
