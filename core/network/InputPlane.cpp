#include "core/network/InputPlane.h"

#include "core/Error.h"

#include <algorithm>
#include <cmath>

namespace reciprocal {

PlaneWindow windowAround(const Matrix<float>& points, float margin)
{
    if (points.rows() != 2 || points.cols() == 0)
        return {};
    const Eigen::Vector2f low = points.rowwise().minCoeff();
    const Eigen::Vector2f high = points.rowwise().maxCoeff();
    const Eigen::Vector2f centre = (low + high) / 2.0f;
    const float side = std::max({high.x() - low.x(), high.y() - low.y(), 1e-3f}) * (1.0f + 2.0f * margin);
    return {centre.x() - side / 2, centre.x() + side / 2, centre.y() - side / 2, centre.y() + side / 2};
}

Matrix<float> planeGrid(const PlaneWindow& window, int resolution)
{
    Matrix<float> grid(2, static_cast<Eigen::Index>(resolution) * resolution);
    const float cellWidth = (window.xMax - window.xMin) / static_cast<float>(resolution);
    const float cellHeight = (window.yMax - window.yMin) / static_cast<float>(resolution);
    for (int row = 0; row < resolution; ++row)
        for (int column = 0; column < resolution; ++column) {
            const Eigen::Index cell = static_cast<Eigen::Index>(row) * resolution + column;
            grid(0, cell) = window.xMin + (static_cast<float>(column) + 0.5f) * cellWidth;
            grid(1, cell) = window.yMax - (static_cast<float>(row) + 0.5f) * cellHeight;
        }
    return grid;
}

int affordableResolution(long long multiplyAddsPerSample, long long multiplyAddBudget)
{
    const double cells = static_cast<double>(multiplyAddBudget) / static_cast<double>(std::max(1LL, multiplyAddsPerSample));
    return std::clamp(static_cast<int>(std::sqrt(cells)), 16, 96);
}

Matrix<float> respondOnPlane(const Network<float>& network, const PlaneWindow& window, int resolution,
                             const std::vector<PlaneFeature>& features, Network<float>::ForwardBuffers& buffers)
{
    const int inputs = 2 + static_cast<int>(features.size());
    if (network.architecture().inputWidth() != inputs)
        throw InputError("the input plane with " + std::to_string(inputs) + " input features needs a network with " +
                         std::to_string(inputs) + " inputs, not " + std::to_string(network.architecture().inputWidth()));
    const Matrix<float>& logits = network.forward(withPlaneFeatures(planeGrid(window, resolution), features), buffers);
    // Softmax per column, shifted by the column's maximum so that exp() cannot overflow.
    Matrix<float> probabilities = (logits.rowwise() - logits.colwise().maxCoeff()).array().exp().matrix();
    probabilities.array().rowwise() /= probabilities.colwise().sum().array();
    return probabilities;
}

} // namespace reciprocal
