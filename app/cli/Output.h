#pragma once

#include "core/Format.h"
#include "core/experiments/JsonFields.h"
#include "core/network/Network.h"
#include "core/training/EpochRecord.h"

#include <nlohmann/json.hpp>

#include <string>

namespace reciprocal::cli {

// The one JSON object a --json run prints on stdout. Throws InputError when stdout cannot take it
// (a full disk), as printText does.
void printJson(const nlohmann::json& object);
// Human-readable result text on stdout.
void printText(const std::string& text);
// The object as printed: indented, invalid UTF-8 in strings replaced by U+FFFD.
std::string jsonText(const nlohmann::json& object);
// Writes and flushes; false when stdout failed. For the error report, which must not throw.
bool writeStdout(const std::string& text);
// Progress and diagnostics on stderr, so stdout stays machine-readable.
void printProgress(const std::string& line);
// Overwrite the current stderr line (batch progress) when stderr is a terminal; no-op otherwise.
void printTransientProgress(const std::string& line);
void clearTransientProgress();

nlohmann::json toJson(const EpochRecord& record);
// Per layer: index, kind, inputs, outputs, parameters, trainable_parameters, active_nodes.
nlohmann::json layerSummary(const Network<float>& network);

using reciprocal::formatFixed;

} // namespace reciprocal::cli
