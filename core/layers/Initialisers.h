#pragma once

#include "core/math/Random.h"
#include "core/math/Types.h"

namespace reciprocal {

// Fill with U(-bound, bound).
template <typename Scalar> void fillUniform(Matrix<Scalar>& matrix, Random& random, double bound)
{
    for (Eigen::Index i = 0; i < matrix.size(); ++i)
        matrix.data()[i] = static_cast<Scalar>(random.uniform(-bound, bound));
}

// Fill with U(low, high).
template <typename Scalar> void fillUniform(Matrix<Scalar>& matrix, Random& random, double low, double high)
{
    for (Eigen::Index i = 0; i < matrix.size(); ++i)
        matrix.data()[i] = static_cast<Scalar>(random.uniform(low, high));
}

// Fill with N(0, stddev^2).
template <typename Scalar> void fillNormal(Matrix<Scalar>& matrix, Random& random, double stddev)
{
    for (Eigen::Index i = 0; i < matrix.size(); ++i)
        matrix.data()[i] = static_cast<Scalar>(random.normal(0.0, stddev));
}

// Glorot-uniform bound for an m x n weight matrix.
inline double glorotBound(Eigen::Index inputs, Eigen::Index outputs)
{
    return std::sqrt(6.0 / static_cast<double>(inputs + outputs));
}

} // namespace reciprocal
