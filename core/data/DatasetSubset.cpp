#include "core/data/DatasetSubset.h"

#include "core/data/FeatureStorage.h"
#include "core/Error.h"

#include <cassert>
#include <string>

namespace reciprocal {

Dataset selectSamples(const Dataset& data, const std::vector<int>& indices)
{
    Dataset subset;
    subset.classCount = data.classCount;
    subset.sampleShape = data.sampleShape;
    allocateFeatures(subset, data.features.rows(), static_cast<Eigen::Index>(indices.size()));
    subset.labels.reserve(indices.size());
    for (std::size_t column = 0; column < indices.size(); ++column) {
        const int index = indices[column];
        assert(index >= 0 && index < data.sampleCount());
        subset.features.col(static_cast<Eigen::Index>(column)) = data.features.col(index);
        subset.labels.push_back(data.labels[static_cast<std::size_t>(index)]);
    }
    return subset;
}

Dataset firstSamples(const Dataset& data, int count)
{
    if (count < 0)
        throw InputError("sample limit " + std::to_string(count) + " is negative");
    if (count == 0 || count >= data.sampleCount())
        return data;
    Dataset subset;
    subset.classCount = data.classCount;
    subset.sampleShape = data.sampleShape;
    allocateFeatures(subset, data.features.rows(), count);
    subset.features = data.features.leftCols(count);
    subset.labels.assign(data.labels.begin(), data.labels.begin() + count);
    return subset;
}

} // namespace reciprocal
