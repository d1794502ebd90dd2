#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/ModelFile.h"
#include "core/io/WeightsExport.h"

#include <filesystem>

namespace reciprocal::cli {

int runExport(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("export"),
                    QStringLiteral("Write every layer's phi, lam_in, lam_out, bias, effective W (row = receiving "
                                   "node), masks and activation as plain JSON arrays."));
    p.addOption(QStringLiteral("model"), QStringLiteral("The model file."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("out"), QStringLiteral("The JSON file to write (atomically)."), QStringLiteral("FILE"));
    if (!p.parse(arguments))
        return ExitSuccess;
    const std::string modelPath = p.requiredText(QStringLiteral("model"));
    const std::string out = p.requiredText(QStringLiteral("out"));
    std::error_code unknown;
    if (std::filesystem::equivalent(out, modelPath, unknown))
        throw InputError("export: --out names the model file itself; the JSON would replace the model");
    const Model model = loadModel(modelPath);
    const std::string text = exportWeights(model).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    writeFileAtomically(out, text);
    if (p.json())
        printJson({{"model", modelPath}, {"out", out}, {"layers", model.network.layerCount()}, {"bytes", text.size()}});
    else
        printText("wrote " + out + " (" + std::to_string(text.size()) + " bytes, " +
                  std::to_string(model.network.layerCount()) + " layers)\n");
    return ExitSuccess;
}

} // namespace reciprocal::cli
