#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/data/DatasetLoader.h"
#include "core/io/AtomicFile.h"
#include "core/io/NpzArchive.h"
#include "core/io/ModelFile.h"
#include "core/training/Evaluation.h"

namespace reciprocal::cli {

int runEval(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("eval"),
                    QStringLiteral("Evaluate a saved model on the test set of its data set (or of --dataset)."));
    p.addOption(QStringLiteral("model"), QStringLiteral("The model file."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("logits"),
                QStringLiteral("Also write the test set's logits (samples x classes, float32, in the data set's "
                               "order) as a NumPy .npy file, atomically: to compare with the model exported elsewhere."),
                QStringLiteral("FILE"));
    p.addDatasetOptions(QStringLiteral("fashion-mnist"));
    if (!p.parse(arguments))
        return ExitSuccess;
    const std::string logitsPath = p.text(QStringLiteral("logits"));
    if (!logitsPath.empty())
        checkWritable(logitsPath);
    const std::string path = p.requiredText(QStringLiteral("model"));
    Model model = loadModel(path);
    const DatasetSpec spec = p.datasetSpec(model.datasetName);
    const DataSplit data = loadDataset(spec);
    checkCompatible(model.network.architecture(), data.test, data.name);
    const Evaluation test = evaluate(model.network, data.test);
    if (!logitsPath.empty()) // samples as rows, as NumPy and PyTorch lay a batch out
        writeFileAtomically(logitsPath, npyBytes(model.network.forward(data.test.features).transpose(), false));

    if (p.json()) {
        printJson({{"model", path},
                   {"dataset", data.name},
                   {"architecture", model.network.architecture().widthsText()},
                   {"layer", layerKindName(model.network.architecture().layerKind)},
                   {"epochs", model.epoch},
                   {"test_samples", data.test.sampleCount()},
                   {"test_accuracy", jsonNumber(test.accuracy)},
                   {"test_loss", jsonNumber(test.loss)},
                   {"parameters", model.network.totalParameterCount()},
                   {"trainable_parameters", model.network.trainableParameterCount()},
                   {"hidden_nodes", model.network.activeHiddenNodeCounts()},
                   {"logits", logitsPath.empty() ? nlohmann::json() : nlohmann::json(logitsPath)},
                   {"layers", layerSummary(model.network)}});
    } else {
        printText(path + " (" + model.network.architecture().widthsText() + ", " + std::to_string(model.epoch) +
                  " epochs) on " + data.name + ": test accuracy " + formatFixed(test.accuracy, 4) + ", test loss " +
                  formatFixed(test.loss, 4) + "\n");
    }
    return ExitSuccess;
}

} // namespace reciprocal::cli
