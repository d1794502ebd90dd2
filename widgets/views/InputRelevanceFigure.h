#pragma once

#include <Eigen/Core>

#include <QString>

#include <vector>

namespace reciprocal::widgets {

// An input ranking as a figure (`reciprocal prune --inputs --relevance-image`): the scores laid
// out as the samples are (28 x 28 for Fashion-MNIST), beside the same map with the silenced inputs
// grey. Saved atomically as PNG or SVG by the file's extension; throws InputError naming
// the file otherwise.
struct InputRelevance {
    Eigen::VectorXf scores; // one per input, higher = more relevant
    Eigen::VectorXf kept;   // 1 kept, 0 silenced
    std::vector<int> sampleShape;
    QString scoreName;      // e.g. "|λ_in| of transfer 1"
    double removedFraction = 0.0;
};

void saveInputRelevanceFigure(const InputRelevance& relevance, const QString& path);

} // namespace reciprocal::widgets
