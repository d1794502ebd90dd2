#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <Eigen/Core>

#include <vector>

namespace reciprocal::widgets {

// One hidden layer's node scores as the spectrum panels show them: the receiving eigenvalues
// lam_out, or for direct layers, which have no eigenvalues, the connectivity sum_j |W_ij|.
struct LayerSpectrum {
    int layer = 0;          // as in NodeRef: 1 = first hidden layer
    int epoch = -1;         // the replayed epoch, -1 for the live snapshot
    bool spectral = true;   // values are eigenvalues, not connectivity
    Eigen::VectorXf values; // per node
    Eigen::VectorXf mask;   // per node: 1 active, 0 pruned
    std::vector<int> order; // the nodes by descending |value|: order[r] has rank r + 1
    float maxMagnitude = 0.0f;

    int size() const { return static_cast<int>(values.size()); }
    bool active(int node) const { return mask(node) != 0.0f; }
};

// The live scores of hidden layer `layer` (frame < 0) or those replayed from
// snapshot.spectrumHistory[frame]. Pruning is only known now, so the mask is always the live one.
LayerSpectrum layerSpectrum(const TrainingSnapshot& snapshot, int layer, int frame);

} // namespace reciprocal::widgets
