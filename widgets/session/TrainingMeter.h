#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include "core/training/Trainer.h"

namespace reciprocal::widgets {

// Live statistics of the batches a session trains, for display: the smoothed per-batch loss curve
// (an exponential moving average sampled about pointsPerEpoch times an epoch) and the throughput in
// samples per second. A new session starts a new meter, so nothing carries over from the last one.
class TrainingMeter {
public:
    static constexpr int pointsPerEpoch = 100;

    void record(const BatchProgress& progress, int batchSize, double seconds);
    const SharedLog<BatchPoint>& lossCurve() const { return m_lossCurve; }
    double samplesPerSecond() const { return m_samplesPerSecond; }

private:
    double m_samplesPerSecond = 0.0;
    double m_smoothedLoss = 0.0;
    bool m_started = false;
    int m_batchesSincePoint = 0;
    SharedLog<BatchPoint> m_lossCurve;
};

} // namespace reciprocal::widgets
