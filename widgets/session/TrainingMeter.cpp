#include "widgets/session/TrainingMeter.h"

#include <algorithm>

namespace reciprocal::widgets {

namespace {

// Weight of the newest batch in both moving averages: about the last 20 batches count.
constexpr double newestWeight = 0.05;

double smoothed(double average, double value) { return (1.0 - newestWeight) * average + newestWeight * value; }

} // namespace

void TrainingMeter::record(const BatchProgress& progress, int batchSize, double seconds)
{
    const double rate = batchSize / std::max(seconds, 1e-9);
    m_samplesPerSecond = m_started ? smoothed(m_samplesPerSecond, rate) : rate;
    m_smoothedLoss = m_started ? smoothed(m_smoothedLoss, progress.loss) : progress.loss;
    m_started = true;
    const int stride = std::max(1, progress.batchCount / pointsPerEpoch);
    if (++m_batchesSincePoint >= stride) {
        m_batchesSincePoint = 0;
        const double epoch = (progress.epoch - 1) + static_cast<double>(progress.batch) / progress.batchCount;
        m_lossCurve.push_back({epoch, m_smoothedLoss});
    }
}

} // namespace reciprocal::widgets
