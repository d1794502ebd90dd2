#include "core/data/DatasetCatalog.h"

#include "core/Error.h"
#include "core/data/DatasetSpec.h"

#include <algorithm>

namespace reciprocal {

namespace {

std::vector<DatasetFacts> makeCatalog()
{
    const int toyClasses = DatasetSpec{}.toyClasses;
    // name, inputs, outputs, classesChosen, needsFolder, generated, images, description, input layout,
    // class names
    const std::string grey = "784 grey pixels of a 28 x 28 picture, row by row from the top left, each byte / 255 "
                             "(0 = black, 1 = white)";
    const std::string generated = "the generated coordinates x, y (then any extra features), unscaled";
    return {
        {"fashion-mnist", 784, 10, false, false, false, true,
         "28 x 28 grey pictures of clothes, 10 classes (Debian's dataset-fashion-mnist package)", grey,
         {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}},
        {"mnist", 784, 10, false, true, false, true, "28 x 28 grey handwritten digits, 10 classes (IDX files)", grey,
         {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
        {"cifar10", 3072, 10, false, true, false, true,
         "32 x 32 colour pictures, 10 classes (the binary batches)",
         "3072 values: the red 32 x 32 plane, then the green, then the blue, each row by row, each byte / 255",
         {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"}},
        {"csv", 0, 0, false, true, false, false,
         "train.csv [+ test.csv]: one sample per row, the label last", "the CSV's feature columns in order, unscaled", {}},
        {"spirals", 2, toyClasses, true, false, true, false, "generated: interleaved spiral arms, one per class",
         generated, {}},
        {"circles", 2, 2, false, false, true, false, "generated: an inner and an outer ring", generated, {}},
        {"xor", 2, 2, false, false, true, false, "generated: the quadrants, label 1 where x and y differ in sign",
         generated, {}},
        {"blobs", 2, toyClasses, true, false, true, false, "generated: Gaussian blobs on a circle, one per class",
         generated, {}},
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
