#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/data/DatasetLoader.h"
#include "core/io/ModelFile.h"
#include "core/pruning/ModelPruning.h"
#include "core/training/Evaluation.h"
#include "core/training/Trainer.h"

#include <numeric>

namespace reciprocal::cli {

namespace {

void addTrainOptions(CommandParser& p)
{
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    p.addArchitectureOptions(QStringLiteral("<features>-500-<classes> of the data set"));
    p.addTrainingOptions();
    p.addOptimizerOptions();
    p.addOption(QStringLiteral("epochs"), QStringLiteral("Epochs to train (with --resume: additional epochs)."),
                QStringLiteral("N"), QStringLiteral("20"));
    p.addOption(QStringLiteral("prune-every"),
                QStringLiteral("Gradual pruning: after every N epochs mask --prune-fraction of the remaining hidden "
                               "nodes (0 = never)."),
                QStringLiteral("N"), QStringLiteral("0"));
    p.addOption(QStringLiteral("prune-fraction"), QStringLiteral("Gradual pruning: fraction removed each time."),
                QStringLiteral("F"), QStringLiteral("0.2"));
    p.addOption(QStringLiteral("criterion"),
                QStringLiteral("Gradual pruning: node ranking (%1).").arg(choices(pruningCriterionNames())),
                QStringLiteral("NAME"), QStringLiteral("spectral"));
    p.addOption(QStringLiteral("out"), QStringLiteral("Save the trained model (written atomically)."),
                QStringLiteral("FILE"));
    p.addOption(QStringLiteral("resume"), QStringLiteral("Continue training a saved model exactly where it stopped."),
                QStringLiteral("FILE"));
}

// A new model as the options describe it, read (and so checked) before any data is loaded.
struct NewModelSettings {
    Architecture architecture; // no widths without --arch: they come from the data
    TrainMode mode;
    TrainingSettings training;
    OptimizerSettings optimizer;
};

NewModelSettings newModelSettings(const CommandParser& p)
{
    return {p.architecture({}), p.trainMode(), p.trainingSettings(), p.optimizerSettings()};
}

Model newModel(NewModelSettings settings, const DataSplit& data)
{
    if (settings.architecture.widths.empty())
        settings.architecture.widths = {data.train.featureCount(), 500, data.train.classCount};
    checkCompatible(settings.architecture, data.train, data.name);
    return Model::create(settings.architecture, settings.mode, settings.training, data.name, settings.optimizer);
}

void resumeSettings(const CommandParser& p, Model& model)
{
    for (const char* fixed : {"arch", "layer", "activation", "bias", "batch", "seed", "sparsity", "sparse-masks", "init",
                              "l1-eigenvalues", "l2-eigenvalues", "l1-eigenvectors", "l2-eigenvectors", "trainable"})
        if (p.isSet(QLatin1String(fixed)))
            throw InputError("--" + std::string(fixed) + " cannot be combined with --resume (the model file fixes it)");
    if (p.isSet(QStringLiteral("train"))) {
        if (p.randomSubset() != (model.training.trainableSubset > 0))
            throw InputError("--train random-subset cannot be switched on or off with --resume (the model file fixes it)");
        model.network.setTrainMode(p.trainMode());
    }
    model.optimizer.setSettings(p.optimizerSettings(model.optimizer.settings()));
}

std::string epochLine(const EpochRecord& record, int lastEpoch)
{
    std::string line = "epoch " + std::to_string(record.epoch) + "/" + std::to_string(lastEpoch) + "  train loss " +
                       formatFixed(record.trainLoss, 4) + " acc " + formatFixed(record.trainAccuracy, 4);
    if (std::isfinite(record.validationAccuracy))
        line += "  validation acc " + formatFixed(record.validationAccuracy, 4);
    line += "  test loss " + formatFixed(record.testLoss, 4) + " acc " + formatFixed(record.testAccuracy, 4) + "  " +
            formatFixed(record.seconds, 2) + " s  " + formatFixed(record.samplesPerSecond, 0) + " samples/s";
    return line;
}

} // namespace

int runTrain(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("train"), QStringLiteral("Train a network in reciprocal (spectral) space or "
                                                            "directly, report test accuracy, optionally save it."));
    addTrainOptions(p);
    if (!p.parse(arguments))
        return ExitSuccess;

    // Check every argument before loading data or writing anything.
    const bool taught = p.preset() && !p.isSet(QStringLiteral("resume")) && !p.isSet(QStringLiteral("epochs"));
    const int epochs = taught ? p.preset()->epochs : p.integer(QStringLiteral("epochs"), 0, 1'000'000);
    const std::string out = p.text(QStringLiteral("out"));
    if (!out.empty())
        checkWritable(out);
    std::optional<Model> resumed;
    std::optional<NewModelSettings> fresh;
    if (p.isSet(QStringLiteral("resume"))) {
        resumed = loadModel(p.requiredText(QStringLiteral("resume")));
        resumeSettings(p, *resumed);
    } else {
        fresh = newModelSettings(p);
    }
    const int pruneEvery = p.integer(QStringLiteral("prune-every"), 0, 1'000'000);
    PruningRequest gradual;
    gradual.criterion = parsePruningCriterion(p.text(QStringLiteral("criterion")));
    gradual.fraction = p.real(QStringLiteral("prune-fraction"), 0.0, 1.0);
    gradual.seed = p.seed();
    const DatasetSpec spec = p.datasetSpec(resumed ? std::optional(resumed->datasetName) : std::nullopt);

    printProgress("loading " + spec.name + " ...");
    const DataSplit data = loadDataset(spec);
    Model model = resumed ? std::move(*resumed) : newModel(*fresh, data);
    checkCompatible(model.network.architecture(), data.train, data.name);
    checkCompatible(model.network.architecture(), data.test, data.name + "'s test set");
    printProgress(data.name + ": " + std::to_string(data.train.sampleCount()) + " training, " +
                  std::to_string(data.validation.sampleCount()) + " validation, " +
                  std::to_string(data.test.sampleCount()) + " test samples; network " +
                  model.network.architecture().widthsText() + " " +
                  std::string(layerKindName(model.network.architecture().layerKind)) + ", training " +
                  std::string(trainModeName(model.network.trainMode())) + ", " +
                  std::to_string(model.network.trainableParameterCount()) + " trainable parameters, " +
                  std::to_string(p.threads()) + " threads");

    if (pruneEvery > 0) { // fail now, not after the first epochs, if the criterion cannot rank these layers
        Random probe(gradual.seed);
        nodeScores(model.network, gradual.criterion, probe);
    }
    nlohmann::json pruningEvents = nlohmann::json::array();
    Trainer trainer(model, data.train);
    const int firstEpoch = model.epoch + 1;
    const int lastEpoch = model.epoch + epochs;
    std::optional<std::string> divergence;
    try {
        for (int epoch = firstEpoch; epoch <= lastEpoch; ++epoch) {
            const EpochRecord record = *trainAndEvaluateEpoch(trainer, model, data, [&](const BatchProgress& progress) {
                printTransientProgress("epoch " + std::to_string(progress.epoch) + "/" + std::to_string(lastEpoch) +
                                       "  batch " + std::to_string(progress.batch) + "/" +
                                       std::to_string(progress.batchCount) + "  loss " +
                                       formatFixed(progress.loss, 4));
                return true;
            });
            printProgress(epochLine(record, lastEpoch));
            if (pruneEvery > 0 && record.epoch % pruneEvery == 0 && epoch < lastEpoch) {
                applyPruning(model.network, gradual);
                const auto kept = model.network.activeHiddenNodeCounts();
                pruningEvents.push_back({{"epoch", record.epoch}, {"nodes_kept", kept}});
                printProgress("pruned " + formatFixed(100 * gradual.fraction, 1) + " % of the hidden nodes by " +
                              std::string(pruningCriterionName(gradual.criterion)) + " after epoch " +
                              std::to_string(record.epoch));
            }
        }
    } catch (const DivergenceError& error) {
        divergence = error.what();
    }
    clearTransientProgress();
    if (!out.empty()) {
        saveModel(model, out);
        printProgress(std::string(divergence ? "saved the last good state to " : "saved ") + out);
    }

    const Evaluation test = evaluate(model.network, data.test);
    const Evaluation train = evaluate(model.network, data.train);
    std::vector<EpochRecord> thisRun(model.history.end() - (model.epoch - firstEpoch + 1), model.history.end());
    const double seconds = std::accumulate(thisRun.begin(), thisRun.end(), 0.0,
                                           [](double sum, const EpochRecord& r) { return sum + r.seconds; });
    const double secondsPerEpoch = thisRun.empty() ? 0.0 : seconds / static_cast<double>(thisRun.size());
    nlohmann::json history = nlohmann::json::array();
    for (const auto& record : model.history)
        history.push_back(toJson(record));
    nlohmann::json result{
        {"dataset", data.name},
        {"architecture", model.network.architecture().widthsText()},
        {"layer", layerKindName(model.network.architecture().layerKind)},
        {"train", model.training.trainableSubset > 0 ? std::string_view("random-subset") : trainModeName(model.network.trainMode())},
        {"activation", activationName(model.network.architecture().activation)},
        {"bias", model.network.architecture().bias},
        {"optimizer", optimizerName(model.optimizer.settings().kind)},
        {"learning_rate", model.optimizer.settings().learningRate},
        {"batch", model.training.batchSize},
        {"seed", model.training.seed},
        {"init", initialisationName(model.training.initialisation)},
        {"regularisation", {{"l1_eigenvalues", model.training.regularisation.l1Eigenvalues},
                            {"l2_eigenvalues", model.training.regularisation.l2Eigenvalues},
                            {"l1_eigenvectors", model.training.regularisation.l1Eigenvectors},
                            {"l2_eigenvectors", model.training.regularisation.l2Eigenvectors}}},
        {"threads", p.threads()},
        {"epochs", model.epoch},
        {"test_accuracy", jsonNumber(test.accuracy)},
        {"test_loss", jsonNumber(test.loss)},
        {"train_accuracy", jsonNumber(train.accuracy)},
        {"train_loss", jsonNumber(train.loss)},
        {"seconds_per_epoch", jsonNumber(secondsPerEpoch)},
        {"samples_per_second", jsonNumber(secondsPerEpoch > 0 ? data.train.sampleCount() / secondsPerEpoch : 0.0)},
        {"parameters", model.network.totalParameterCount()},
        {"trainable_parameters", model.network.trainableParameterCount()},
        {"hidden_nodes", model.network.activeHiddenNodeCounts()},
        {"layers", layerSummary(model.network)},
        {"model", out.empty() ? nlohmann::json(nullptr) : nlohmann::json(out)},
        {"history", history}};
    if (pruneEvery > 0)
        result["pruning"] = {{"every", pruneEvery},
                             {"fraction", gradual.fraction},
                             {"criterion", pruningCriterionName(gradual.criterion)},
                             {"events", pruningEvents}};
    if (model.training.sparsity > 0.0) {
        const SparsityReport& sparsity = trainer.lastSparsityReport();
        result["sparsity"] = {{"target", model.training.sparsity},
                              {"zero_fraction", sparsity.zeroFraction},
                              {"masks", sparseMasksName(model.training.sparseMasks)},
                              {"turnover", sparsity.turnover},
                              {"masked_changed_per_step", sparsity.maskedChangedPerStep},
                              {"masked_per_step", sparsity.previouslyMaskedPerStep}};
    }
    if (divergence) {
        result["diverged"] = true;
        result["error"] = *divergence;
    }
    if (p.json())
        printJson(result);
    else
        printText("test accuracy " + formatFixed(test.accuracy, 4) + ", test loss " + formatFixed(test.loss, 4) +
                  " after " + std::to_string(model.epoch) + " epochs (" + formatFixed(secondsPerEpoch, 2) +
                  " s/epoch); " + std::to_string(model.network.totalParameterCount()) + " parameters, " +
                  std::to_string(model.network.trainableParameterCount()) + " trainable\n");
    if (divergence) {
        printProgress("reciprocal: error: " + *divergence);
        return ExitDiverged;
    }
    return ExitSuccess;
}

} // namespace reciprocal::cli
