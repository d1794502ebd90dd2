#pragma once

#include "core/data/Dataset.h"
#include "core/data/DatasetSpec.h"

#include <cstdint>
#include <string>

namespace reciprocal {

// Small generated 2-D classification sets for demos and quick experiments. Each returns
// features (2 x samples), roughly within [-1, 1] plus noise, sampleShape {2}. Sample i has
// label i % classCount, so classes are balanced and interleaved. noise is the standard
// deviation of the Gaussian noise added to each coordinate. All draws come from
// reciprocal::Random seeded with seed, so a seed gives the same set on every build.
//
// Throws InputError for samples outside [1, 10^7], noise negative or not finite, or a class
// count outside [2, 10].

// arms interleaved spiral arms of 1.25 turns each, radius growing from 0.05 to 1.
Dataset makeSpirals(int samples, int arms, double noise, std::uint64_t seed);
// Two classes: an inner ring of radius 0.5 (label 0) and an outer ring of radius 1 (label 1).
Dataset makeCircles(int samples, double noise, std::uint64_t seed);
// Two classes, the quadrants of [-1, 1]^2: label 1 where x and y have different signs. Each
// point is uniform in one of its class's two quadrants, chosen at random; the noise is added
// afterwards, so it blurs the boundary.
Dataset makeXor(int samples, double noise, std::uint64_t seed);
// centres isotropic Gaussian blobs, centres evenly spaced on the circle of radius 0.7.
Dataset makeBlobs(int samples, int centres, double noise, std::uint64_t seed);

// True for "spirals", "circles", "xor" and "blobs".
bool isToyDataset(const std::string& name);

// The named toy set from spec.toySamples, toyNoise, toyClasses (spirals and blobs only) and
// seed: a training set of toySamples and a test set of max(1, round(toySamples * toyTestRatio)),
// each generated from its own seed derived from spec.seed, with spec.toyFeatures appended as
// input rows. No validation set and no limits are applied here.
// Throws InputError for an unknown name or invalid parameters.
DataSplit makeToyDataset(const DatasetSpec& spec);

} // namespace reciprocal
