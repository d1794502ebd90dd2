#pragma once

// A plain implementation of spectral training written straight from the formulas in
// docs/theory.md ("Forward pass, loss and gradients"), in double precision, with none of the core's
// fusing, buffering or threading. The fast path is checked against it.

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <vector>

namespace reference {

using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;

struct Layer {
    bool direct = false;
    bool twoSets = true;
    Mat w;              // direct layers
    Mat phi;            // spectral layers, m x n
    Mat lamIn, lamOut;  // n x 1 and m x 1; lamIn empty for one set
    Mat weights() const
    {
        if (direct)
            return w;
        Mat result = -(lamOut.col(0).asDiagonal() * phi);
        if (twoSets)
            result += phi * lamIn.col(0).asDiagonal();
        return result;
    }
};

struct Adam {
    double lr = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
    long step = 0;
    std::vector<Mat> m, v;
    // Keras: theta -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)
    void apply(std::vector<Mat*> parameters, const std::vector<Mat>& gradients)
    {
        if (m.empty())
            for (const Mat* p : parameters) {
                m.push_back(Mat::Zero(p->rows(), p->cols()));
                v.push_back(Mat::Zero(p->rows(), p->cols()));
            }
        ++step;
        const double rate = lr * std::sqrt(1 - std::pow(beta2, step)) / (1 - std::pow(beta1, step));
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            m[i] = beta1 * m[i] + (1 - beta1) * gradients[i];
            v[i] = beta2 * v[i] + (1 - beta2) * gradients[i].cwiseProduct(gradients[i]);
            *parameters[i] -= (rate * m[i].array() / (v[i].array().sqrt() + epsilon)).matrix();
        }
    }
};

// One training step of a tanh network with softmax cross-entropy on batch X (n x B); trains all
// groups (full) or only the eigenvalues. Returns the batch's mean loss.
inline double step(std::vector<Layer>& layers, Adam& adam, const Mat& x, const std::vector<std::int32_t>& labels,
                   bool eigenvaluesOnly)
{
    const auto batch = static_cast<double>(x.cols());
    std::vector<Mat> activations{x};
    std::vector<Mat> weights;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        weights.push_back(layers[k].weights());
        Mat z = weights.back() * activations.back();
        activations.push_back(k + 1 < layers.size() ? Mat(z.array().tanh()) : z);
    }
    const Mat& logits = activations.back();
    Mat delta(logits.rows(), logits.cols());
    double loss = 0;
    for (Eigen::Index s = 0; s < logits.cols(); ++s) {
        const Vec p = (logits.col(s).array() - logits.col(s).maxCoeff()).exp();
        const Vec probabilities = p / p.sum();
        loss -= std::log(probabilities(labels[s]));
        delta.col(s) = probabilities / batch;
        delta(labels[s], s) -= 1 / batch;
    }
    std::vector<Mat*> parameters;
    std::vector<Mat> gradients;
    for (int k = static_cast<int>(layers.size()) - 1; k >= 0; --k) {
        Layer& layer = layers[k];
        const Mat g = delta * activations[k].transpose(); // dL/dW
        if (k > 0)
            delta = ((weights[k].transpose() * delta).array() * (1 - activations[k].array().square())).matrix();
        if (layer.direct) {
            parameters.push_back(&layer.w);
            gradients.push_back(g);
            continue;
        }
        const Mat gp = g.cwiseProduct(layer.phi);
        if (!eigenvaluesOnly) {
            Mat dPhi = -(layer.lamOut.col(0).asDiagonal() * g);
            if (layer.twoSets)
                dPhi += g * layer.lamIn.col(0).asDiagonal();
            parameters.push_back(&layer.phi);
            gradients.push_back(dPhi);
        }
        if (layer.twoSets) {
            parameters.push_back(&layer.lamIn);
            gradients.push_back(gp.colwise().sum().transpose());
        }
        parameters.push_back(&layer.lamOut);
        gradients.push_back(-gp.rowwise().sum());
    }
    adam.apply(parameters, gradients);
    return loss / batch;
}

} // namespace reference
