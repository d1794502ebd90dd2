#pragma once

#include "core/network/ParameterEdit.h"

#include <vector>

namespace reciprocal {

// Node parameters training leaves alone: the application's per-node "freeze". Each holds whatever
// value its parameter has, so an edit by hand moves a held knob and training then keeps the new
// value. Kept sorted, each parameter once.
using HeldParameters = std::vector<NodeParameterAddress>;

// Sorted, each parameter once (a file naming one twice can be told by the shorter list).
HeldParameters distinctHeldParameters(HeldParameters held);
// The same; throws InputError unless the network has every parameter (checkNodeParameterAddress).
HeldParameters checkedHeldParameters(const Network<float>& network, HeldParameters held);

// Every lam_in of every transfer that has two eigenvalue sets (SpectralTools holds them at 0).
HeldParameters inputEigenvalueAddresses(const Network<float>& network);

// The held parameters' current values, as the edits that put them back: training reads them
// before an optimizer step and applies them after it (the optimizer's moments for them keep
// counting; only the values stay).
std::vector<ParameterEdit> heldValues(const Network<float>& network, const HeldParameters& held);

// After commitPruning removed the masked hidden nodes: the holds of the nodes that stayed, numbered
// as they now are; the holds of removed nodes are dropped. `masked` is the network just before the
// removal.
HeldParameters renumberedAfterRemoval(const HeldParameters& held, const Network<float>& masked);

} // namespace reciprocal
