#pragma once

#include "core/network/Network.h"

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// When sparse training computes its masks: before every step (dynamic, Chicchi et al. 2021), or
// once at the first step and then kept (static: a fixed sparse topology).
enum class SparseMasks { Dynamic, Static };
std::string_view sparseMasksName(SparseMasks masks);
SparseMasks parseSparseMasks(std::string_view name); // throws InputError listing the names
std::vector<std::string> sparseMasksNames();

// Sparse training (Chicchi et al. 2021): before every step each layer's weights are masked to
// W o [|W| > c], with c the layer's `fraction` percentile of |W| (nearest rank: the round(fraction*N)
// smallest |W| are masked) recomputed from the current parameters (dynamic masks) or computed once
// at the first step and kept (static masks; a layer that has a weight mask of its shape already,
// as a resumed model does, keeps that one). Every layer, output included, holds that fraction of
// zeros. Gradients flow only through the kept weights (M o G).
//
// Its statistic is the mask turnover: the share of the connections kept at the end of one epoch
// that are masked at the end of the next (the first epoch against the first step's mask). Spectral
// sparse networks are said to reorganise their topology (Chicchi et al., SIFS 2022); a static mask
// has turnover 0 by construction.
//
// It also measures the "non-locality" of spectral sparse training: how many weights that were masked
// in the previous step changed value anyway. In a spectral layer every W_ij depends on lam_in_j,
// lam_out_i and shared eigenvector parameters, so masked weights keep moving; in a dense layer a
// masked weight moves only on its optimizer momentum.
class DynamicSparsity {
public:
    struct LayerStatistics {
        double zeroFraction = 0.0;      // masked weights / all weights, after this update
        long long maskedChanged = 0;    // weights masked before this step whose value changed since
        long long previouslyMasked = 0; // weights masked before this step
    };

    // fraction in [0, 1); throws InputError otherwise.
    explicit DynamicSparsity(double fraction, SparseMasks masks = SparseMasks::Dynamic);
    double fraction() const { return m_fraction; }

    // Recompute every layer's weight mask from its current weights (static masks: only the first
    // time). With countChanges, compare with the previous call (one optimizer step ago) for the
    // non-locality count.
    void update(Network<float>& network, bool countChanges = true);
    const std::vector<LayerStatistics>& statistics() const { return m_statistics; }
    // At the end of an epoch, after update(): per layer, the share of the connections kept at the
    // previous epoch's end (or the first update) that the current mask drops.
    std::vector<double> closeEpoch();

private:
    // mask = 1 where |W| is above the layer's fraction percentile, 0 where it is masked.
    void writeMagnitudeMask(const Matrix<float>& weights, Matrix<float>& mask);

    double m_fraction;
    SparseMasks m_masks;
    std::vector<Matrix<float>> m_epochMasks; // the masks at the last closeEpoch (or first update)
    std::vector<Matrix<float>> m_previousWeights; // unmasked W at the previous update
    std::vector<Matrix<float>> m_previousMasks;
    std::vector<LayerStatistics> m_statistics;
    Matrix<float> m_weights;   // scratch: unmasked W
    std::vector<float> m_sorted; // scratch: |W| for the percentile
};

} // namespace reciprocal
