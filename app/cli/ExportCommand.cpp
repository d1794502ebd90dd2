#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "core/Error.h"
#include "core/io/AtomicFile.h"
#include "core/io/ModelFile.h"
#include "core/io/NpzExport.h"
#include "core/io/OnnxExport.h"
#include "core/io/WeightsExport.h"

#include <filesystem>

namespace reciprocal::cli {

int runExport(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("export"),
                    QStringLiteral("Write a model for other tools: every layer's effective W (row = receiving node), "
                                   "bias, phi, lam_in, lam_out, masks and activation, as plain JSON arrays (--format "
                                   "json) or as a NumPy .npz archive that NumPy and PyTorch load directly (--format "
                                   "npz) or as an ONNX model for ONNX Runtime and Netron (--format onnx; docs/interop.md)."));
    p.addOption(QStringLiteral("model"), QStringLiteral("The model file."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("out"), QStringLiteral("The file to write (atomically)."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("format"), QStringLiteral("json, npz or onnx."), QStringLiteral("NAME"),
                QStringLiteral("json"));
    if (!p.parse(arguments))
        return ExitSuccess;
    const std::string format = p.text(QStringLiteral("format"));
    if (format != "json" && format != "npz" && format != "onnx")
        throw InputError("export: unknown --format '" + format + "'; valid names: json, npz, onnx");
    const std::string modelPath = p.requiredText(QStringLiteral("model"));
    const std::string out = p.requiredText(QStringLiteral("out"));
    std::error_code unknown;
    if (std::filesystem::equivalent(out, modelPath, unknown))
        throw InputError("export: --out names the model file itself; the export would replace the model");
    checkWritable(out);
    const Model model = loadModel(modelPath);
    const std::string text =
        format == "npz"    ? exportNpz(model)
        : format == "onnx" ? exportOnnx(model)
                           : exportWeights(model).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    writeFileAtomically(out, text);
    if (p.json())
        printJson({{"model", modelPath},
                   {"out", out},
                   {"format", format},
                   {"layers", model.network.layerCount()},
                   {"bytes", text.size()}});
    else
        printText("wrote " + out + " (" + std::to_string(text.size()) + " bytes, " +
                  std::to_string(model.network.layerCount()) + " layers)\n");
    return ExitSuccess;
}

} // namespace reciprocal::cli
