#pragma once

#include <string>
#include <vector>

namespace reciprocal {

// What is known about a data set before loading it: the one table the loader, the command line
// and the setup panel read, so adding a set or changing a fact happens in one place.
struct DatasetFacts {
    std::string name;         // as --dataset and DatasetSpec::name spell it
    int inputWidth = 0;       // features per sample; 0 = known only after loading (csv)
    int outputWidth = 0;      // classes; 0 = known only after loading (csv)
    bool classesChosen = false; // the class count is DatasetSpec::toyClasses (outputWidth: its default)
    bool needsFolder = false; // read from DatasetSpec::directory, which has no default
    bool generated = false;   // made from DatasetSpec's toy settings, no files
    bool images = false;      // samples are pictures worth drawing as such
    std::string description;  // one line for a user interface
    std::string inputLayout;  // how a sample's features are ordered and scaled (for models used elsewhere)
    std::vector<std::string> classNames; // empty: the labels are the class numbers
};

// Every data set loadDataset accepts, in the order a user interface should offer them.
const std::vector<DatasetFacts>& allDatasets();
// The named set's facts, or nullptr for an unknown name.
const DatasetFacts* findDataset(const std::string& name);
// The named set's facts; throws InputError naming the valid sets for an unknown name.
const DatasetFacts& datasetFacts(const std::string& name);
// The names of allDatasets(), in its order.
std::vector<std::string> datasetNames();
// Fashion-MNIST, MNIST and CIFAR-10: samples are pictures worth drawing as such.
bool isImageDataset(const std::string& name);

// The ranges every user interface accepts for DatasetSpec's settings (the command line's data set
// options, the setup panel's spin boxes). The toy generators enforce the sample and class ranges
// themselves; noise they only need finite and >= 0, the cap keeps user input sensible.
inline constexpr double kMaxValidationFraction = 0.99;
inline constexpr int kMaxSampleLimit = 1 << 30; // trainLimit, testLimit; 0 = all
inline constexpr int kMinToySamples = 1;
inline constexpr int kMaxToySamples = 10'000'000;
inline constexpr double kMaxToyNoise = 10.0;
inline constexpr int kMinToyClasses = 2;
inline constexpr int kMaxToyClasses = 10;
inline constexpr double kMinToyTestRatio = 0.05; // test samples per training sample
inline constexpr double kMaxToyTestRatio = 1.0;

} // namespace reciprocal
