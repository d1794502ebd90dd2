#pragma once

#include "core/data/PlaneFeatures.h"
#include "core/network/Network.h"

#include <vector>

namespace reciprocal {

// What a network with two inputs does over its input plane, sampled on a square grid: the picture
// a student reads a decision boundary and every hidden node's response from.

// A rectangle of the plane: x to the right, y upwards.
struct PlaneWindow {
    float xMin = -1.0f;
    float xMax = 1.0f;
    float yMin = -1.0f;
    float yMax = 1.0f;
};

// The smallest square holding every column of `points` (2 x N), widened by `margin` of its side on
// each side, so that no point sits on the edge.
PlaneWindow windowAround(const Matrix<float>& points, float margin = 0.08f);

// The grid's points as columns (2 x resolution²): cell (row, column) is column row * resolution +
// column, row 0 at the top (largest y), each point at its cell's centre.
Matrix<float> planeGrid(const PlaneWindow& window, int resolution);

// The finest grid, from 16 to 96 cells a side, whose forward passes cost at most
// `multiplyAddBudget`: a wide network gets a coarser picture, never a slower one.
int affordableResolution(long long multiplyAddsPerSample, long long multiplyAddBudget = 30'000'000);

struct PlaneResponse {
    Matrix<float> probabilities;      // classes x resolution², softmax of the logits
    std::vector<Matrix<float>> hidden; // per hidden layer: activations, nodes x resolution² (if asked)
};

// Runs the network over the grid (through its per-batch buffers only, as evaluate() does), with
// the network's own node masks, each point given the extra input features the data set has.
// Throws InputError unless the network takes 2 + features.size() inputs.
PlaneResponse respondOnPlane(Network<float>& network, const PlaneWindow& window, int resolution, bool withHidden,
                             const std::vector<PlaneFeature>& features = {});

} // namespace reciprocal
