#pragma once

#include "core/data/Dataset.h"

#include <string>
#include <vector>

namespace reciprocal {

// CIFAR-10 in its official binary form ("CIFAR-10 binary version"): each batch file is a
// sequence of 3073-byte records, one label byte (0..9) then 3072 pixel bytes: the 32x32 red
// plane, then green, then blue, each row-major. A directory holds data_batch_1.bin ..
// data_batch_5.bin (training, 50000 images) and test_batch.bin (10000).

// The six file names, training batches first, test batch last.
std::vector<std::string> cifar10FileNames();

// Throws InputError "cifar10: missing <file>, ... in <directory> (need data_batch_1..5.bin and
// test_batch.bin)" unless all six files exist; a partial download is refused outright rather
// than silently giving a smaller training set.
void requireCifar10Files(const std::string& directory);

// Reads the records of the given batch files in order, stopping after limit records when
// limit > 0. Returns features (3072 x N) scaled by 1/255 in the file's channel-major order,
// sampleShape {3, 32, 32}, classCount 10.
// Throws InputError "<path>: <problem>" for a missing or unreadable file, an empty file, a size
// that is not a multiple of 3073, or a label above 9.
Dataset readCifar10(const std::vector<std::string>& batchPaths, int limit = 0);

// readCifar10 on directory/data_batch_1..5.bin, and on directory/test_batch.bin.
Dataset readCifar10Train(const std::string& directory, int limit = 0);
Dataset readCifar10Test(const std::string& directory, int limit = 0);

} // namespace reciprocal
