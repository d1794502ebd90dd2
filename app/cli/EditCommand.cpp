#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/data/DatasetLoader.h"
#include "core/io/ModelFile.h"
#include "core/network/ParameterEdit.h"
#include "core/training/Evaluation.h"

#include <filesystem>

namespace reciprocal::cli {

int runEdit(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("edit"),
                    QStringLiteral("Set eigenvalues (or biases) of single nodes of a saved model by hand - the "
                                   "knobs of the application's knob panel - or freeze them against further training, "
                                   "and save the result. Reports the test accuracy before and after."));
    p.addOption(QStringLiteral("model"), QStringLiteral("The model file."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("set"),
                QStringLiteral("LAYER:NODE:PARAM=VALUE, repeatable, applied in order. LAYER is the 1-based transfer "
                               "(1 = input -> first hidden), NODE counts from 0, PARAM is lam_in (an emitting node's "
                               "eigenvalue, two-set layers), lam_out (a receiving node's) or bias."),
                QStringLiteral("EDIT"));
    p.addOption(QStringLiteral("hold"),
                QStringLiteral("LAYER:NODE:PARAM, repeatable: training the saved model (train --resume, experiment "
                               "start models) leaves this parameter at its value, as the knob panel's Freeze does. "
                               "The model file keeps the list."),
                QStringLiteral("PARAM"));
    p.addOption(QStringLiteral("release"), QStringLiteral("LAYER:NODE:PARAM, repeatable: no longer hold it."),
                QStringLiteral("PARAM"));
    p.addOption(QStringLiteral("out"), QStringLiteral("Save the edited model (atomically); may not be --model."),
                QStringLiteral("FILE"));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    if (!p.parse(arguments))
        return ExitSuccess;

    const std::string path = p.requiredText(QStringLiteral("model"));
    const std::string out = p.requiredText(QStringLiteral("out"));
    std::error_code unknown;
    if (std::filesystem::equivalent(out, path, unknown))
        throw InputError("edit: --out names the model file itself; write the edited model to a new file");
    std::vector<ParameterEdit> edits;
    for (const std::string& text : p.texts(QStringLiteral("set")))
        edits.push_back(parseParameterEdit(text));
    HeldParameters holds, releases;
    for (const std::string& text : p.texts(QStringLiteral("hold")))
        holds.push_back(parseNodeParameterAddress(text));
    for (const std::string& text : p.texts(QStringLiteral("release")))
        releases.push_back(parseNodeParameterAddress(text));
    if (edits.empty() && holds.empty() && releases.empty())
        throw InputError("edit: give at least one --set LAYER:NODE:PARAM=VALUE, --hold or --release LAYER:NODE:PARAM");
    checkWritable(out);
    Model model = loadModel(path);
    // All or nothing: every edit and hold is checked before the first applies.
    for (const ParameterEdit& edit : edits)
        checkParameterEdit(model.network, edit);
    holds = checkedHeldParameters(model.network, std::move(holds));
    for (const NodeParameterAddress& release : checkedHeldParameters(model.network, releases))
        if (std::find(model.held.begin(), model.held.end(), release) == model.held.end())
            throw InputError("edit: --release: the model does not hold " + nodeParameterAddressText(release));
    const DataSplit data = loadDataset(p.datasetSpec(model.datasetName));
    checkCompatible(model.network.architecture(), data.test, data.name);

    const Evaluation before = evaluate(model.network, data.test);
    nlohmann::json applied = nlohmann::json::array();
    for (const ParameterEdit& edit : edits) {
        const float previous = applyParameterEdit(model.network, edit);
        applied.push_back({{"layer", edit.transfer},
                           {"node", edit.node},
                           {"param", nodeParameterName(edit.parameter)},
                           {"before", jsonNumber(previous)},
                           {"after", jsonNumber(parameterValue(model.network, edit.address()))}});
    }
    const Evaluation after = evaluate(model.network, data.test);
    std::erase_if(model.held, [&](const NodeParameterAddress& held) {
        return std::find(releases.begin(), releases.end(), held) != releases.end();
    });
    model.held.insert(model.held.end(), holds.begin(), holds.end());
    model.held = checkedHeldParameters(model.network, std::move(model.held));
    nlohmann::json held = nlohmann::json::array();
    for (const NodeParameterAddress& address : model.held)
        held.push_back(nodeParameterAddressText(address));
    saveModel(model, out);

    if (p.json())
        printJson({{"model", path},
                   {"dataset", data.name},
                   {"edits", applied},
                   {"test_accuracy_before", jsonNumber(before.accuracy)},
                   {"test_loss_before", jsonNumber(before.loss)},
                   {"test_accuracy_after", jsonNumber(after.accuracy)},
                   {"test_loss_after", jsonNumber(after.loss)},
                   {"held", held},
                   {"out", out}});
    else
        printText(std::to_string(edits.size()) + (edits.size() == 1 ? " edit" : " edits") + ": test accuracy " +
                  formatFixed(before.accuracy, 4) + " -> " + formatFixed(after.accuracy, 4) + "; " +
                  std::to_string(model.held.size()) + " held; wrote " + out + "\n");
    return ExitSuccess;
}

} // namespace reciprocal::cli
