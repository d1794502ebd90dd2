#include "core/io/OnnxExport.h"

#include "core/BuildInfo.h"
#include "core/Error.h"
#include "core/data/DatasetCatalog.h"
#include "core/io/PlainWeights.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <bit>

namespace reciprocal {

namespace {

constexpr int opset = 17;

onnx::TensorProto* addInitialiser(onnx::GraphProto& graph, const std::string& name, const Matrix<float>& values,
                                  bool vector, const std::string& doc)
{
    static_assert(std::endian::native == std::endian::little); // raw_data is little-endian
    onnx::TensorProto* tensor = graph.add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(onnx::TensorProto_DataType_FLOAT);
    if (vector) {
        tensor->add_dims(values.size());
    } else {
        tensor->add_dims(values.rows());
        tensor->add_dims(values.cols());
    }
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = values;
    tensor->set_raw_data(rowMajor.data(), static_cast<std::size_t>(rowMajor.size()) * sizeof(float));
    tensor->set_doc_string(doc);
    return tensor;
}

onnx::NodeProto* addNode(onnx::GraphProto& graph, const std::string& op, const std::vector<std::string>& inputs,
                         const std::string& output)
{
    onnx::NodeProto* node = graph.add_node();
    node->set_op_type(op);
    node->set_name(output);
    for (const std::string& input : inputs)
        node->add_input(input);
    node->add_output(output);
    return node;
}

void addIntAttribute(onnx::NodeProto& node, const std::string& name, long long value)
{
    onnx::AttributeProto* attribute = node.add_attribute();
    attribute->set_name(name);
    attribute->set_type(onnx::AttributeProto_AttributeType_INT);
    attribute->set_i(value);
}

void describeTensor(onnx::ValueInfoProto& value, const std::string& name, long long width, const std::string& doc)
{
    value.set_name(name);
    value.set_doc_string(doc);
    onnx::TypeProto_Tensor* type = value.mutable_type()->mutable_tensor_type();
    type->set_elem_type(onnx::TensorProto_DataType_FLOAT);
    type->mutable_shape()->add_dim()->set_dim_param("batch");
    type->mutable_shape()->add_dim()->set_dim_value(width);
}

std::string activationOp(Activation activation)
{
    switch (activation) {
    case Activation::Tanh:
        return "Tanh";
    case Activation::Relu:
        return "Relu";
    case Activation::Elu:
        return "Elu"; // alpha 1, ONNX's default and Reciprocal's
    case Activation::Sigmoid:
        return "Sigmoid";
    case Activation::Identity:
        return "Identity";
    }
    return "Identity";
}

// The doc string of a tensor that defines W (Netron shows it).
std::string tensorDoc(const std::string& name)
{
    if (name == "phi")
        return "eigenvector block phi: W_ij = phi_ij * (lam_in_j - lam_out_i), before masks";
    if (name == "lam_in")
        return "eigenvalues of the emitting nodes";
    if (name == "lam_out")
        return "eigenvalues of the receiving nodes (their |lam_out| ranks them for pruning)";
    return name == "R" || name == "s" ? "trained factor of phi" : "frozen factor of phi";
}

void addMetadata(onnx::ModelProto& model, const std::string& key, const std::string& value)
{
    onnx::StringStringEntryProto* entry = model.add_metadata_props();
    entry->set_key(key);
    entry->set_value(value);
}

} // namespace

std::string exportOnnx(const Model& trained)
{
    const Network<float>& network = trained.network;
    const Architecture& architecture = network.architecture();
    const DatasetFacts* facts = findDataset(trained.datasetName);
    const std::string inputLayout = facts ? facts->inputLayout : "as the data set '" + trained.datasetName + "' has it";

    onnx::ModelProto model;
    model.set_ir_version(onnx::IR_VERSION);
    model.set_producer_name("reciprocal");
    model.set_producer_version(buildinfo::version);
    model.set_doc_string("A " + architecture.widthsText() + " " + std::string(layerKindName(architecture.layerKind)) +
                         " network trained with Reciprocal (" + std::to_string(trained.epoch) + " epochs on " +
                         trained.datasetName + "). Input: " + inputLayout + ". Outputs: logits and their softmax.");
    onnx::OperatorSetIdProto* operators = model.add_opset_import();
    operators->set_domain("");
    operators->set_version(opset);
    addMetadata(model, "input_layout", inputLayout);
    addMetadata(model, "dataset", trained.datasetName);
    addMetadata(model, "architecture", architecture.widthsText());
    if (facts && !facts->classNames.empty()) {
        std::string names;
        for (const std::string& name : facts->classNames)
            names += (names.empty() ? "" : "\n") + name;
        addMetadata(model, "class_names", names); // one per line, in class order
    }

    onnx::GraphProto& graph = *model.mutable_graph();
    graph.set_name("reciprocal " + architecture.widthsText());
    describeTensor(*graph.add_input(), "input", network.layer(0).inputCount(), "one sample per row: " + inputLayout);
    std::string flowing = "input";
    for (int k = 0; k < network.layerCount(); ++k) {
        const Layer<float>& layer = network.layer(k);
        const std::string prefix = "layers." + std::to_string(k) + ".";
        addInitialiser(graph, prefix + "weight", plainWeights(network, k), false,
                       "W (receiving x emitting), masks applied; for spectral layers phi * (lam_in - lam_out)");
        addInitialiser(graph, prefix + "bias", plainBias(layer), true, "bias (zeros without one)");
        for (const NamedTensor& tensor : definingTensors(layer))
            addInitialiser(graph, prefix + tensor.name, *tensor.value, tensor.vector, tensorDoc(tensor.name));
        const bool last = k + 1 == network.layerCount();
        const std::string sum = last ? "logits" : prefix + "sum";
        addIntAttribute(*addNode(graph, "Gemm", {flowing, prefix + "weight", prefix + "bias"}, sum), "transB", 1);
        flowing = sum;
        if (!last) {
            flowing = prefix + "activation";
            addNode(graph, activationOp(architecture.activation), {sum}, flowing);
        }
    }
    addIntAttribute(*addNode(graph, "Softmax", {"logits"}, "probabilities"), "axis", 1);
    const long long classes = network.layer(network.layerCount() - 1).outputCount();
    describeTensor(*graph.add_output(), "logits", classes, "one score per class");
    describeTensor(*graph.add_output(), "probabilities", classes, "softmax of the logits");
    try {
        onnx::checker::check_model(model);
    } catch (const std::exception& error) {
        throw InputError(std::string("the ONNX model failed onnx::checker: ") + error.what());
    }
    std::string bytes;
    if (!model.SerializeToString(&bytes))
        throw InputError("the ONNX model could not be serialised");
    return bytes;
}

} // namespace reciprocal
