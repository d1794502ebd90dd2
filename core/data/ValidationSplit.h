#pragma once

#include "core/data/Dataset.h"

#include <cstdint>

namespace reciprocal {

struct ValidationSplit {
    Dataset train;
    Dataset validation;
};

// Holds out round(fraction * N) randomly chosen samples of data as the validation set.
// The choice is a Fisher-Yates shuffle of the sample indices by reciprocal::Random(seed), so it
// is the same on every run and build; both parts keep the original sample order. Fraction 0
// returns all of data as train and an empty (featureCount x 0) validation set with the same
// classCount and sampleShape.
// Throws InputError if fraction is outside [0, 1) or a non-zero fraction leaves no sample on
// either side.
ValidationSplit splitValidation(const Dataset& data, double fraction, std::uint64_t seed);

} // namespace reciprocal
