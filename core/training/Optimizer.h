#pragma once

#include "core/network/Network.h"
#include "core/training/OptimizerKind.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

std::string_view optimizerName(OptimizerKind kind);
OptimizerKind parseOptimizer(std::string_view name); // throws InputError
std::vector<std::string> optimizerNames();
// The papers' rates: Adam 1e-3, Adamax 1e-3 (Keras default), SGD 1e-2.
double defaultLearningRate(OptimizerKind kind);

// Keras constants by default (beta1 0.9, beta2 0.999, epsilon 1e-7), as the papers used.
struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::Adam;
    double learningRate = 1e-3;
    double momentum = 0.9; // SGD only; 0 is plain SGD
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-7;

    friend bool operator==(const OptimizerSettings&, const OptimizerSettings&) = default;
};

// The range of learning rates every front end accepts (command line, experiment files, setup).
inline constexpr double minimumLearningRate = 1e-12;
inline constexpr double maximumLearningRate = 1e12;

// Throws InputError naming the first out-of-range setting.
void validate(const OptimizerSettings& settings);

// Moments per parameter group, aligned with Network::parameters(); empty until the first step.
template <typename Scalar> struct OptimizerState {
    std::int64_t step = 0;
    std::vector<Matrix<Scalar>> first;  // SGD velocity, Adam/Adamax first moment
    std::vector<Matrix<Scalar>> second; // Adam second moment, Adamax infinity norm; empty for SGD
};

// Updates the groups each layer's mode trains, as Keras does:
//   SGD     v = mu v - lr g;  theta += v
//   Adam    m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
//           theta -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps)
//   Adamax  m = b1 m + (1-b1) g;  u = max(b2 u, |g|);  theta -= lr/(1-b1^t) m / (u + eps)
// Frozen groups keep their moments, so switching modes between steps loses nothing.
template <typename Scalar> class Optimizer {
public:
    explicit Optimizer(const OptimizerSettings& settings = {});

    const OptimizerSettings& settings() const { return m_settings; }
    // Same kind: keeps the moments (e.g. a new learning rate). Another kind: starts afresh.
    void setSettings(const OptimizerSettings& settings);
    const OptimizerState<Scalar>& state() const { return m_state; }
    // Throws InputError if the state does not fit the settings (a malformed model file).
    void setState(OptimizerState<Scalar> state);

    // One step from the gradients the network's last backward pass left; refreshes the network.
    void update(Network<Scalar>& network);

private:
    void ensureState(const std::vector<Parameter<Scalar>>& parameters);

    OptimizerSettings m_settings;
    OptimizerState<Scalar> m_state;
};

} // namespace reciprocal
