#include "core/training/Model.h"

#include "core/Error.h"
#include "core/training/MemoryBudget.h"
#include "core/training/RandomSubset.h"

namespace reciprocal {

Model Model::create(const Architecture& architecture, TrainMode mode, const TrainingSettings& training,
                    const std::string& datasetName, const OptimizerSettings& optimizer)
{
    if (training.batchSize < 1)
        throw InputError("batch size must be at least 1 (got " + std::to_string(training.batchSize) + ")");
    if (!(training.sparsity >= 0.0 && training.sparsity < 1.0))
        throw InputError("sparsity must be in [0, 1) (got " + std::to_string(training.sparsity) + ")");
    checkRegularisation(training.regularisation);
    // Before the network exists: an absurd architecture should be refused, not OOM-killed.
    checkMemoryBudget(architecture, training, optimizer.kind);
    Model model{Network<float>(architecture), Optimizer<float>(optimizer), training,
                Random(training.seed), 0, {}, datasetName, {}};
    model.network.setTrainMode(mode);
    model.network.initialise(model.random, training.initialisation);
    if (training.trainableSubset > 0)
        applyRandomSubset(model.network, training.trainableSubset, training.seed);
    if (training.initialisation == Initialisation::SpectralTools)
        model.held = inputEigenvalueAddresses(model.network);
    return model;
}

} // namespace reciprocal
