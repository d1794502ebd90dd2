#pragma once

#include "core/pruning/ModelPruning.h"

#include <Eigen/Core>

#include <QMetaType>

#include <vector>

namespace reciprocal::widgets {

// What a pruning request would do to the current network, computed on a masked copy in the
// background: held-out accuracy before and after, what is kept and what a forward pass costs.
struct PruningPreview {
    PruningRequest request;
    double accuracyBefore = 0.0;
    double accuracyAfter = 0.0;
    double lossAfter = 0.0;
    std::vector<int> nodesBefore; // active nodes per hidden layer
    std::vector<int> nodesKept;
    long long weightsBefore = 0;  // active entries of every W (= multiply-adds per sample)
    long long weightsKept = 0;
    long long flopsBefore = 0;    // per sample, 2 per multiply-add
    long long flopsAfter = 0;
    std::vector<Eigen::VectorXf> masks; // per hidden layer, 1 = kept
    double milliseconds = 0.0;          // how long the preview took
};

} // namespace reciprocal::widgets

Q_DECLARE_METATYPE(reciprocal::widgets::PruningPreview)
Q_DECLARE_METATYPE(reciprocal::PruningRequest)
