#pragma once

#include "core/data/Dataset.h"
#include "core/pruning/ModelPruning.h"

#include <vector>

namespace reciprocal {

// What a pruning request would do to a network: the plan, held-out accuracy before and after, what
// is kept and what a forward pass costs. The network is evaluated with the plan's node masks in
// place of its own (Network::evaluate), so it is left alone and not copied: a copy of a 784-100000-10
// network took six seconds.
struct PruningPreview {
    PruningRequest request;
    PruningPlan plan;
    double accuracyBefore = 0.0;
    double accuracyAfter = 0.0;
    double lossAfter = 0.0;
    std::vector<int> nodesBefore; // active nodes per hidden layer
    std::vector<int> nodesKept;
    long long weightsBefore = 0; // active entries of every W (= multiply-adds per sample)
    long long weightsKept = 0;
    long long flopsBefore = 0; // per sample, 2 per multiply-add
    long long flopsAfter = 0;
    int testSamples = 0;       // evaluated: the whole test set, or its first ones for a huge network
    int testSamplesTotal = 0;  // in the test set
    double milliseconds = 0.0; // how long the preview took
};

// A preview evaluates at most about this many multiply-adds (test samples times the network's
// multiply-adds per sample), so that it answers in about a second however wide the network is:
// a 784-100000-10 network once took half a minute for each preview, blocking every later command.
inline constexpr double previewMultiplyAddBudget = 4e9;
inline constexpr int minimumPreviewSamples = 200;

// How many of `testSamples` a preview of this network evaluates (all of them for usual sizes).
int previewSampleCount(const Network<float>& network, int testSamples);

// The accuracy before (on the same test samples) is passed in so that a caller can cache it
// between previews; `test` is what the preview evaluates, `testSamplesTotal` what it is a part of.
// Throws InputError for impossible requests. Only the network's per-batch buffers change.
PruningPreview previewPruning(Network<float>& network, const Dataset& test, const PruningRequest& request,
                              double accuracyBefore, int testSamplesTotal = 0);

} // namespace reciprocal
