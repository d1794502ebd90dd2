#include "core/pruning/PruningCriterion.h"

#include "core/math/NameTable.h"

namespace reciprocal {

namespace {

constexpr NameTable<PruningCriterion, 7> criteria{{{
    {PruningCriterion::Spectral, "spectral"},
    {PruningCriterion::Connectivity, "connectivity"},
    {PruningCriterion::Random, "random"},
    {PruningCriterion::SpectralDescending, "spectral-descending"},
    {PruningCriterion::WeightNorm, "weight-norm"},
    {PruningCriterion::SpectralEmitter, "spectral-emitter"},
    {PruningCriterion::SpectralCombined, "spectral-combined"},
}}};

} // namespace

std::string_view pruningCriterionName(PruningCriterion criterion) { return criteria.name(criterion); }
PruningCriterion parsePruningCriterion(std::string_view name) { return criteria.parse(name, "pruning criterion"); }
std::vector<std::string> pruningCriterionNames() { return criteria.names(); }

} // namespace reciprocal
