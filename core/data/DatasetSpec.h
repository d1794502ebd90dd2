#pragma once

#include <cstdint>
#include "core/data/PlaneFeatures.h"

#include <string>
#include <vector>

namespace reciprocal {

// Which data set to load and how; a value type the command line and the GUI fill in.
struct DatasetSpec {
    // "fashion-mnist" (default), "mnist", "cifar10", "csv", "spirals", "circles", "xor", "blobs"
    std::string name = "fashion-mnist";
    // Directory holding the files (IDX, CIFAR-10 batches, train.csv/test.csv). Empty means the
    // default: /usr/share/datasets/fashion-mnist for Fashion-MNIST; required for the others.
    std::string directory;
    // Fraction of the training set held out as validation set, in [0, 1).
    double validationFraction = 0.0;
    // At most this many training / test samples (0 = all); lets tests and demos stay quick.
    int trainLimit = 0;
    int testLimit = 0;
    // Generated 2-D sets only.
    int toySamples = 1000; // training samples; the test set has a quarter of this
    double toyNoise = 0.1;
    int toyClasses = 3;    // spirals (arms) and blobs (centres); circles and xor are binary
    double toyTestRatio = 0.25; // test samples per training sample
    std::vector<PlaneFeature> toyFeatures; // extra inputs after x1 and x2
    std::uint64_t seed = 1; // generation and validation split

    friend bool operator==(const DatasetSpec&, const DatasetSpec&) = default;
};

} // namespace reciprocal
