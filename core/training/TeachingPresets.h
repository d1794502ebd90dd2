#pragma once

#include "core/data/DatasetSpec.h"
#include "core/network/Activation.h"
#include "core/training/Optimizer.h"

#include <string_view>
#include <vector>

namespace reciprocal {

// Settings that learn a generated 2-D data set in seconds, the one home of the teaching
// defaults: the command line uses them for every option not given, the setup panel applies them
// when such a set is chosen. The library's general defaults (no bias, as in Buffoni et al.; batch
// 200; learning rate 1e-3; 1,000 samples) leave circles and XOR at chance: without a bias a tanh
// network is an odd function, f(-x) = -f(x), which cannot separate a ring from its inside.
struct TeachingPreset {
    std::vector<int> hiddenWidths;
    Activation activation = Activation::Tanh;
    bool bias = true;
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 0.01;
    int batchSize = 20;
    int epochs = 30;
    int samples = 1000; // training samples; the test set is a quarter of it
    double noise = 0.1;
};

// The preset of a generated set (spirals, circles, xor, blobs), or nullptr for other sets.
const TeachingPreset* teachingPreset(std::string_view dataset);

// The preset's layer widths for this data set: two inputs, the hidden widths, one output per class.
std::vector<int> presetWidths(const TeachingPreset& preset, const DatasetSpec& spec);

} // namespace reciprocal
