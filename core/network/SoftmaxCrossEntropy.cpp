#include "core/network/SoftmaxCrossEntropy.h"

#include <cmath>

namespace reciprocal {

template <typename Scalar>
typename SoftmaxCrossEntropy<Scalar>::Result
SoftmaxCrossEntropy<Scalar>::evaluate(const Matrix<Scalar>& logits, const std::int32_t* labels, Matrix<Scalar>* delta)
{
    const Eigen::Index classes = logits.rows();
    const Eigen::Index batch = logits.cols();
    if (delta)
        delta->resize(classes, batch);
    Result result;
    double lossSum = 0.0;
    for (Eigen::Index sample = 0; sample < batch; ++sample) {
        const auto column = logits.col(sample);
        Eigen::Index predicted = 0;
        const Scalar maximum = column.maxCoeff(&predicted);
        // log-sum-exp shifted by the maximum, so exp never overflows
        const Scalar sumExp = (column.array() - maximum).exp().sum();
        const Scalar logSumExp = maximum + std::log(sumExp);
        const std::int32_t label = labels[sample];
        lossSum += static_cast<double>(logSumExp - column(label));
        result.correct += predicted == label ? 1 : 0;
        if (delta) {
            auto d = delta->col(sample);
            d.array() = (column.array() - logSumExp).exp() / Scalar(batch);
            d(label) -= Scalar(1) / Scalar(batch);
        }
    }
    result.loss = lossSum / static_cast<double>(batch);
    return result;
}

template struct SoftmaxCrossEntropy<float>;
template struct SoftmaxCrossEntropy<double>;

} // namespace reciprocal
