#include "core/data/ValidationSplit.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/data/DatasetSubset.h"
#include "core/math/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace reciprocal {

ValidationSplit splitValidation(const Dataset& data, double fraction, std::uint64_t seed)
{
    if (!(fraction >= 0.0 && fraction < 1.0))
        throw InputError("validation fraction " + formatNumber(fraction) + " is outside [0, 1)");
    if (fraction == 0.0)
        return {data, selectSamples(data, {})};

    const int total = data.sampleCount();
    const auto held = static_cast<int>(std::lround(fraction * total));
    if (held < 1)
        throw InputError("validation fraction " + formatNumber(fraction) + " of " + std::to_string(total) +
                         " samples leaves no validation sample");
    if (held > total - 1)
        throw InputError("validation fraction " + formatNumber(fraction) + " of " + std::to_string(total) +
                         " samples leaves no training sample");

    std::vector<int> order(static_cast<std::size_t>(total));
    std::iota(order.begin(), order.end(), 0);
    Random random(seed);
    random.shuffle(order);
    std::vector<int> validation(order.begin(), order.begin() + held);
    std::vector<int> train(order.begin() + held, order.end());
    std::sort(validation.begin(), validation.end());
    std::sort(train.begin(), train.end());
    return {selectSamples(data, train), selectSamples(data, validation)};
}

} // namespace reciprocal
