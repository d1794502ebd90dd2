#pragma once

#include "core/layers/Layer.h"

namespace reciprocal {

// The conventional dense layer: W (m x n) is the parameter. Glorot-uniform initialisation,
// U(+-sqrt(6 / (n + m))), zero bias: the papers' direct-space baseline.
template <typename Scalar> class DirectLayer final : public Layer<Scalar> {
public:
    using typename Layer<Scalar>::MatrixType;

    DirectLayer(int inputs, int outputs, bool hasBias);
    std::unique_ptr<Layer<Scalar>> clone() const override { return std::make_unique<DirectLayer>(*this); }
    void assign(const Layer<Scalar>& other) override { *this = static_cast<const DirectLayer&>(other); }
    LayerKind kind() const override { return LayerKind::Direct; }
    std::vector<Parameter<Scalar>> parameters() override;

protected:
    void composeWeights(MatrixType& weights, const MatrixType& mask) override
    {
        weights.noalias() = (m_weights.array() * mask.array()).matrix();
    }
    // backward() wrote dL/dW straight into m_weightsGradient (weightGradientBuffer).
    void distributeWeightGradient(const MatrixType&) override {}
    const MatrixType* storedWeights() const override { return &m_weights; }
    MatrixType& weightGradientBuffer() override { return m_weightsGradient; }
    bool hasRole(ParameterRole role) const override { return role == ParameterRole::Weights; }
    void drawParameters(Random& random, Initialisation initialisation) override; // default and glorot alike

private:
    MatrixType m_weights;         // W, m x n
    MatrixType m_weightsGradient; // m x n
};

} // namespace reciprocal
