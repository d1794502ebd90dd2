#pragma once

#include "core/network/Network.h"

#include <string>
#include <vector>

namespace reciprocal {

// The per-node scalars a user may set by hand - the eigenvalues as knobs, and the bias - addressed
// as the command line and experiment files name them: transfer k is layer k-1 of the network
// (1 = input -> first hidden), a node counts from 0 among the transfer's emitting nodes (lam_in)
// or receiving nodes (lam_out, bias).
enum class NodeParameter { InputEigenvalue, OutputEigenvalue, Bias };

const char* nodeParameterName(NodeParameter parameter); // "lam_in", "lam_out", "bias"
// Throws InputError for any other name.
NodeParameter parseNodeParameter(const std::string& name);
std::vector<std::string> nodeParameterNames();

// Which parameter: "LAYER:NODE:PARAM" on the command line.
struct NodeParameterAddress {
    int transfer = 1;
    int node = 0;
    NodeParameter parameter = NodeParameter::OutputEigenvalue;

    friend bool operator==(const NodeParameterAddress&, const NodeParameterAddress&) = default;
    friend auto operator<=>(const NodeParameterAddress&, const NodeParameterAddress&) = default;
};

struct ParameterEdit {
    int transfer = 1;
    int node = 0;
    NodeParameter parameter = NodeParameter::OutputEigenvalue;
    double value = 0.0;

    NodeParameterAddress address() const { return {transfer, node, parameter}; }
    friend bool operator==(const ParameterEdit&, const ParameterEdit&) = default;
};

// Largest |value| an edit may set: far beyond any trained eigenvalue, small enough that W stays finite.
inline constexpr double maximumEditValue = 1e6;

// "LAYER:NODE:PARAM", e.g. "1:3:lam_out"; throws InputError saying which part is wrong.
NodeParameterAddress parseNodeParameterAddress(const std::string& text);
std::string nodeParameterAddressText(const NodeParameterAddress& address);
// "LAYER:NODE:PARAM=VALUE", e.g. "1:3:lam_out=0.25".
ParameterEdit parseParameterEdit(const std::string& text);
std::string parameterEditText(const ParameterEdit& edit);

// Throws InputError unless the network has that parameter: the transfer exists, its kind has the
// group (lam_in only with two eigenvalue sets, bias only with a bias) and the node is in range.
void checkNodeParameterAddress(const Network<float>& network, const NodeParameterAddress& address);
// The same, and the value must be finite and at most maximumEditValue in magnitude.
void checkParameterEdit(const Network<float>& network, const ParameterEdit& edit);
// The parameter's current value.
float parameterValue(const Network<float>& network, const NodeParameterAddress& address);
// Sets the parameter (as a float, so restoring a value read by parameterValue() restores the
// network bit for bit) and recomputes that layer's W. Returns the value it had. Checks first:
// on an error nothing changes.
float applyParameterEdit(Network<float>& network, const ParameterEdit& edit);
// Several at once, all checked first; each touched layer recomposes W once.
void applyParameterEdits(Network<float>& network, const std::vector<ParameterEdit>& edits);

} // namespace reciprocal
