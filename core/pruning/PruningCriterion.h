#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// How hidden nodes are ranked for pruning; the lowest scores go first.
enum class PruningCriterion {
    Spectral,           // |lam_out_i| of the receiving node (Buffoni et al.)
    Connectivity,       // sum_j |W_ij|, the node's incoming connectivity (the papers' direct baseline)
    Random,             // uniform random scores (a control)
    SpectralDescending, // -|lam_out_i|: removes the most important nodes first (a control that must do worst)
    WeightNorm,         // ||W_i.||_2 = |lam_i| ||phi_i.||_2 in one-set layers: |lambda| made scale-invariant
    // Two-set layers: a hidden node also owns lam_in of the transfer out of it.
    SpectralEmitter,  // |lam_in_i| of the next transfer (the emitting side, as the PyTorch port ranks)
    SpectralCombined, // |lam_out_i| * |lam_in_i|: low when either side is (SpectralTools' "and")
};

std::string_view pruningCriterionName(PruningCriterion criterion);
PruningCriterion parsePruningCriterion(std::string_view name); // throws InputError
std::vector<std::string> pruningCriterionNames();

} // namespace reciprocal
