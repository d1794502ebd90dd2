#include "app/cli/Output.h"

#include "core/Error.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace reciprocal::cli {

namespace {

bool stderrIsTerminal() { return isatty(fileno(stderr)) != 0; }

} // namespace

std::string jsonText(const nlohmann::json& object)
{
    // Strings from files may hold invalid UTF-8; the default handler throws on it, mid-error-report.
    return object.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool writeStdout(const std::string& text)
{
    const bool written = std::fputs(text.c_str(), stdout) >= 0;
    return std::fflush(stdout) == 0 && written && !std::ferror(stdout);
}

void printJson(const nlohmann::json& object)
{
    printText(jsonText(object));
}

void printText(const std::string& text)
{
    // A full disk or a closed pipe behind stdout must not pass for success.
    if (!writeStdout(text))
        throw InputError(std::string("cannot write to standard output: ") + std::strerror(errno));
}

void printProgress(const std::string& line)
{
    clearTransientProgress();
    std::fprintf(stderr, "%s\n", line.c_str());
}

void printTransientProgress(const std::string& line)
{
    if (stderrIsTerminal())
        std::fprintf(stderr, "\r\033[K%s", line.c_str());
}

void clearTransientProgress()
{
    if (stderrIsTerminal())
        std::fputs("\r\033[K", stderr);
}

nlohmann::json toJson(const EpochRecord& record)
{
    return {{"epoch", record.epoch},
            {"train_loss", jsonNumber(record.trainLoss)},
            {"train_accuracy", jsonNumber(record.trainAccuracy)},
            {"validation_loss", jsonNumber(record.validationLoss)},
            {"validation_accuracy", jsonNumber(record.validationAccuracy)},
            {"test_loss", jsonNumber(record.testLoss)},
            {"test_accuracy", jsonNumber(record.testAccuracy)},
            {"seconds", jsonNumber(record.seconds)},
            {"samples_per_second", jsonNumber(record.samplesPerSecond)}};
}

nlohmann::json layerSummary(const Network<float>& network)
{
    nlohmann::json layers = nlohmann::json::array();
    for (int k = 0; k < network.layerCount(); ++k) {
        const auto& layer = network.layer(k);
        const auto& mask = layer.nodeMask();
        layers.push_back({{"index", k},
                          {"kind", layerKindName(layer.kind())},
                          {"inputs", layer.inputCount()},
                          {"outputs", layer.outputCount()},
                          {"parameters", layer.totalParameterCount()},
                          {"trainable_parameters", layer.trainableParameterCount()},
                          {"active_nodes", mask.size() == 0 ? layer.outputCount() : (mask.array() != 0.0f).count()}});
    }
    return layers;
}

} // namespace reciprocal::cli
