#pragma once

#include "core/data/Dataset.h"
#include "core/network/Network.h"

namespace reciprocal {

struct Evaluation {
    double loss = 0.0;
    double accuracy = 0.0;
};

// Samples per forward pass in evaluate(): large enough to keep both threads busy in every product.
inline constexpr int evaluationBatchSize = 2000;

// Mean loss and accuracy of the network over a whole data set, in batches of evaluationBatchSize.
Evaluation evaluate(Network<float>& network, const Dataset& data);
// The same with other hidden-node masks than the network's (Network::evaluate).
Evaluation evaluate(Network<float>& network, const Dataset& data, const std::vector<Vector<float>>& nodeMasks);

// Throws InputError unless the network's input and output widths fit the data set.
void checkCompatible(const Architecture& architecture, const Dataset& data, const std::string& datasetName);

} // namespace reciprocal
