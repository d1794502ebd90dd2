#include "core/training/HeldParameters.h"

#include "core/layers/SpectralLayer.h"

#include <algorithm>

namespace reciprocal {

HeldParameters distinctHeldParameters(HeldParameters held)
{
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
    return held;
}

HeldParameters checkedHeldParameters(const Network<float>& network, HeldParameters held)
{
    for (const NodeParameterAddress& address : held)
        checkNodeParameterAddress(network, address);
    return distinctHeldParameters(std::move(held));
}

HeldParameters inputEigenvalueAddresses(const Network<float>& network)
{
    HeldParameters held;
    for (int k = 0; k < network.layerCount(); ++k) {
        const auto* spectral = dynamic_cast<const SpectralLayer<float>*>(&network.layer(k));
        if (!spectral || !spectral->hasTwoSets())
            continue;
        for (int node = 0; node < spectral->inputCount(); ++node)
            held.push_back({k + 1, node, NodeParameter::InputEigenvalue});
    }
    return held;
}

std::vector<ParameterEdit> heldValues(const Network<float>& network, const HeldParameters& held)
{
    std::vector<ParameterEdit> values;
    values.reserve(held.size());
    for (const NodeParameterAddress& address : held)
        values.push_back({address.transfer, address.node, address.parameter, parameterValue(network, address)});
    return values;
}

HeldParameters renumberedAfterRemoval(const HeldParameters& held, const Network<float>& masked)
{
    HeldParameters renumbered;
    for (NodeParameterAddress address : held) {
        // The layer of the node: a transfer's receiving nodes for lam_out and bias, its emitting
        // nodes for lam_in. Hidden layer h's node mask is kept by the transfer into it.
        const int nodeLayer = address.parameter == NodeParameter::InputEigenvalue ? address.transfer - 1
                                                                                   : address.transfer;
        const bool hidden = nodeLayer >= 1 && nodeLayer < masked.layerCount();
        if (hidden) {
            const Layer<float>& into = masked.layer(nodeLayer - 1);
            if (!into.isNodeActive(address.node))
                continue;
            int kept = 0;
            for (int node = 0; node < address.node; ++node)
                kept += into.isNodeActive(node) ? 1 : 0;
            address.node = kept;
        }
        renumbered.push_back(address);
    }
    return renumbered;
}

} // namespace reciprocal
