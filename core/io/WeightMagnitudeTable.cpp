#include "core/io/WeightMagnitudeTable.h"

#include "core/Error.h"

#include <charconv>
#include <cmath>

namespace reciprocal {

namespace {

void appendNumber(std::string& text, auto value)
{
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    text.append(buffer, written.ptr);
}

} // namespace

std::string weightMagnitudeTable(const Network<float>& network)
{
    long long entries = 0;
    for (int k = 0; k < network.layerCount(); ++k)
        entries += static_cast<long long>(network.layer(k).outputCount()) * network.layer(k).inputCount();
    if (entries > maximumWeightTableEntries)
        throw InputError("the network has " + std::to_string(entries) + " weights, more than a table of " +
                         std::to_string(maximumWeightTableEntries) +
                         " rows holds; export the block maxima, or every parameter with `reciprocal export`");
    std::string text = "transfer,receiving,emitting,abs_w\n";
    text.reserve(static_cast<std::size_t>(entries) * 24);
    for (int k = 0; k < network.layerCount(); ++k) {
        const auto& weights = network.layer(k).effectiveWeights();
        for (Eigen::Index row = 0; row < weights.rows(); ++row)
            for (Eigen::Index column = 0; column < weights.cols(); ++column) {
                appendNumber(text, k);
                text += ',';
                appendNumber(text, row);
                text += ',';
                appendNumber(text, column);
                text += ',';
                appendNumber(text, std::abs(weights(row, column)));
                text += '\n';
            }
    }
    return text;
}

} // namespace reciprocal
