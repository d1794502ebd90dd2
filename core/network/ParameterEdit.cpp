#include "core/network/ParameterEdit.h"

#include "core/Error.h"
#include "core/Format.h"

#include <cmath>
#include <string_view>

namespace reciprocal {

namespace {

constexpr NodeParameter allParameters[] = {NodeParameter::InputEigenvalue, NodeParameter::OutputEigenvalue,
                                           NodeParameter::Bias};

std::string transferName(int transfer) { return "layer " + std::to_string(transfer); }

// The parameter group's storage in the layer, or nullptr when its kind has no such group.
const Matrix<float>* groupOf(const Layer<float>& layer, NodeParameter parameter)
{
    for (const ParameterValue<float>& group : layer.parameterValues())
        if (group.name == nodeParameterName(parameter))
            return group.value;
    return nullptr;
}

Matrix<float>& mutableGroupOf(Layer<float>& layer, NodeParameter parameter)
{
    for (const Parameter<float>& group : layer.parameters())
        if (group.name == nodeParameterName(parameter))
            return *group.value;
    throw InputError(std::string("the layer has no ") + nodeParameterName(parameter));
}

int nodeCount(const Layer<float>& layer, NodeParameter parameter)
{
    return parameter == NodeParameter::InputEigenvalue ? layer.inputCount() : layer.outputCount();
}

int parseInteger(std::string_view text, const std::string& what, const std::string& whole)
{
    const std::optional<double> value = parseNumber(text);
    if (!value || *value != std::floor(*value) || *value < 0 || *value > 1e9)
        throw InputError("'" + whole + "': " + what + " must be a whole number, not '" + std::string(text) + "'");
    return static_cast<int>(*value);
}

} // namespace

const char* nodeParameterName(NodeParameter parameter)
{
    switch (parameter) {
    case NodeParameter::InputEigenvalue:
        return "lam_in";
    case NodeParameter::OutputEigenvalue:
        return "lam_out";
    case NodeParameter::Bias:
        return "bias";
    }
    return "?";
}

std::vector<std::string> nodeParameterNames()
{
    std::vector<std::string> names;
    for (const NodeParameter parameter : allParameters)
        names.emplace_back(nodeParameterName(parameter));
    return names;
}

NodeParameter parseNodeParameter(const std::string& name)
{
    for (const NodeParameter parameter : allParameters)
        if (name == nodeParameterName(parameter))
            return parameter;
    throw InputError("unknown parameter '" + name + "' (expected lam_in, lam_out or bias)");
}

NodeParameterAddress parseNodeParameterAddress(const std::string& text)
{
    const std::size_t first = text.find(':');
    const std::size_t second = first == std::string::npos ? first : text.find(':', first + 1);
    if (second == std::string::npos)
        throw InputError("'" + text + "' must read LAYER:NODE:PARAM, e.g. 1:0:lam_out");
    const std::string_view view(text);
    NodeParameterAddress address;
    address.transfer = parseInteger(view.substr(0, first), "LAYER", text);
    address.node = parseInteger(view.substr(first + 1, second - first - 1), "NODE", text);
    address.parameter = parseNodeParameter(text.substr(second + 1));
    return address;
}

std::string nodeParameterAddressText(const NodeParameterAddress& address)
{
    return std::to_string(address.transfer) + ":" + std::to_string(address.node) + ":" +
           nodeParameterName(address.parameter);
}

ParameterEdit parseParameterEdit(const std::string& text)
{
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos)
        throw InputError("edit '" + text + "' must read LAYER:NODE:PARAM=VALUE, e.g. 1:0:lam_out=0.5");
    const NodeParameterAddress address = parseNodeParameterAddress(text.substr(0, equals));
    const std::optional<double> value = parseNumber(std::string_view(text).substr(equals + 1));
    if (!value || !std::isfinite(*value) || std::abs(*value) > maximumEditValue)
        throw InputError("edit '" + text + "': VALUE must be a finite number of magnitude at most 1e6");
    return {address.transfer, address.node, address.parameter, *value};
}

std::string parameterEditText(const ParameterEdit& edit)
{
    return nodeParameterAddressText(edit.address()) + "=" + formatNumber(edit.value, 9);
}

void checkNodeParameterAddress(const Network<float>& network, const NodeParameterAddress& edit)
{
    if (edit.transfer < 1 || edit.transfer > network.layerCount())
        throw InputError("no " + transferName(edit.transfer) + ": the network has layers 1 to " +
                         std::to_string(network.layerCount()) + " (" + network.architecture().widthsText() + ")");
    const Layer<float>& layer = network.layer(edit.transfer - 1);
    if (!groupOf(layer, edit.parameter))
        throw InputError(transferName(edit.transfer) + " (" + std::string(layerKindName(layer.kind())) + ") has no " +
                         nodeParameterName(edit.parameter) +
                         (edit.parameter == NodeParameter::Bias ? "" : " (eigenvalues: lam_out needs a spectral layer, "
                                                                       "lam_in one with two sets)"));
    const int count = nodeCount(layer, edit.parameter);
    if (edit.node < 0 || edit.node >= count)
        throw InputError(transferName(edit.transfer) + " has no " + nodeParameterName(edit.parameter) + " of node " +
                         std::to_string(edit.node) + " (nodes 0 to " + std::to_string(count - 1) + ")");
}

void checkParameterEdit(const Network<float>& network, const ParameterEdit& edit)
{
    checkNodeParameterAddress(network, edit.address());
    if (!std::isfinite(edit.value) || std::abs(edit.value) > maximumEditValue)
        throw InputError("the value of " + parameterEditText(edit) + " must be finite and at most 1e6 in magnitude");
}

float parameterValue(const Network<float>& network, const NodeParameterAddress& address)
{
    checkNodeParameterAddress(network, address);
    return (*groupOf(network.layer(address.transfer - 1), address.parameter))(address.node, 0);
}

float applyParameterEdit(Network<float>& network, const ParameterEdit& edit)
{
    checkParameterEdit(network, edit);
    Layer<float>& layer = network.layer(edit.transfer - 1);
    Matrix<float>& group = mutableGroupOf(layer, edit.parameter);
    const float previous = group(edit.node, 0);
    group(edit.node, 0) = static_cast<float>(edit.value);
    layer.refresh();
    return previous;
}

void applyParameterEdits(Network<float>& network, const std::vector<ParameterEdit>& edits)
{
    for (const ParameterEdit& edit : edits)
        checkParameterEdit(network, edit);
    std::vector<bool> touched(static_cast<std::size_t>(network.layerCount()), false);
    for (const ParameterEdit& edit : edits) {
        mutableGroupOf(network.layer(edit.transfer - 1), edit.parameter)(edit.node, 0) = static_cast<float>(edit.value);
        touched[static_cast<std::size_t>(edit.transfer - 1)] = true;
    }
    for (int k = 0; k < network.layerCount(); ++k)
        if (touched[static_cast<std::size_t>(k)])
            network.layer(k).refresh();
}

} // namespace reciprocal
