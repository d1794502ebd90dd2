#include "core/data/ToyDatasets.h"

#include "core/Error.h"
#include "core/data/DatasetCatalog.h"
#include "core/data/DerivedSeed.h"
#include "core/math/Random.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace reciprocal {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

void checkCommon(const char* name, int samples, double noise)
{
    if (samples < kMinToySamples || samples > kMaxToySamples)
        throw InputError(std::string(name) + ": sample count " + std::to_string(samples) + " is outside " +
                         std::to_string(kMinToySamples) + ".." + std::to_string(kMaxToySamples));
    if (!(noise >= 0.0) || !std::isfinite(noise))
        throw InputError(std::string(name) + ": noise " + std::to_string(noise) +
                         " must be a finite number >= 0");
}

void checkClasses(const char* name, int classes)
{
    if (classes < kMinToyClasses || classes > kMaxToyClasses)
        throw InputError(std::string(name) + ": class count " + std::to_string(classes) + " is outside " +
                         std::to_string(kMinToyClasses) + ".." + std::to_string(kMaxToyClasses));
}

Dataset emptyPlane(int samples, int classes)
{
    Dataset data;
    data.features.resize(2, samples);
    data.labels.resize(static_cast<std::size_t>(samples));
    data.classCount = classes;
    data.sampleShape = {2};
    return data;
}

// Stores point i with its label and independent Gaussian noise on both coordinates.
void setPoint(Dataset& data, int i, int label, double x, double y, double noise, Random& random)
{
    data.features(0, i) = static_cast<float>(x + noise * random.normal());
    data.features(1, i) = static_cast<float>(y + noise * random.normal());
    data.labels[static_cast<std::size_t>(i)] = label;
}

} // namespace

Dataset makeSpirals(int samples, int arms, double noise, std::uint64_t seed)
{
    checkCommon("spirals", samples, noise);
    checkClasses("spirals", arms);
    Random random(seed);
    Dataset data = emptyPlane(samples, arms);
    for (int i = 0; i < samples; ++i) {
        const int arm = i % arms;
        const double t = random.uniform();
        const double radius = 0.05 + 0.95 * t;
        const double angle = kTwoPi * (static_cast<double>(arm) / arms + 1.25 * t);
        setPoint(data, i, arm, radius * std::cos(angle), radius * std::sin(angle), noise, random);
    }
    return data;
}

Dataset makeCircles(int samples, double noise, std::uint64_t seed)
{
    checkCommon("circles", samples, noise);
    Random random(seed);
    Dataset data = emptyPlane(samples, 2);
    for (int i = 0; i < samples; ++i) {
        const int ring = i % 2;
        const double radius = ring == 0 ? 0.5 : 1.0;
        const double angle = random.uniform(0.0, kTwoPi);
        setPoint(data, i, ring, radius * std::cos(angle), radius * std::sin(angle), noise, random);
    }
    return data;
}

Dataset makeXor(int samples, double noise, std::uint64_t seed)
{
    checkCommon("xor", samples, noise);
    Random random(seed);
    Dataset data = emptyPlane(samples, 2);
    for (int i = 0; i < samples; ++i) {
        // Balanced classes: choose the label first, then a point in one of its two quadrants.
        const int label = i % 2;
        const double x = random.uniform();
        const double y = random.uniform();
        const bool flip = random.below(2) == 1;
        const double sx = flip ? -1.0 : 1.0;
        const double sy = (label == 1) == flip ? 1.0 : -1.0;
        setPoint(data, i, label, sx * x, sy * y, noise, random);
    }
    return data;
}

Dataset makeBlobs(int samples, int centres, double noise, std::uint64_t seed)
{
    checkCommon("blobs", samples, noise);
    checkClasses("blobs", centres);
    Random random(seed);
    Dataset data = emptyPlane(samples, centres);
    for (int i = 0; i < samples; ++i) {
        const int centre = i % centres;
        const double angle = kTwoPi * centre / centres;
        setPoint(data, i, centre, 0.7 * std::cos(angle), 0.7 * std::sin(angle), noise, random);
    }
    return data;
}

bool isToyDataset(const std::string& name)
{
    const DatasetFacts* facts = findDataset(name);
    return facts != nullptr && facts->generated;
}

DataSplit makeToyDataset(const DatasetSpec& spec)
{
    const auto make = [&spec](int samples, std::uint64_t seed) {
        if (spec.name == "spirals")
            return makeSpirals(samples, spec.toyClasses, spec.toyNoise, seed);
        if (spec.name == "circles")
            return makeCircles(samples, spec.toyNoise, seed);
        if (spec.name == "xor")
            return makeXor(samples, spec.toyNoise, seed);
        if (spec.name == "blobs")
            return makeBlobs(samples, spec.toyClasses, spec.toyNoise, seed);
        throw InputError("unknown toy data set '" + spec.name +
                         "' (expected spirals, circles, xor or blobs)");
    };
    DataSplit split;
    split.name = spec.name;
    if (!(spec.toyTestRatio >= kMinToyTestRatio && spec.toyTestRatio <= kMaxToyTestRatio))
        throw InputError("the test ratio of a generated set must be in [0.05, 1] (test samples per training sample)");
    split.train = make(spec.toySamples, derivedSeed(spec.seed, SeedStream::ToyTrain));
    split.test = make(std::max(1, static_cast<int>(std::lround(spec.toySamples * spec.toyTestRatio))),
                      derivedSeed(spec.seed, SeedStream::ToyTest));
    for (Dataset* set : {&split.train, &split.test}) {
        set->features = withPlaneFeatures(set->features, spec.toyFeatures);
        set->sampleShape = {set->featureCount()};
    }
    split.validation = emptyPlane(0, split.train.classCount);
    return split;
}

} // namespace reciprocal
