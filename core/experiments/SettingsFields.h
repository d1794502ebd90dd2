#pragma once

#include "core/data/DatasetSpec.h"
#include "core/experiments/JsonFields.h"
#include "core/network/Architecture.h"
#include "core/training/Model.h"

#include <nlohmann/json.hpp>

namespace reciprocal {

// The sections experiment files and lesson files share, read and written alike: "dataset"
// (name, directory, limits, validation and the generated sets' samples, noise, classes,
// test_ratio, features, seed), "network" (arch, layer, activation, bias, batch, sparsity,
// sparse_masks, init, trainable_subset and the penalties l1_eigenvalues, l2_eigenvalues,
// l1_eigenvectors, l2_eigenvectors) and the optimiser keys of a train step (optimizer, lr,
// momentum). See docs/experiments.md.

DatasetSpec readDatasetFields(JsonFields dataset);
nlohmann::json datasetJson(const DatasetSpec& spec);

void readNetworkFields(JsonFields network, Architecture& architecture, TrainingSettings& training);
nlohmann::json networkJson(const Architecture& architecture, const TrainingSettings& training);

// `base` with the keys given: a new optimizer brings its own default learning rate.
OptimizerSettings readOptimizer(JsonFields& fields, const OptimizerSettings& base);

} // namespace reciprocal
