#include "core/training/Optimizer.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/kernels/KernelTable.h"
#include "core/math/NameTable.h"
#include "core/math/ParallelColumns.h"

#include <algorithm>
#include <cmath>

namespace reciprocal {

namespace {

constexpr NameTable<OptimizerKind, 3> optimizers{{{
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Adam, "adam"},
    {OptimizerKind::Adamax, "adamax"},
}}};

bool usesSecondMoment(OptimizerKind kind) { return kind != OptimizerKind::Sgd; }

// body(offset, length) over [0, size) in chunks that stay in cache, the chunks split over threads.
template <typename Body> void forEachChunk(Eigen::Index size, Body body)
{
    constexpr long chunk = 4096;
    forEachPart(size, 8 * chunk, [&](int, long begin, long end) {
        for (long offset = begin; offset < end; offset += chunk)
            body(offset, std::min(end, offset + chunk) - offset);
    });
}

} // namespace

std::string_view optimizerName(OptimizerKind kind) { return optimizers.name(kind); }
OptimizerKind parseOptimizer(std::string_view name) { return optimizers.parse(name, "optimizer"); }
std::vector<std::string> optimizerNames() { return optimizers.names(); }

double defaultLearningRate(OptimizerKind kind) { return kind == OptimizerKind::Sgd ? 1e-2 : 1e-3; }

void validate(const OptimizerSettings& settings)
{
    const auto check = [](bool ok, const std::string& what) {
        if (!ok)
            throw InputError(what);
    };
    check(settings.learningRate >= minimumLearningRate && settings.learningRate <= maximumLearningRate,
          "learning rate must be a number in [" + formatNumber(minimumLearningRate) + ", " +
              formatNumber(maximumLearningRate) + "] (got " + formatNumber(settings.learningRate) + ")");
    check(settings.momentum >= 0 && settings.momentum < 1, "momentum must be in [0, 1)");
    check(settings.beta1 >= 0 && settings.beta1 < 1, "beta1 must be in [0, 1)");
    check(settings.beta2 >= 0 && settings.beta2 < 1, "beta2 must be in [0, 1)");
    check(settings.epsilon > 0 && settings.epsilon <= 1, "epsilon must be in (0, 1]");
}

template <typename Scalar>
Optimizer<Scalar>::Optimizer(const OptimizerSettings& settings)
    : m_settings(settings)
{
    validate(settings);
}

template <typename Scalar> void Optimizer<Scalar>::setSettings(const OptimizerSettings& settings)
{
    validate(settings);
    if (settings.kind != m_settings.kind)
        m_state = {};
    m_settings = settings;
}

template <typename Scalar> void Optimizer<Scalar>::setState(OptimizerState<Scalar> state)
{
    const bool secondFits = usesSecondMoment(m_settings.kind) ? state.second.size() == state.first.size()
                                                               : state.second.empty();
    if (state.step < 0 || !secondFits)
        throw InputError("optimizer state does not match a " + std::string(optimizerName(m_settings.kind)) +
                         " optimizer");
    // 2^50 steps are more than any run takes; beyond, the bias corrections lose all precision.
    if (state.step > (std::int64_t(1) << 50))
        throw InputError("optimizer step " + std::to_string(state.step) + " is beyond 2^50");
    for (const auto& moment : state.first)
        if (!moment.allFinite())
            throw InputError("optimizer first moments hold NaN or infinite values");
    for (const auto& moment : state.second)
        if (!moment.allFinite() || (moment.array() < Scalar(0)).any())
            throw InputError("optimizer second moments hold NaN, infinite or negative values");
    m_state = std::move(state);
}

template <typename Scalar> void Optimizer<Scalar>::ensureState(const std::vector<Parameter<Scalar>>& parameters)
{
    // A fresh optimizer, or one whose network changed shape (e.g. nodes were removed): moments
    // that no longer fit start from zero.
    m_state.first.resize(parameters.size());
    if (usesSecondMoment(m_settings.kind))
        m_state.second.resize(parameters.size());
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const auto& value = *parameters[i].value;
        for (auto* moments : {&m_state.first, &m_state.second})
            if (!moments->empty() && ((*moments)[i].rows() != value.rows() || (*moments)[i].cols() != value.cols()))
                (*moments)[i] = Matrix<Scalar>::Zero(value.rows(), value.cols());
    }
}

template <typename Scalar> void Optimizer<Scalar>::update(Network<Scalar>& network)
{
    ensureState(network.parameters());
    ++m_state.step;
    const double step = static_cast<double>(m_state.step);
    const auto& s = m_settings;
    // Adam and Adamax fold their bias corrections into the rate.
    double rate = s.learningRate;
    if (s.kind == OptimizerKind::Adam)
        rate *= std::sqrt(1.0 - std::pow(s.beta2, step)) / (1.0 - std::pow(s.beta1, step));
    else if (s.kind == OptimizerKind::Adamax)
        rate /= 1.0 - std::pow(s.beta1, step);

    const KernelTable<Scalar>& kernel = kernels<Scalar>();
    std::size_t index = 0;
    for (int k = 0; k < network.layerCount(); ++k) {
        auto& layer = network.layer(k);
        for (const auto& parameter : layer.parameters()) {
            const std::size_t i = index++;
            if (!layer.isTrainable(parameter.role))
                continue;
            const OptimizerRun<Scalar> run{s.kind,
                                           static_cast<Scalar>(rate),
                                           static_cast<Scalar>(s.momentum),
                                           static_cast<Scalar>(s.beta1),
                                           static_cast<Scalar>(s.beta2),
                                           static_cast<Scalar>(s.epsilon),
                                           parameter.value->data(),
                                           parameter.gradient->data(),
                                           m_state.first[i].data(),
                                           s.kind == OptimizerKind::Sgd ? nullptr : m_state.second[i].data()};
            // One fused pass over cache-sized chunks, split over the threads.
            forEachChunk(parameter.value->size(),
                         [&](Eigen::Index offset, Eigen::Index length) { kernel.optimizerStep(run, offset, length); });
        }
    }
    network.refresh();
}

template class Optimizer<float>;
template class Optimizer<double>;

} // namespace reciprocal
