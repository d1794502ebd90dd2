#pragma once

#include "core/math/Types.h"

#include <string>

namespace reciprocal {

// The role of a parameter group decides whether a training mode updates it.
enum class ParameterRole { Weights, Eigenvectors, Eigenvalues, Bias };

// A view of one parameter group of a layer: its values and the gradient the last backward pass
// left for it, both of the same shape. The layer owns the storage.
template <typename Scalar> struct Parameter {
    std::string name; // "W", "phi", "lam_in", "lam_out", "R", "s", "bias"
    ParameterRole role;
    Matrix<Scalar>* value;
    Matrix<Scalar>* gradient;
};

// A read-only view of a parameter group or frozen tensor, for code that only looks (saving, counting).
template <typename Scalar> struct ParameterValue {
    std::string name;
    ParameterRole role;
    const Matrix<Scalar>* value;
};

// A named matrix that defines the layer but is never trained (Q of QR, U and V of S-SVD).
template <typename Scalar> struct FrozenTensor {
    std::string name;
    Matrix<Scalar>* value;
};

} // namespace reciprocal
