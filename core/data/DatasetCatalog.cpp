#include "core/data/DatasetCatalog.h"

#include "core/Error.h"
#include "core/data/DatasetSpec.h"

#include <algorithm>

namespace reciprocal {

namespace {

std::vector<DatasetFacts> makeCatalog()
{
    const int toyClasses = DatasetSpec{}.toyClasses;
    // name, inputs, outputs, classesChosen, needsFolder, generated, images, description
    return {
        {"fashion-mnist", 784, 10, false, false, false, true,
         "28 x 28 grey pictures of clothes, 10 classes (Debian's dataset-fashion-mnist package)"},
        {"mnist", 784, 10, false, true, false, true, "28 x 28 grey handwritten digits, 10 classes (IDX files)"},
        {"cifar10", 3072, 10, false, true, false, true,
         "32 x 32 colour pictures, 10 classes (the binary batches)"},
        {"csv", 0, 0, false, true, false, false,
         "train.csv [+ test.csv]: one sample per row, the label last"},
        {"spirals", 2, toyClasses, true, false, true, false, "generated: interleaved spiral arms, one per class"},
        {"circles", 2, 2, false, false, true, false, "generated: an inner and an outer ring"},
        {"xor", 2, 2, false, false, true, false, "generated: the quadrants, label 1 where x and y differ in sign"},
        {"blobs", 2, toyClasses, true, false, true, false, "generated: Gaussian blobs on a circle, one per class"},
    };
}

} // namespace

const std::vector<DatasetFacts>& allDatasets()
{
    static const std::vector<DatasetFacts> catalog = makeCatalog();
    return catalog;
}

std::vector<std::string> datasetNames()
{
    std::vector<std::string> names;
    for (const DatasetFacts& facts : allDatasets())
        names.push_back(facts.name);
    return names;
}

const DatasetFacts* findDataset(const std::string& name)
{
    const auto& catalog = allDatasets();
    const auto found = std::find_if(catalog.begin(), catalog.end(),
                                    [&name](const DatasetFacts& facts) { return facts.name == name; });
    return found == catalog.end() ? nullptr : &*found;
}

const DatasetFacts& datasetFacts(const std::string& name)
{
    if (const DatasetFacts* facts = findDataset(name))
        return *facts;
    std::string names;
    for (const std::string& known : datasetNames())
        names += (names.empty() ? "" : ", ") + known;
    throw InputError("unknown data set '" + name + "'; valid names: " + names);
}

bool isImageDataset(const std::string& name)
{
    const DatasetFacts* facts = findDataset(name);
    return facts != nullptr && facts->images;
}

} // namespace reciprocal
