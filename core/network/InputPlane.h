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

// Runs the network over the grid in the caller's buffers (kept between calls, so that a grid of
// one size allocates once), with the network's own node masks, each point given the extra input
// features the data set has. Returns the class probabilities (classes x resolution², softmax of
// the logits); every hidden layer's activations (nodes x resolution²) stay in buffers.activations.
// Throws InputError unless the network takes 2 + features.size() inputs.
Matrix<float> respondOnPlane(const Network<float>& network, const PlaneWindow& window, int resolution,
                             const std::vector<PlaneFeature>& features, Network<float>::ForwardBuffers& buffers);

} // namespace reciprocal
