#include "core/training/RandomSubset.h"

#include "core/Error.h"
#include "core/data/DerivedSeed.h"
#include "core/math/Random.h"

#include <numeric>
#include <vector>

namespace reciprocal {

void applyRandomSubset(Network<float>& network, long long count, std::uint64_t seed)
{
    long long weights = 0;
    for (int k = 0; k < network.layerCount(); ++k) {
        const Layer<float>& layer = network.layer(k);
        if (layer.kind() != LayerKind::Direct)
            throw InputError("random-subset training needs direct layers (--layer direct), not " +
                             std::string(layerKindName(layer.kind())));
        weights += static_cast<long long>(layer.inputCount()) * layer.outputCount();
    }
    if (count < 1 || count > weights)
        throw InputError("the trainable subset must hold 1 to " + std::to_string(weights) + " weights (got " +
                         std::to_string(count) + ")");
    // Every weight numbered across the layers in order, column-major within a layer; the first
    // `count` of a seeded shuffle train.
    std::vector<long long> order(static_cast<std::size_t>(weights));
    std::iota(order.begin(), order.end(), 0LL);
    Random random(derivedSeed(seed, SeedStream::RandomSubset));
    random.shuffle(order);
    std::vector<Matrix<float>> masks;
    for (int k = 0; k < network.layerCount(); ++k)
        masks.push_back(Matrix<float>::Zero(network.layer(k).outputCount(), network.layer(k).inputCount()));
    for (long long i = 0; i < count; ++i) {
        long long index = order[static_cast<std::size_t>(i)];
        std::size_t k = 0;
        while (index >= masks[k].size())
            index -= masks[k++].size();
        masks[k].data()[index] = 1.0f;
    }
    for (int k = 0; k < network.layerCount(); ++k)
        network.layer(k).setTrainableWeights(masks[static_cast<std::size_t>(k)]);
}

} // namespace reciprocal
