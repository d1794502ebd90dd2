#pragma once

// Snapshots of small real networks for view tests, built the way the worker builds them.
#include "widgets/session/SnapshotBuilder.h"

#include "core/math/Random.h"
#include "core/network/Network.h"

#include <memory>
#include <vector>

namespace reciprocal::widgets::testing {

// A freshly initialised network of the given shape and kind, its first hidden layer with its
// nodes 0 and 1 pruned (masked), and two epochs of made-up history.
inline SnapshotPtr makeSnapshot(std::vector<int> widths = {784, 48, 24, 10}, LayerKind kind = LayerKind::Spectral2)
{
    Network<float> network(Architecture{widths, kind, Activation::Tanh, false});
    Random random(7);
    network.initialise(random);
    Vector<float> mask = Vector<float>::Ones(widths[1]);
    mask(0) = 0.0f;
    mask(1) = 0.0f;
    network.setNodeMask(0, mask);

    auto snapshot = std::make_shared<TrainingSnapshot>();
    snapshot->state = SessionState::Paused;
    snapshot->architecture = network.architecture();
    snapshot->datasetName = "fashion-mnist";
    snapshot->sampleShape = widths.front() == 784 ? std::vector<int>{28, 28} : std::vector<int>{widths.front()};
    snapshot->epoch = 2;
    snapshot->batchCount = 300;
    snapshot->targetEpochs = 5;
    snapshot->samplesPerSecond = 80000;
    snapshot->trainableParameters = network.trainableParameterCount();
    snapshot->totalParameters = network.totalParameterCount();
    SharedLog<EpochRecord> history;
    SharedLog<BatchPoint> batchLosses;
    SharedLog<SpectrumFrame> spectrum;
    for (int e = 1; e <= 2; ++e) {
        EpochRecord record;
        record.epoch = e;
        record.trainLoss = 0.9 / e;
        record.trainAccuracy = 0.7 + 0.05 * e;
        record.testLoss = 1.0 / e;
        record.testAccuracy = 0.68 + 0.05 * e;
        history.push_back(record);
        for (int b = 1; b <= 10; ++b)
            batchLosses.push_back({e - 1 + b / 10.0, 1.2 / (e + b / 10.0)});
    }
    for (int e = 0; e <= 2; ++e)
        spectrum.push_back(spectrumFrame(network, e));
    describeRun(*snapshot, network, history, batchLosses, spectrum);
    return snapshot;
}

// The log with its element at `index` changed by `edit`: logs are append-only, so a test that
// alters a recorded value makes a new one.
template <typename T, typename Edit> SharedLog<T> edited(const SharedLog<T>& log, std::size_t index, Edit edit)
{
    std::vector<T> elements(log.begin(), log.end());
    edit(elements[index]);
    return SharedLog<T>(elements);
}

} // namespace reciprocal::widgets::testing
