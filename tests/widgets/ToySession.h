#pragma once

// A session on generated spirals that trains in milliseconds, for controller and window tests.
#include "widgets/session/SessionSettings.h"

namespace reciprocal::widgets::testing {

inline SessionSettings toySession(std::vector<int> widths = {2, 16, 16, 3}, LayerKind kind = LayerKind::Spectral2,
                                  int samples = 600)
{
    SessionSettings settings;
    settings.dataset.name = "spirals";
    settings.dataset.toySamples = samples;
    settings.architecture = Architecture{std::move(widths), kind, Activation::Tanh, false};
    settings.training.batchSize = 20;
    settings.optimizer.learningRate = 0.01;
    settings.epochs = 3;
    return settings;
}

} // namespace reciprocal::widgets::testing
