#pragma once

#include "core/data/Dataset.h"
#include "core/data/DatasetCatalog.h"
#include "core/data/DatasetSpec.h"

#include <string>
#include <vector>

namespace reciprocal {

// Where Debian's dataset-fashion-mnist package installs the IDX files.
inline constexpr const char* kDefaultFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

// Loads the data set spec names and returns its training, validation and test sets.
//
// - "fashion-mnist", "mnist": the four IDX files train-images-idx3-ubyte, train-labels-idx1-ubyte,
//   t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each taken as <name>.gz or else <name>, from
//   spec.directory (default for Fashion-MNIST: kDefaultFashionMnistDirectory; required for
//   MNIST). 28 x 28 pixels in [0, 1], 10 classes.
// - "cifar10": data_batch_1..5.bin and test_batch.bin in spec.directory (required), all six.
// - "csv": spec.directory/train.csv and, when present, spec.directory/test.csv (see readCsv:
//   values unscaled). Without test.csv, a seeded random 20% of train.csv becomes the test set.
//   classCount is the larger of the two files'; both must have the same number of features.
// - "spirals", "circles", "xor", "blobs": generated (see makeToyDataset); directory ignored.
//
// Then trainLimit / testLimit keep the first N samples (0 = all), and finally a
// validationFraction of the (limited) training set is split off by splitValidation. Every
// random choice uses a stream derived from spec.seed.
// Throws InputError (one line, naming the file or setting at fault) for an unknown name, which
// lists the valid ones, a missing directory or file, corrupt data or bad settings.
DataSplit loadDataset(const DatasetSpec& spec);

} // namespace reciprocal
