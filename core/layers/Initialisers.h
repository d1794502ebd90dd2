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

// The random factors of Chicchi et al.'s S-SVD: U (m x r) and V (r x n) ~ N(0, 0.04^2), random
// rather than orthogonal as in their code, and s (r x 1) ~ U(0, 3), drawn in that order.
template <typename Scalar> void drawSsvdFactors(Matrix<Scalar>& u, Matrix<Scalar>& s, Matrix<Scalar>& v, Random& random)
{
    fillNormal(u, random, 0.04);
    fillNormal(v, random, 0.04);
    fillUniform(s, random, 0.0, 3.0);
}

// phi = U diag(s) V (m x n) from fresh S-SVD factors of rank min(m, n): [PRE]'s S-SVD_full draw
// for a kind that stores phi itself or factorises it otherwise.
template <typename Scalar> Matrix<Scalar> randomSsvdProduct(Eigen::Index rows, Eigen::Index cols, Random& random)
{
    const Eigen::Index rank = std::min(rows, cols);
    Matrix<Scalar> u(rows, rank), s(rank, 1), v(rank, cols);
    drawSsvdFactors(u, s, v, random);
    return u * s.col(0).asDiagonal() * v;
}

// Glorot-uniform bound for an m x n weight matrix.
inline double glorotBound(Eigen::Index inputs, Eigen::Index outputs)
{
    return std::sqrt(6.0 / static_cast<double>(inputs + outputs));
}

} // namespace reciprocal
