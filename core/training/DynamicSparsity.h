#pragma once

#include "core/network/Network.h"

#include <vector>

namespace reciprocal {

// Dynamic sparse training (Chicchi et al. 2021): before every step each layer's weights are masked to
// W o [|W| > c], with c the layer's `fraction` percentile of |W| (nearest rank: the round(fraction*N)
// smallest |W| are masked) recomputed from the
// current parameters, so every layer, output included, always holds about that fraction of zeros.
// Gradients flow only through the kept weights (M o G).
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
    explicit DynamicSparsity(double fraction);
    double fraction() const { return m_fraction; }

    // Recompute every layer's weight mask from its current weights. With countChanges, compare with
    // the previous call (one optimizer step ago) for the non-locality count.
    void update(Network<float>& network, bool countChanges = true);
    const std::vector<LayerStatistics>& statistics() const { return m_statistics; }

private:
    double m_fraction;
    std::vector<Matrix<float>> m_previousWeights; // unmasked W at the previous update
    std::vector<Matrix<float>> m_previousMasks;
    std::vector<LayerStatistics> m_statistics;
    Matrix<float> m_weights;   // scratch: unmasked W
    std::vector<float> m_sorted; // scratch: |W| for the percentile
};

} // namespace reciprocal
