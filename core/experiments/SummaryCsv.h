#pragma once

#include "core/experiments/ExperimentRunner.h"

#include <string>
#include <vector>

namespace reciprocal {

// Read back an experiment's <id>-summary.csv (as summaryCsv writes it), or the table of
// `reciprocal sweep --csv` (as run "sweep", step 0, one seed). Throws InputError naming the file and
// line for anything else.
std::vector<ExperimentSummary> readSummaryCsv(const std::string& path);
// Read back an experiment's <id>.csv (as rowsCsv writes it; files from before the
// trainable_parameters column read as 0 there), for computing verdicts without running again.
std::vector<ExperimentRow> readRowsCsv(const std::string& path);

// A published curve to draw next to ours: label,fraction,accuracy,sd per line (accuracy and sd in %).
struct ReferencePoint {
    std::string label;
    double fraction = 0.0;
    double accuracy = 0.0; // %
    double spread = 0.0;   // %
};
std::vector<ReferencePoint> readReferenceCsv(const std::string& path);
// The published curves the spec's claims compare against: its reference file, read when it has
// claims and names one (else none).
std::vector<ReferencePoint> claimReferences(const ExperimentSpec& spec);

} // namespace reciprocal
