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
        throw InputError("edit '" + whole + "': " + what + " must be a whole number, not '" + std::string(text) + "'");
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

ParameterEdit parseParameterEdit(const std::string& text)
{
    const std::size_t equals = text.find('=');
    const std::size_t first = text.find(':');
    const std::size_t second = first == std::string::npos ? first : text.find(':', first + 1);
    if (equals == std::string::npos || second == std::string::npos || second > equals)
        throw InputError("edit '" + text + "' must read LAYER:NODE:PARAM=VALUE, e.g. 1:0:lam_out=0.5");
    const std::string_view view(text);
    ParameterEdit edit;
    edit.transfer = parseInteger(view.substr(0, first), "LAYER", text);
    edit.node = parseInteger(view.substr(first + 1, second - first - 1), "NODE", text);
    edit.parameter = parseNodeParameter(text.substr(second + 1, equals - second - 1));
    const std::optional<double> value = parseNumber(view.substr(equals + 1));
    if (!value || !std::isfinite(*value) || std::abs(*value) > maximumEditValue)
        throw InputError("edit '" + text + "': VALUE must be a finite number of magnitude at most 1e6");
    edit.value = *value;
    return edit;
}

std::string parameterEditText(const ParameterEdit& edit)
{
    return std::to_string(edit.transfer) + ":" + std::to_string(edit.node) + ":" + nodeParameterName(edit.parameter) +
           "=" + formatNumber(edit.value, 9);
}

void checkParameterEdit(const Network<float>& network, const ParameterEdit& edit)
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
    if (!std::isfinite(edit.value) || std::abs(edit.value) > maximumEditValue)
        throw InputError("the value of " + parameterEditText(edit) + " must be finite and at most 1e6 in magnitude");
}

float parameterValue(const Network<float>& network, const ParameterEdit& edit)
{
    ParameterEdit probe = edit;
    probe.value = 0.0;
    checkParameterEdit(network, probe);
    return (*groupOf(network.layer(edit.transfer - 1), edit.parameter))(edit.node, 0);
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

} // namespace reciprocal
