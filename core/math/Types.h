#pragma once

#include <Eigen/Core>

namespace reciprocal {

// Every parameter is stored as a matrix; vectors are n x 1 matrices, so optimisers and
// serialisation treat all parameter groups alike.
template <typename Scalar> using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar> using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

} // namespace reciprocal
