#pragma once

#include <limits>

namespace reciprocal {

// One line of a run's history. Validation figures are NaN when no validation set was held out;
// test figures are NaN when the epoch was not evaluated on a test set.
struct EpochRecord {
    int epoch = 0; // 1-based
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;
    double validationLoss = std::numeric_limits<double>::quiet_NaN();
    double validationAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testLoss = std::numeric_limits<double>::quiet_NaN();
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    double seconds = 0.0;
    double samplesPerSecond = 0.0;
};

} // namespace reciprocal
