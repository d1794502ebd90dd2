#pragma once

#include "core/pruning/NodePruning.h"

namespace reciprocal {

// Input-feature relevance (Chicchi et al. 2024, docs/theory.md "Input-feature relevance"): the
// input nodes of the first transfer ranked like hidden nodes, and the lowest-ranked silenced. A
// silenced input has its column of the first layer's weight mask set to 0, so the network computes
// exactly what it would with that feature fixed at 0, before and during retraining; the
// architecture keeps its width, so the model still reads the dataset.

// Whether the criterion ranks inputs too: spectral, connectivity and random do.
bool ranksInputs(PruningCriterion criterion);

// One score per input, lowest first to go: spectral is |lam_in_j| of the first transfer (two
// eigenvalue sets); connectivity sum_i |W_ij| over the first layer's effective weights, what the
// input feeds (the direct-space baseline); random a uniform draw. Throws InputError for the other
// criteria, which rank hidden nodes only, and for spectral without input eigenvalues.
Vector<float> inputScores(const Network<float>& network, PruningCriterion criterion, Random& random);

// 1 for every input that still feeds the first transfer, 0 for a silenced one.
Vector<float> activeInputs(const Network<float>& network);

// The papers' rule over the active inputs: remove those scoring strictly below the
// 100*fraction-th percentile (numpy linear). Inputs silenced already stay silenced. Throws
// InputError unless 0 <= fraction <= 1.
PruningPlan selectInputs(const Network<float>& network, const Vector<float>& scores, double fraction);

// Silence the inputs whose entry is 0: their columns of the first layer's weight mask become 0,
// whatever else that mask holds.
void applyInputMask(Network<float>& network, const Vector<float>& inputMask);

} // namespace reciprocal
