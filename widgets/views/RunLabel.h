#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QString>

namespace reciprocal::widgets {

// A run as the comparison of runs names it: "spirals 2-16-16-3 spectral2, eigenvalues, adam 0.01".
QString runLabel(const TrainingSnapshot& snapshot);

} // namespace reciprocal::widgets
