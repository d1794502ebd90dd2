#pragma once

#include "core/layers/LayerKind.h"
#include "core/network/Activation.h"

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// What a network is made of, as a value: node counts per layer ("784-500-10" is {784, 500, 10}),
// one layer kind for every transfer, the hidden activation and whether layers carry a bias.
struct Architecture {
    std::vector<int> widths;
    LayerKind layerKind = LayerKind::Spectral2;
    Activation activation = Activation::Tanh;
    bool bias = false;

    int inputWidth() const { return widths.front(); }
    int outputWidth() const { return widths.back(); }
    int transferCount() const { return static_cast<int>(widths.size()) - 1; }
    std::string widthsText() const; // "784-500-10"

    friend bool operator==(const Architecture&, const Architecture&) = default;
};

// Parse "784-500-10": at least two positive widths separated by '-'. Throws InputError.
std::vector<int> parseWidths(std::string_view text);

} // namespace reciprocal
