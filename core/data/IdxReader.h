#pragma once

#include "core/data/Dataset.h"
#include "core/io/AvailableMemory.h"

#include <string>

namespace reciprocal {

// Reads an IDX image set (the MNIST / Fashion-MNIST format) from an images file and its labels
// file; either may be gzip-compressed or plain, zlib tells them apart by content.
//
//   images file: magic 0x00000803, then big-endian uint32 count, rows, cols, then
//                count * rows * cols pixel bytes, row-major per image;
//   labels file: magic 0x00000801, then big-endian uint32 count, then count label bytes.
//
// Returns features (rows*cols x N) with pixel/255 in [0, 1], labels in [0, classCount),
// sampleShape {rows, cols}. N is the file's count, or at most limit when limit > 0 (only those
// samples are decompressed). Bytes after the declared data are ignored.
//
// Throws InputError "<path>: <problem>" for a missing or unreadable file, wrong magic, truncated
// header or data, zero or absurd dimensions (2^31 pixel bytes or more), a gzip error, an image
// count different from the label count, or a label >= classCount. Sizes are checked before
// anything is allocated, and memory only grows with bytes actually read, so a lying header
// cannot make the reader allocate gigabytes. A header declaring more samples than their decoded
// bytes and floats fit in `available` memory is refused before anything is inflated (no check
// without a figure).
Dataset readIdx(const std::string& imagesPath, const std::string& labelsPath, int classCount, int limit = 0,
                std::optional<double> available = availableMemory());

} // namespace reciprocal
