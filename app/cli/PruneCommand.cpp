#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/data/DatasetLoader.h"
#include "core/io/ModelFile.h"
#include "core/pruning/InputPruning.h"
#include "core/pruning/ModelPruning.h"
#include "core/training/Evaluation.h"
#include "core/training/Trainer.h"
#include "widgets/views/InputRelevanceFigure.h"

namespace reciprocal::cli {

namespace {

nlohmann::json parameterCounts(const Network<float>& network)
{
    nlohmann::json counts = nlohmann::json::array();
    for (int k = 0; k < network.layerCount(); ++k)
        counts.push_back(network.layer(k).totalParameterCount());
    return counts;
}

} // namespace

int runPrune(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("prune"),
                    QStringLiteral("Prune hidden nodes of a saved model by a ranking criterion and the papers' "
                                   "percentile rule (pooled over hidden layers, remove scores strictly below the "
                                   "threshold), evaluate before and after, optionally retrain the survivors and "
                                   "save the smaller network. With --inputs, rank and silence input features "
                                   "instead."));
    p.addOption(QStringLiteral("model"), QStringLiteral("The model file."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("criterion"),
                QStringLiteral("Node ranking: %1.").arg(QString::fromStdString(joinNames(pruningCriterionNames()))),
                QStringLiteral("NAME"), QStringLiteral("spectral"));
    p.addOption(QStringLiteral("fraction"), QStringLiteral("Fraction of the active hidden nodes to remove, in [0, 1]."),
                QStringLiteral("F"), QStringLiteral("0.5"));
    p.addOption(QStringLiteral("per-layer"), QStringLiteral("One threshold per layer instead of one pooled threshold."));
    p.addOption(QStringLiteral("inputs"),
                QStringLiteral("Rank and silence input features instead of hidden nodes (Chicchi et al. 2024): spectral "
                               "ranks by |lam_in| of the first transfer (two eigenvalue sets), connectivity by "
                               "sum_i |W_ij|, random at random; the fraction is of the inputs. Silenced inputs are "
                               "masked, so the model still reads the data set."));
    p.addOption(QStringLiteral("relevance-image"),
                QStringLiteral("With --inputs: draw the ranking laid out as the samples are, beside the inputs kept "
                               "(.png or .svg, offscreen)."),
                QStringLiteral("FILE"));
    p.addOption(QStringLiteral("retrain-epochs"),
                QStringLiteral("Then retrain every group of the survivors for N epochs (the pre-training protocol)."),
                QStringLiteral("N"), QStringLiteral("0"));
    p.addOption(QStringLiteral("retrain-optimizer"),
                QStringLiteral("How retraining starts its optimiser (%1): fresh, as the paper retrains a new model, or "
                               "continue with the pruned model's moments and step count.")
                    .arg(choices(retrainOptimizerNames())),
                QStringLiteral("NAME"), QStringLiteral("fresh"));
    p.addSeedOption(QStringLiteral("the random criterion"));
    p.addOption(QStringLiteral("out"), QStringLiteral("Save the pruned model (atomically)."), QStringLiteral("FILE"));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    if (!p.parse(arguments))
        return ExitSuccess;

    PruningRequest request;
    request.criterion = parsePruningCriterion(p.text(QStringLiteral("criterion")));
    request.fraction = p.real(QStringLiteral("fraction"), 0.0, 1.0);
    request.perLayer = p.isSet(QStringLiteral("per-layer"));
    request.inputs = p.isSet(QStringLiteral("inputs"));
    request.seed = p.seed();
    const std::string relevanceImage = p.text(QStringLiteral("relevance-image"));
    if (!relevanceImage.empty() && !request.inputs)
        throw InputError("--relevance-image goes with --inputs");
    if (request.inputs && request.perLayer)
        throw InputError("--per-layer goes with hidden nodes, not --inputs");
    if (!relevanceImage.empty())
        checkWritable(relevanceImage);
    const int retrainEpochs = p.integer(QStringLiteral("retrain-epochs"), 0, 1'000'000);
    const RetrainOptimizer retrainOptimizer = parseRetrainOptimizer(p.text(QStringLiteral("retrain-optimizer")));
    const std::string out = p.text(QStringLiteral("out"));
    if (!out.empty())
        checkWritable(out);
    const std::string path = p.requiredText(QStringLiteral("model"));
    Model model = loadModel(path);
    const DataSplit data = loadDataset(p.datasetSpec(model.datasetName));
    checkCompatible(model.network.architecture(), data.test, data.name);

    const Evaluation before = evaluate(model.network, data.test);
    const std::vector<int> nodesBefore = model.network.activeHiddenNodeCounts();
    const nlohmann::json parametersBefore = parameterCounts(model.network);
    const long long multiplyAddsBefore = forwardMultiplyAdds(model.network);

    const Vector<float> inputsBefore = activeInputs(model.network);
    const PruningPlan plan = applyPruning(model.network, request);
    const Evaluation after = evaluate(model.network, data.test);
    const std::vector<int> nodesKept = model.network.activeHiddenNodeCounts();
    const long long multiplyAddsAfter = forwardMultiplyAdds(model.network);
    const bool removed = !request.inputs && commitPruning(model);
    const std::string what = request.inputs ? "inputs " + std::to_string(static_cast<long long>(inputsBefore.sum())) +
                                                  " -> " + std::to_string(static_cast<long long>(plan.inputMask.sum()))
                                            : "network " + model.network.architecture().widthsText();
    printProgress("pruned " + std::string(pruningCriterionName(request.criterion)) + " " +
                  formatFixed(100 * request.fraction, 1) + " %: test accuracy " + formatFixed(before.accuracy, 4) +
                  " -> " + formatFixed(after.accuracy, 4) + ", " + what);
    if (!relevanceImage.empty()) {
        Random random(request.seed); // the same draw the pruning ranked by
        const Vector<float> scores = inputScores(model.network, request.criterion, random);
        const std::string scoreName = request.criterion == PruningCriterion::Spectral       ? "|λ_in| of transfer 1"
                                      : request.criterion == PruningCriterion::Connectivity ? "Σ_i |W_ij| of transfer 1"
                                                                                            : "random scores";
        widgets::saveInputRelevanceFigure({scores, plan.inputMask, data.test.sampleShape, QString::fromStdString(scoreName),
                                           plan.removedFraction},
                                          QString::fromStdString(relevanceImage));
    }

    std::optional<Evaluation> retrained;
    if (retrainEpochs > 0) {
        prepareRetraining(model, request, TrainMode::Full, retrainOptimizer);
        Trainer trainer(model, data.train);
        for (int epoch = 0; epoch < retrainEpochs; ++epoch) {
            const EpochRecord record = *trainAndEvaluateEpoch(trainer, model, data);
            printProgress("retraining epoch " + std::to_string(epoch + 1) + "/" + std::to_string(retrainEpochs) +
                          "  test acc " + formatFixed(record.testAccuracy, 4));
        }
        retrained = evaluate(model.network, data.test);
    }
    if (!out.empty())
        saveModel(model, out);

    nlohmann::json result{{"model", path},
                          {"dataset", data.name},
                          {"criterion", pruningCriterionName(request.criterion)},
                          {"fraction", request.fraction},
                          {"per_layer", request.perLayer},
                          {"test_accuracy_before", jsonNumber(before.accuracy)},
                          {"test_loss_before", jsonNumber(before.loss)},
                          {"test_accuracy_after", jsonNumber(after.accuracy)},
                          {"test_loss_after", jsonNumber(after.loss)},
                          {"nodes_before", nodesBefore},
                          {"nodes_kept", nodesKept},
                          {"parameters_before", parametersBefore},
                          {"parameters_kept", parameterCounts(model.network)},
                          {"flops_before", 2 * multiplyAddsBefore},
                          {"flops_after", 2 * multiplyAddsAfter},
                          {"physically_removed", removed},
                          {"architecture_after", model.network.architecture().widthsText()},
                          {"retrain_epochs", retrainEpochs},
                          {"retrain_optimizer", retrainOptimizerName(retrainOptimizer)},
                          {"test_accuracy_retrained", retrained ? jsonNumber(retrained->accuracy) : nullptr},
                          {"test_loss_retrained", retrained ? jsonNumber(retrained->loss) : nullptr},
                          {"out", out.empty() ? nlohmann::json(nullptr) : nlohmann::json(out)},
                          {"inputs", request.inputs},
                          {"inputs_before", static_cast<long long>(inputsBefore.sum())},
                          {"inputs_kept", static_cast<long long>(activeInputs(model.network).sum())},
                          {"relevance_image", relevanceImage.empty() ? nlohmann::json(nullptr)
                                                                     : nlohmann::json(relevanceImage)}};
    if (p.json())
        printJson(result);
    else
        printText("test accuracy " + formatFixed(before.accuracy, 4) + " -> " + formatFixed(after.accuracy, 4) +
                  (retrained ? " -> " + formatFixed(retrained->accuracy, 4) + " after retraining" : std::string()) +
                  "; " + what + ", forward FLOPs per sample " +
                  std::to_string(2 * multiplyAddsBefore) + " -> " + std::to_string(2 * multiplyAddsAfter) + "\n");
    return ExitSuccess;
}

} // namespace reciprocal::cli
