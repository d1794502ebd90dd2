#include "core/training/Regularisation.h"

#include "core/Error.h"
#include "core/Format.h"

#include <cmath>

namespace reciprocal {

namespace {

// The (l1, l2) coefficients of a group by its role; none for weights and biases.
std::pair<double, double> coefficients(ParameterRole role, const Regularisation& r)
{
    switch (role) {
    case ParameterRole::Eigenvalues:
        return {r.l1Eigenvalues, r.l2Eigenvalues};
    case ParameterRole::Eigenvectors:
        return {r.l1Eigenvectors, r.l2Eigenvectors};
    case ParameterRole::Weights:
    case ParameterRole::Bias:
        break;
    }
    return {0.0, 0.0};
}

} // namespace

void checkRegularisation(const Regularisation& r)
{
    for (const auto& [name, value] : {std::pair{"l1 on the eigenvalues", r.l1Eigenvalues},
                                      std::pair{"l2 on the eigenvalues", r.l2Eigenvalues},
                                      std::pair{"l1 on the eigenvectors", r.l1Eigenvectors},
                                      std::pair{"l2 on the eigenvectors", r.l2Eigenvectors}})
        if (!(value >= 0.0 && value <= maximumRegularisation))
            throw InputError(std::string(name) + " must be in [0, " + formatNumber(maximumRegularisation) + "] (got " +
                             formatNumber(value) + ")");
}

template <typename Scalar> double regularisationPenalty(Network<Scalar>& network, const Regularisation& regularisation)
{
    double penalty = 0.0;
    for (int k = 0; k < network.layerCount(); ++k)
        for (const auto& group : network.layer(k).trainableParameters()) {
            const auto [l1, l2] = coefficients(group.role, regularisation);
            if (l1 > 0)
                penalty += l1 * static_cast<double>(group.value->cwiseAbs().sum());
            if (l2 > 0)
                penalty += l2 * static_cast<double>(group.value->squaredNorm());
        }
    return penalty;
}

template <typename Scalar> void addRegularisationGradient(Network<Scalar>& network, const Regularisation& regularisation)
{
    for (int k = 0; k < network.layerCount(); ++k)
        for (auto& group : network.layer(k).trainableParameters()) {
            const auto [l1, l2] = coefficients(group.role, regularisation);
            if (l1 > 0)
                group.gradient->array() += static_cast<Scalar>(l1) * group.value->array().sign();
            if (l2 > 0)
                group.gradient->array() += static_cast<Scalar>(2 * l2) * group.value->array();
        }
}

template double regularisationPenalty<float>(Network<float>&, const Regularisation&);
template double regularisationPenalty<double>(Network<double>&, const Regularisation&);
template void addRegularisationGradient<float>(Network<float>&, const Regularisation&);
template void addRegularisationGradient<double>(Network<double>&, const Regularisation&);

} // namespace reciprocal
