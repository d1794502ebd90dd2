#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QString>

namespace reciprocal::widgets {

// A run as the comparison of runs names it: "spirals 2-16-16-3 spectral2, eigenvalues 100 epochs,
// adam 0.01" (the groups it trained; the live one before the first whole epoch).
QString runLabel(const TrainingSnapshot& snapshot);
// What tells runs of one session apart, short enough for a legend: "spirals, eigenvalues 100 epochs".
QString shortRunLabel(const TrainingSnapshot& snapshot);

} // namespace reciprocal::widgets
