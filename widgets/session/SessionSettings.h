#pragma once

#include "core/data/DatasetSpec.h"
#include "core/experiments/ExperimentSpec.h"
#include "core/network/Architecture.h"
#include "core/training/Model.h"

namespace reciprocal::widgets {

// Everything the setup panel decides, as a value the controller copies onto its worker thread.
// The defaults train something good on one click: Fashion-MNIST, 784-100-10 two-set spectral,
// tanh, Adam 1e-3, batch 200.
struct SessionSettings {
    DatasetSpec dataset;
    Architecture architecture{{784, 100, 10}, LayerKind::Spectral2, Activation::Tanh, false};
    TrainMode mode = TrainMode::Full;
    OptimizerSettings optimizer;
    TrainingSettings training;
    int epochs = 10; // how many epochs one Play trains

    friend bool operator==(const SessionSettings&, const SessionSettings&) = default;
};

// The session an experiment's first run starts from: its data set, network and training settings,
// the first seed, and the first train step's mode, optimiser and epochs. Throws InputError for an
// experiment without a run.
SessionSettings sessionSettingsOf(const ExperimentSpec& spec);

} // namespace reciprocal::widgets
