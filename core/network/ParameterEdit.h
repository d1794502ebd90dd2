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

struct ParameterEdit {
    int transfer = 1;
    int node = 0;
    NodeParameter parameter = NodeParameter::OutputEigenvalue;
    double value = 0.0;

    friend bool operator==(const ParameterEdit&, const ParameterEdit&) = default;
};

// Largest |value| an edit may set: far beyond any trained eigenvalue, small enough that W stays finite.
inline constexpr double maximumEditValue = 1e6;

// "LAYER:NODE:PARAM=VALUE", e.g. "1:3:lam_out=0.25"; throws InputError saying which part is wrong.
ParameterEdit parseParameterEdit(const std::string& text);
std::string parameterEditText(const ParameterEdit& edit);

// Throws InputError unless the network has that parameter: the transfer exists, its kind has the
// group (lam_in only with two eigenvalue sets, bias only with a bias) and the node is in range.
void checkParameterEdit(const Network<float>& network, const ParameterEdit& edit);
// The parameter's current value; the edit's own value is ignored.
float parameterValue(const Network<float>& network, const ParameterEdit& edit);
// Sets the parameter (as a float, so restoring a value read by parameterValue() restores the
// network bit for bit) and recomputes that layer's W. Returns the value it had. Checks first:
// on an error nothing changes.
float applyParameterEdit(Network<float>& network, const ParameterEdit& edit);

} // namespace reciprocal
