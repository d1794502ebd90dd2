#pragma once

#include "widgets/OkabeIto.h"

#include "core/experiments/SummaryCsv.h"

#include <QString>

#include <vector>

class QChart;

namespace reciprocal::widgets {

// Test accuracy (%) against the fraction of hidden nodes removed (%): one curve with a +-1 s.d. band
// per (run, step, criterion) of an experiment's sweep and prune results, the retrained accuracy of
// prune steps as a curve of its own, and published reference curves dashed with their points.
// At most maximumPlottedCurves curves are drawn, the first ones, and the title says so. The caller
// owns the returned chart.
inline constexpr std::size_t maximumPlottedCurves = okabeIto::series.size(); // one colour each
QChart* createPruningChart(const QString& title, const std::vector<ExperimentSummary>& summary,
                           const std::vector<ReferencePoint>& references);

} // namespace reciprocal::widgets
