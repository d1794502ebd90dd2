#pragma once

#include "core/math/Types.h"

#include <cstdint>

namespace reciprocal {

// Softmax followed by cross-entropy, averaged over the batch.
//   logits: classes x B; labels: B entries in [0, classes).
// Returns the mean loss and the number of correct argmax predictions; if delta is given it
// receives dL/dlogits = (softmax(logits) - onehot(labels)) / B.
template <typename Scalar> struct SoftmaxCrossEntropy {
    struct Result {
        double loss = 0.0;
        long long correct = 0;
    };
    static Result evaluate(const Matrix<Scalar>& logits, const std::int32_t* labels, Matrix<Scalar>* delta);
};

} // namespace reciprocal
