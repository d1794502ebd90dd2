#include "core/data/DatasetLoader.h"

#include "core/Error.h"
#include "core/data/Cifar10Reader.h"
#include "core/data/CsvReader.h"
#include "core/data/DatasetSubset.h"
#include "core/data/DerivedSeed.h"
#include "core/data/IdxReader.h"
#include "core/data/ToyDatasets.h"
#include "core/data/ValidationSplit.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace reciprocal {

namespace {

constexpr double kCsvTestFraction = 0.2;

std::string joinPath(const std::string& directory, const std::string& name)
{
    return (std::filesystem::path(directory) / name).string();
}

bool isFile(const std::string& path)
{
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
}

// The directory a file-based set is read from; missing or absent directories are reported
// with the hint the user needs.
std::string requireDirectory(const DatasetSpec& spec, const std::string& hint)
{
    std::string directory = spec.directory;
    if (directory.empty() && spec.name == "fashion-mnist")
        directory = kDefaultFashionMnistDirectory;
    if (directory.empty())
        throw InputError(spec.name + ": no data set directory given; " + hint);
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error))
        throw InputError(spec.name + ": directory " + directory + " does not exist; " + hint);
    return directory;
}

// name.gz if present, else name (uncompressed), else an error naming both.
std::string idxFile(const DatasetSpec& spec, const std::string& directory, const std::string& name)
{
    const std::string gz = joinPath(directory, name + ".gz");
    if (isFile(gz))
        return gz;
    const std::string plain = joinPath(directory, name);
    if (isFile(plain))
        return plain;
    throw InputError(spec.name + ": neither " + gz + " nor " + plain + " exists");
}

DataSplit loadIdx(const DatasetSpec& spec)
{
    const std::string hint = spec.name == "fashion-mnist"
                                 ? "install Debian's dataset-fashion-mnist package or pass --dataset-dir (in the "
                                   "application: the setup panel's Folder)"
                                 : "pass --dataset-dir with the MNIST IDX files";
    const std::string directory = requireDirectory(spec, hint);
    // Named one by one so a missing file is reported in a fixed order.
    const std::string trainImages = idxFile(spec, directory, "train-images-idx3-ubyte");
    const std::string trainLabels = idxFile(spec, directory, "train-labels-idx1-ubyte");
    const std::string testImages = idxFile(spec, directory, "t10k-images-idx3-ubyte");
    const std::string testLabels = idxFile(spec, directory, "t10k-labels-idx1-ubyte");
    DataSplit split;
    split.train = readIdx(trainImages, trainLabels, 10, spec.trainLimit);
    split.test = readIdx(testImages, testLabels, 10, spec.testLimit);
    return split;
}

DataSplit loadCifar10(const DatasetSpec& spec)
{
    const std::string directory =
        requireDirectory(spec, "pass --dataset-dir with the CIFAR-10 binary batches");
    requireCifar10Files(directory);
    DataSplit split;
    split.train = readCifar10Train(directory, spec.trainLimit);
    split.test = readCifar10Test(directory, spec.testLimit);
    return split;
}

DataSplit loadCsv(const DatasetSpec& spec)
{
    const std::string directory = requireDirectory(spec, "pass --dataset-dir with train.csv and test.csv");
    const std::string trainPath = joinPath(directory, "train.csv");
    const std::string testPath = joinPath(directory, "test.csv");
    DataSplit split;
    if (isFile(testPath)) {
        split.train = readCsv(trainPath);
        split.test = readCsv(testPath);
        if (split.test.featureCount() != split.train.featureCount())
            throw InputError(testPath + ": has " + std::to_string(split.test.featureCount()) +
                             " features but " + trainPath + " has " +
                             std::to_string(split.train.featureCount()));
    } else {
        const Dataset all = readCsv(trainPath);
        if (all.sampleCount() < 2)
            throw InputError(trainPath + ": needs at least 2 rows to hold out a test set (no test.csv)");
        // At least one test row even for tiny files; splitValidation keeps one training row.
        const double fraction = std::max(kCsvTestFraction, 1.0 / all.sampleCount());
        ValidationSplit held =
            splitValidation(all, fraction, derivedSeed(spec.seed, SeedStream::CsvTestHoldOut));
        split.train = std::move(held.train);
        split.test = std::move(held.validation);
    }
    const int classCount = std::max(split.train.classCount, split.test.classCount);
    split.train.classCount = classCount;
    split.test.classCount = classCount;
    return split;
}

} // namespace

DataSplit loadDataset(const DatasetSpec& spec)
{
    if (spec.trainLimit < 0 || spec.testLimit < 0)
        throw InputError("sample limits must be >= 0 (train " + std::to_string(spec.trainLimit) + ", test " +
                         std::to_string(spec.testLimit) + ")");

    DataSplit split;
    if (datasetFacts(spec.name).generated) { // throws for an unknown name, listing the valid ones
        split = makeToyDataset(spec);
    } else if (spec.name == "fashion-mnist" || spec.name == "mnist") {
        split = loadIdx(spec);
    } else if (spec.name == "cifar10") {
        split = loadCifar10(spec);
    } else {
        split = loadCsv(spec);
    }
    split.name = spec.name;

    // Readers that stop early have applied the limits already; the others are cut here.
    if (spec.trainLimit > 0 && spec.trainLimit < split.train.sampleCount())
        split.train = firstSamples(split.train, spec.trainLimit);
    if (spec.testLimit > 0 && spec.testLimit < split.test.sampleCount())
        split.test = firstSamples(split.test, spec.testLimit);
    if (spec.validationFraction != 0.0) { // NaN too: splitValidation rejects it
        ValidationSplit parts = splitValidation(split.train, spec.validationFraction,
                                                derivedSeed(spec.seed, SeedStream::Validation));
        split.train = std::move(parts.train);
        split.validation = std::move(parts.validation);
    } else {
        split.validation = selectSamples(split.train, {});
    }
    return split;
}

} // namespace reciprocal
