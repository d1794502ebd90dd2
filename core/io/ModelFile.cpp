#include "core/io/ModelFile.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/io/BinaryReader.h"
#include "core/io/BinaryWriter.h"
#include "core/io/Container.h"
#include "core/training/MemoryBudget.h"
#include "core/training/RandomSubset.h"

namespace reciprocal {

namespace {

void writeRecord(BinaryWriter& out, const EpochRecord& record)
{
    out.writeI32(record.epoch);
    for (const double value : {record.trainLoss, record.trainAccuracy, record.validationLoss,
                               record.validationAccuracy, record.testLoss, record.testAccuracy, record.seconds,
                               record.samplesPerSecond})
        out.writeF64(value);
}

EpochRecord readRecord(BinaryReader& in)
{
    EpochRecord record;
    record.epoch = in.readI32("history epoch");
    for (double* value : {&record.trainLoss, &record.trainAccuracy, &record.validationLoss,
                          &record.validationAccuracy, &record.testLoss, &record.testAccuracy, &record.seconds,
                          &record.samplesPerSecond})
        *value = in.readF64("history value");
    return record;
}

void writeMatrices(BinaryWriter& out, const std::vector<Matrix<float>>& matrices)
{
    out.writeU32(static_cast<std::uint32_t>(matrices.size()));
    for (const auto& matrix : matrices)
        out.writeMatrix(matrix);
}

std::vector<Matrix<float>> readMatrices(BinaryReader& in, std::string_view what)
{
    const std::uint32_t count = in.readU32(what);
    if (count > in.remaining() / 16) // every matrix has a 16-byte shape header
        in.fail(std::string(what) + " count " + std::to_string(count) + " is impossible");
    std::vector<Matrix<float>> matrices;
    for (std::uint32_t i = 0; i < count; ++i)
        matrices.push_back(in.readMatrix<float>(what));
    return matrices;
}

// Read a matrix that must have the shape of `target` and copy it in.
void readInto(BinaryReader& in, Matrix<float>& target, const std::string& what)
{
    const Matrix<float> value = in.readMatrix<float>(what);
    if (value.rows() != target.rows() || value.cols() != target.cols())
        in.fail(what + " is " + std::to_string(value.rows()) + "x" + std::to_string(value.cols()) + ", expected " +
                std::to_string(target.rows()) + "x" + std::to_string(target.cols()));
    if (!value.allFinite())
        in.fail(what + " holds NaN or infinite values");
    target = value;
}

// A mask is stored as a matrix; 0 x 0 means none.
template <typename Apply> void readMask(BinaryReader& in, const std::string& what, Apply apply)
{
    const Matrix<float> mask = in.readMatrix<float>(what);
    if (!(mask.array() == 0.0f || mask.array() == 1.0f).all())
        in.fail(what + " holds values other than 0 and 1");
    try {
        apply(mask);
    } catch (const InputError& error) {
        in.fail(what + ": " + error.what());
    }
}

template <typename Parse> auto parseField(BinaryReader& in, std::string_view what, Parse parse)
{
    const std::string text = in.readString(what);
    try {
        return parse(text);
    } catch (const InputError& error) {
        in.fail(error.what());
    }
}

} // namespace

void saveModel(const Model& model, const std::string& path)
{
    BinaryWriter out;
    const Network<float>& network = model.network;
    // A file loadModel would refuse is not written at all (the old file stays).
    for (int k = 0; k < network.layerCount(); ++k)
        for (const auto& parameter : network.layer(k).parameterValues())
            if (!parameter.value->allFinite())
                throw DivergenceError("the model's " + parameter.name + " of layer " + std::to_string(k + 1) +
                                      " holds NaN or infinite values; it is not saved to '" + path + "'");
    const Architecture& architecture = network.architecture();
    out.writeU32(static_cast<std::uint32_t>(architecture.widths.size()));
    for (const int width : architecture.widths)
        out.writeI32(width);
    out.writeString(layerKindName(architecture.layerKind));
    out.writeString(activationName(architecture.activation));
    out.writeU8(architecture.bias ? 1 : 0);
    out.writeString(trainModeName(network.trainMode()));
    for (int k = 0; k < network.layerCount(); ++k) {
        const auto& layer = network.layer(k);
        for (const auto& parameter : layer.parameterValues())
            out.writeMatrix(*parameter.value);
        for (const auto& tensor : layer.frozenValues())
            out.writeMatrix(*tensor.value);
        out.writeMatrix(layer.nodeMask());
        out.writeMatrix(layer.weightMask());
    }
    const auto& settings = model.optimizer.settings();
    out.writeString(optimizerName(settings.kind));
    for (const double value : {settings.learningRate, settings.momentum, settings.beta1, settings.beta2, settings.epsilon})
        out.writeF64(value);
    const auto& state = model.optimizer.state();
    out.writeI64(state.step);
    writeMatrices(out, state.first);
    writeMatrices(out, state.second);
    out.writeI32(model.training.batchSize);
    out.writeU64(model.training.seed);
    out.writeString(model.random.state());
    out.writeI32(model.epoch);
    out.writeU32(static_cast<std::uint32_t>(model.history.size()));
    for (const auto& record : model.history)
        writeRecord(out, record);
    out.writeString(model.datasetName);
    out.writeF64(model.training.sparsity);
    out.writeU32(static_cast<std::uint32_t>(model.held.size()));
    for (const NodeParameterAddress& held : model.held)
        out.writeString(nodeParameterAddressText(held));
    out.writeString(std::string(initialisationName(model.training.initialisation)));
    out.writeString(std::string(sparseMasksName(model.training.sparseMasks)));
    const Regularisation& penalties = model.training.regularisation;
    for (const double value : {penalties.l1Eigenvalues, penalties.l2Eigenvalues, penalties.l1Eigenvectors, penalties.l2Eigenvectors})
        out.writeF64(value);
    out.writeI64(model.training.trainableSubset);
    writeContainer(path, modelFileMagic, modelFormatVersion, out.bytes());
}

Model loadModel(const std::string& path)
{
    const ContainerContents contents = readContainer(path, modelFileMagic, modelFormatVersion, "Reciprocal model");
    BinaryReader in(contents.payload, "model file '" + path + "'", containerHeaderSize);

    Architecture architecture;
    const std::uint32_t layerCount = in.readU32("layer count");
    if (layerCount < 2 || layerCount > 1000)
        in.fail("layer count " + std::to_string(layerCount) + " is out of range");
    std::string widthsText;
    for (std::uint32_t i = 0; i < layerCount; ++i) {
        if (i)
            widthsText += '-';
        widthsText += std::to_string(in.readI32("layer width"));
    }
    try {
        architecture.widths = parseWidths(widthsText);
    } catch (const InputError& error) {
        in.fail(error.what());
    }
    architecture.layerKind = parseField(in, "layer kind", [](const std::string& t) { return parseLayerKind(t); });
    architecture.activation = parseField(in, "activation", [](const std::string& t) { return parseActivation(t); });
    architecture.bias = in.readU8("bias flag") != 0;
    const TrainMode mode = parseField(in, "training mode", [](const std::string& t) { return parseTrainMode(t); });

    // Every value is stored in the file, so a few corrupt bytes cannot make us build a huge network.
    const double values = parameterValueCount(architecture);
    if (values * sizeof(float) > static_cast<double>(in.remaining()))
        in.fail("architecture " + architecture.widthsText() + " " + std::string(layerKindName(architecture.layerKind)) +
                " has " + formatNumber(values) + " parameters, more than the " + std::to_string(in.remaining()) +
                " bytes left can hold");
    Network<float> network(architecture);
    try {
        network.setTrainMode(mode);
    } catch (const InputError& error) {
        in.fail(error.what());
    }
    for (int k = 0; k < network.layerCount(); ++k) {
        auto& layer = network.layer(k);
        const std::string prefix = "layer " + std::to_string(k + 1) + " ";
        for (auto& parameter : layer.parameters()) {
            readInto(in, *parameter.value, prefix + parameter.name);
            if (layer.kind() == LayerKind::QrTriangular && parameter.name == "R" &&
                !Matrix<float>(parameter.value->triangularView<Eigen::StrictlyUpper>()).isZero(0.0f))
                in.fail(prefix + "R has entries above its diagonal, which a qr-triangular layer keeps at 0");
        }
        for (auto& tensor : layer.frozenTensors())
            readInto(in, *tensor.value, prefix + tensor.name);
        readMask(in, prefix + "node mask", [&](const Matrix<float>& mask) {
            if (mask.size() != 0 && k == network.layerCount() - 1)
                throw InputError("output nodes cannot be masked");
            layer.setNodeMask(mask.size() == 0 ? Vector<float>() : Vector<float>(mask.reshaped()));
        });
        readMask(in, prefix + "weight mask", [&](const Matrix<float>& mask) { layer.setWeightMask(mask); });
        layer.refresh();
    }

    OptimizerSettings settings;
    settings.kind = parseField(in, "optimizer", [](const std::string& t) { return parseOptimizer(t); });
    for (double* value : {&settings.learningRate, &settings.momentum, &settings.beta1, &settings.beta2, &settings.epsilon})
        *value = in.readF64("optimizer setting");
    OptimizerState<float> state;
    state.step = in.readI64("optimizer step");
    state.first = readMatrices(in, "optimizer moments");
    state.second = readMatrices(in, "optimizer moments");
    // Moments belong to the network's parameter groups, one each, of the same shapes (none before
    // the first step); a resumed run once trained on moments of the wrong count and shape.
    const std::vector<Parameter<float>> parameters = network.parameters();
    for (const auto* moments : {&state.first, &state.second}) {
        if (!moments->empty() && moments->size() != parameters.size())
            in.fail("optimizer moments: " + std::to_string(moments->size()) + " groups for the network's " +
                    std::to_string(parameters.size()));
        for (std::size_t i = 0; i < moments->size(); ++i)
            if ((*moments)[i].rows() != parameters[i].value->rows() || (*moments)[i].cols() != parameters[i].value->cols())
                in.fail("optimizer moments of " + parameters[i].name + " are " + std::to_string((*moments)[i].rows()) +
                        "x" + std::to_string((*moments)[i].cols()) + ", the group is " +
                        std::to_string(parameters[i].value->rows()) + "x" + std::to_string(parameters[i].value->cols()));
    }
    Optimizer<float> optimizer = [&] {
        try {
            Optimizer<float> result(settings);
            result.setState(std::move(state));
            return result;
        } catch (const InputError& error) {
            in.fail(error.what());
        }
    }();

    TrainingSettings training;
    training.batchSize = in.readI32("batch size");
    training.seed = in.readU64("seed");
    if (training.batchSize < 1 || training.batchSize > maximumBatchSize)
        in.fail("batch size " + std::to_string(training.batchSize) + " is outside 1.." +
                std::to_string(maximumBatchSize));
    Random random;
    const std::string randomState = in.readString("random state");
    try {
        random.setState(randomState);
    } catch (const InputError& error) {
        in.fail(error.what());
    }
    const int epoch = in.readI32("epoch");
    if (epoch < 0 || epoch > maximumEpoch)
        in.fail("epoch " + std::to_string(epoch) + " is outside 0.." + std::to_string(maximumEpoch));
    const std::uint32_t historySize = in.readU32("history length");
    if (historySize > in.remaining() / 68) // each record is 4 + 8 * 8 bytes
        in.fail("history length " + std::to_string(historySize) + " is impossible");
    std::vector<EpochRecord> history;
    for (std::uint32_t i = 0; i < historySize; ++i)
        history.push_back(readRecord(in));
    std::string datasetName = in.readString("data set name");
    if (contents.version >= 2) {
        training.sparsity = in.readF64("sparsity");
        if (!(training.sparsity >= 0.0 && training.sparsity < 1.0))
            in.fail("sparsity " + std::to_string(training.sparsity) + " is outside [0, 1)");
    }
    HeldParameters held;
    if (contents.version >= 3) {
        const std::uint32_t heldCount = in.readU32("held parameter count");
        if (heldCount > in.remaining() / 9) // each is a string of at least "1:0:bias"
            in.fail("held parameter count " + std::to_string(heldCount) + " is impossible");
        for (std::uint32_t i = 0; i < heldCount; ++i)
            held.push_back(parseField(in, "held parameter", [](const std::string& t) {
                return parseNodeParameterAddress(t);
            }));
        try {
            const std::size_t named = held.size();
            held = checkedHeldParameters(network, std::move(held));
            if (held.size() != named)
                throw InputError("a parameter is held twice");
        } catch (const InputError& error) {
            in.fail("held parameters: " + std::string(error.what()));
        }
    }
    if (contents.version >= 4) {
        training.initialisation = parseField(in, "initialisation", [](const std::string& t) { return parseInitialisation(t); });
        training.sparseMasks = parseField(in, "sparse masks", [](const std::string& t) { return parseSparseMasks(t); });
        Regularisation& penalties = training.regularisation;
        for (double* value : {&penalties.l1Eigenvalues, &penalties.l2Eigenvalues, &penalties.l1Eigenvectors,
                              &penalties.l2Eigenvectors})
            *value = in.readF64("regularisation");
        try {
            checkRegularisation(penalties);
        } catch (const InputError& error) {
            in.fail(error.what());
        }
        training.trainableSubset = in.readI64("trainable subset");
        if (training.trainableSubset > 0) {
            try {
                applyRandomSubset(network, training.trainableSubset, training.seed); // the same draw again
            } catch (const InputError& error) {
                in.fail(error.what());
            }
        } else if (training.trainableSubset < 0) {
            in.fail("trainable subset " + std::to_string(training.trainableSubset) + " is negative");
        }
    }
    in.expectEnd();
    return Model{std::move(network), std::move(optimizer), training, random, epoch, std::move(history),
                 std::move(datasetName), std::move(held)};
}

} // namespace reciprocal
