#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace reciprocal {

// A labelled data set held in memory. Samples are columns, so one mini-batch is a block of
// contiguous columns: features is (featureCount x sampleCount), pixels scaled to [0, 1].
struct Dataset {
    Eigen::MatrixXf features;
    std::vector<std::int32_t> labels; // one per column, each in [0, classCount)
    int classCount = 0;
    // Shape of one sample for display, e.g. {28, 28} or {3, 32, 32}; {featureCount} otherwise.
    std::vector<int> sampleShape;

    int featureCount() const { return static_cast<int>(features.rows()); }
    int sampleCount() const { return static_cast<int>(features.cols()); }
};

// What every loader returns: a training set, a held-out test set and, when asked for, a
// validation set split off the training set.
struct DataSplit {
    std::string name; // e.g. "fashion-mnist"
    Dataset train;
    Dataset validation; // empty (0 samples) unless a validation fraction was requested
    Dataset test;
};

} // namespace reciprocal
