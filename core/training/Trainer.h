#pragma once

#include "core/data/Dataset.h"
#include "core/training/DynamicSparsity.h"
#include "core/training/Model.h"

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace reciprocal {

// Where an epoch's training time went (the benchmark's profile).
struct EpochProfile {
    double gradientSeconds = 0.0;  // forward and backward passes
    double optimizerSeconds = 0.0; // parameter updates, including recomposing W
    double otherSeconds = 0.0;     // gathering batches and bookkeeping
};

// Dynamic sparse training over the last finished epoch.
struct SparsityReport {
    std::vector<double> zeroFraction;             // per layer, after the epoch
    std::vector<double> maskedChangedPerStep;     // per layer: masked weights that changed, mean per step
    std::vector<double> previouslyMaskedPerStep;  // per layer: masked weights, mean per step
    std::vector<double> turnover;                 // per layer: kept connections dropped since the last epoch
};

struct BatchProgress {
    int epoch = 0; // 1-based, the epoch being trained
    int batch = 0; // 1-based
    int batchCount = 0;
    double loss = 0.0; // this batch's mean loss
};

// Runs mini-batch training of a model on a training set: each epoch shuffles the sample order with
// the model's random stream, then steps the optimizer once per batch. Works one batch at a time so
// a GUI can step, pause and cancel; trainEpoch() is the plain loop.
//
// Divergence: a batch loss that is NaN, infinite or above explodedLoss restores the model to its
// state at the start of the epoch (the last good state) and throws DivergenceError. A saturating
// network (tanh) under a huge learning rate keeps its loss finite but astronomically large, so
// NaN alone would miss it; a mean cross-entropy of 1e6 means the true class gets probability
// e^-1000000, which no useful run passes through. finishEpoch() checks the final weights on the
// last batch again, so an epoch ends, and its state becomes the next rollback point, only with a
// finite loss below that bound: a blow-up in the last step is a divergence too.
class Trainer {
public:
    static constexpr double explodedLoss = 1e6;

    // Return false to stop after the current batch.
    using BatchObserver = std::function<bool(const BatchProgress&)>;

    // Throws InputError if the model's architecture does not fit the data set. Both must outlive
    // the trainer.
    Trainer(Model& model, const Dataset& train);

    // A whole epoch. Returns std::nullopt if the observer stopped it early; the model then holds
    // the partially trained state and epochInProgress() stays true.
    std::optional<EpochRecord> trainEpoch(const BatchObserver& observer = {});

    bool epochInProgress() const { return m_inProgress; }
    // Train the next batch, starting an epoch if none is in progress. Returns the batch's progress;
    // an epoch whose last batch was trained is completed by finishEpoch().
    BatchProgress trainBatch();
    bool epochComplete() const { return m_inProgress && m_nextBatch == m_batchCount; }
    int batchesDone() const { return m_inProgress ? m_nextBatch : 0; }
    // Close the epoch: count it, append its record to the model's history and return it.
    EpochRecord finishEpoch();
    // The profile of the last finished epoch.
    const EpochProfile& lastEpochProfile() const { return m_lastProfile; }
    // Empty unless the model trains sparse.
    const SparsityReport& lastSparsityReport() const { return m_lastSparsity; }

private:
    // Restores the state at the start of the epoch and throws DivergenceError naming the batch.
    [[noreturn]] void rollBack(int epoch, int batch, double loss);
    void beginEpoch();

    Model& m_model;
    const Dataset& m_train;
    int m_batchCount;
    std::vector<int> m_order;   // sample indices in this epoch's order
    Matrix<float> m_batch;      // features x B, the gathered batch
    std::vector<std::int32_t> m_batchLabels;
    std::optional<Model> m_lastGood; // the model as the epoch began
    bool m_inProgress = false;
    int m_nextBatch = 0;
    double m_lossSum = 0.0;
    long long m_correct = 0;
    std::chrono::steady_clock::time_point m_started;
    double m_trainingSeconds = 0.0;
    EpochProfile m_profile;
    EpochProfile m_lastProfile;
    std::optional<DynamicSparsity> m_sparsity;
    SparsityReport m_sparsityTotals; // sums over this epoch's steps
    SparsityReport m_lastSparsity;
};

struct DataSplit;

// Adds the validation and test figures to an epoch's record (for the sets that are not empty).
void recordEvaluation(EpochRecord& record, Network<float>& network, const DataSplit& data);

// One epoch of training, then the model's record of it gains the validation and test figures.
// Returns std::nullopt if the observer stopped the epoch early.
std::optional<EpochRecord> trainAndEvaluateEpoch(Trainer& trainer, Model& model, const DataSplit& data,
                                                 const Trainer::BatchObserver& observer = {});

} // namespace reciprocal
