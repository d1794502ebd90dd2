#pragma once

#include "core/training/Model.h"

#include <string>
#include <string_view>

namespace reciprocal {

// Model files (.rcp): the whole state of a run, so it resumes exactly - architecture, training
// mode, every parameter and frozen tensor, masks, optimizer settings and moments, random stream,
// epoch count, history, data set name and held (frozen) parameters. Stored in a checksummed container (core/io/Container.h)
// with magic "RCPMODEL" and a format version; written atomically.
// Version 2 added the sparsity setting (version 1 files load as dense), version 3 the held
// parameters (older files hold none), version 4 the initialisation preset, the sparse mask
// schedule, the regularisation and the random trainable subset (older files: the default
// preset, dynamic masks, none, none).
inline constexpr std::uint32_t modelFormatVersion = 4;
// The container's first 8 bytes, which tell a model file from any other (core/io/FileKind.h too).
inline constexpr std::string_view modelFileMagic = "RCPMODEL";

// Throws InputError naming the file if it cannot be written.
void saveModel(const Model& model, const std::string& path);
// Throws InputError naming the file and the problem: missing, truncated, corrupted (checksum),
// newer format version, not a model file, or contents that do not describe a valid model.
Model loadModel(const std::string& path);

} // namespace reciprocal
