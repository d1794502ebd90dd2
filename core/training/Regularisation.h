#pragma once

#include "core/network/Network.h"

namespace reciprocal {

// L1 and L2 penalties, separately on the eigenvalues (lam_in, lam_out) and on the trained
// eigenvector parameters (phi; R of QR; s of S-SVD), added to the batch-mean cross-entropy:
//     L = CE + l1 sum|x| + l2 sum x^2   over the groups training updates,
// Keras's convention (the papers' code is Keras): dL/dx gains l1 sign(x) + 2 l2 x. SpectralTools
// recommends L2 for pruning; Buffoni et al.'s CIFAR-10 runs use L1 on the eigenvalues. Reported
// losses stay the cross-entropy, so runs with and without a penalty compare.
struct Regularisation {
    double l1Eigenvalues = 0.0;
    double l2Eigenvalues = 0.0;
    double l1Eigenvectors = 0.0;
    double l2Eigenvectors = 0.0;

    bool any() const { return l1Eigenvalues > 0 || l2Eigenvalues > 0 || l1Eigenvectors > 0 || l2Eigenvectors > 0; }
    friend bool operator==(const Regularisation&, const Regularisation&) = default;
};

// Largest coefficient any source accepts: beyond it the penalty swamps any data term.
inline constexpr double maximumRegularisation = 1e3;
// Throws InputError unless every coefficient is finite and in [0, maximumRegularisation].
void checkRegularisation(const Regularisation& regularisation);

// The penalty of the network's trainable eigenvalue and eigenvector groups.
template <typename Scalar> double regularisationPenalty(Network<Scalar>& network, const Regularisation& regularisation);
// Adds the penalty's gradient to those groups' gradients (after a backward pass).
template <typename Scalar> void addRegularisationGradient(Network<Scalar>& network, const Regularisation& regularisation);

} // namespace reciprocal
