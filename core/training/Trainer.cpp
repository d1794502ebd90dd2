#include "core/training/Trainer.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/data/Dataset.h"
#include "core/math/ParallelColumns.h"
#include "core/training/Evaluation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace reciprocal {

Trainer::Trainer(Model& model, const Dataset& train)
    : m_model(model)
    , m_train(train)
    , m_batchCount(0)
{
    checkCompatible(model.network.architecture(), train, "the training set");
    if (train.sampleCount() == 0)
        throw InputError("the training set is empty");
    const int batchSize = model.training.batchSize;
    m_batchCount = (train.sampleCount() + batchSize - 1) / batchSize;
    m_order.resize(static_cast<std::size_t>(train.sampleCount()));
    if (model.training.sparsity > 0.0)
        m_sparsity.emplace(model.training.sparsity, model.training.sparseMasks);
}

void Trainer::beginEpoch()
{
    m_lastGood = m_model;
    std::iota(m_order.begin(), m_order.end(), 0);
    m_model.random.shuffle(m_order);
    m_inProgress = true;
    m_nextBatch = 0;
    m_lossSum = 0.0;
    m_correct = 0;
    m_trainingSeconds = 0.0;
    m_profile = {};
    const auto layers = static_cast<std::size_t>(m_model.network.layerCount());
    m_sparsityTotals = {{}, std::vector<double>(layers, 0.0), std::vector<double>(layers, 0.0), {}};
}

BatchProgress Trainer::trainBatch()
{
    if (!m_inProgress || epochComplete())
        beginEpoch();
    const auto started = std::chrono::steady_clock::now();
    const int batchSize = m_model.training.batchSize;
    const int begin = m_nextBatch * batchSize;
    const int count = std::min(batchSize, m_train.sampleCount() - begin);
    m_batch.resize(m_train.featureCount(), count);
    m_batchLabels.resize(static_cast<std::size_t>(count));
    // The shuffled columns come from all over the training set, so the copy waits on memory; the
    // threads wait together once a part is worth a task (64 KB).
    const long columnsPerPart =
        std::max(1L, 65536L / (static_cast<long>(m_train.featureCount()) * static_cast<long>(sizeof(float))));
    forEachPart(count, columnsPerPart, [&](int, long first, long last) {
        for (long i = first; i < last; ++i) {
            const int sample = m_order[static_cast<std::size_t>(begin + i)];
            m_batch.col(i) = m_train.features.col(sample);
            m_batchLabels[static_cast<std::size_t>(i)] = m_train.labels[static_cast<std::size_t>(sample)];
        }
    });
    if (m_sparsity) {
        m_sparsity->update(m_model.network);
        const auto& statistics = m_sparsity->statistics();
        for (std::size_t k = 0; k < statistics.size(); ++k) {
            m_sparsityTotals.maskedChangedPerStep[k] += static_cast<double>(statistics[k].maskedChanged);
            m_sparsityTotals.previouslyMaskedPerStep[k] += static_cast<double>(statistics[k].previouslyMasked);
        }
    }
    const auto gathered = std::chrono::steady_clock::now();
    const auto result = m_model.network.forwardBackward(m_batch, m_batchLabels.data());
    if (m_model.training.regularisation.any())
        addRegularisationGradient(m_model.network, m_model.training.regularisation);
    const auto differentiated = std::chrono::steady_clock::now();
    const int epoch = m_model.epoch + 1;
    if (!std::isfinite(result.loss) || result.loss > explodedLoss)
        rollBack(epoch, m_nextBatch + 1, result.loss);
    if (m_model.held.empty()) {
        m_model.optimizer.update(m_model.network);
    } else {
        const std::vector<ParameterEdit> held = heldValues(m_model.network, m_model.held);
        m_model.optimizer.update(m_model.network);
        applyParameterEdits(m_model.network, held);
    }
    const auto updated = std::chrono::steady_clock::now();
    m_lossSum += result.loss * count;
    m_correct += result.correct;
    ++m_nextBatch;
    const auto seconds = [](auto from, auto to) { return std::chrono::duration<double>(to - from).count(); };
    const auto finished = std::chrono::steady_clock::now();
    m_trainingSeconds += seconds(started, finished);
    m_profile.gradientSeconds += seconds(gathered, differentiated);
    m_profile.optimizerSeconds += seconds(differentiated, updated);
    m_profile.otherSeconds += seconds(started, gathered) + seconds(updated, finished);
    return {epoch, m_nextBatch, m_batchCount, result.loss};
}

EpochRecord Trainer::finishEpoch()
{
    // The epoch's last update is checked by no later batch: a blow-up there once ended a run
    // "successfully" with a NaN network. The last batch once more, on the final weights, decides
    // whether they are a state worth keeping (and the next epoch's rollback point).
    if (m_batch.cols() > 0) {
        const double loss = m_model.network.evaluate(m_batch, m_batchLabels.data()).loss;
        if (!std::isfinite(loss) || loss > explodedLoss)
            rollBack(m_model.epoch + 1, m_batchCount, loss);
    }
    EpochRecord record;
    record.epoch = ++m_model.epoch;
    const double samples = m_train.sampleCount();
    record.trainLoss = m_lossSum / samples;
    record.trainAccuracy = static_cast<double>(m_correct) / samples;
    record.seconds = m_trainingSeconds;
    record.samplesPerSecond = m_trainingSeconds > 0 ? samples / m_trainingSeconds : 0.0;
    m_inProgress = false;
    // m_lastGood stays: the next epoch's copy goes into its storage (Network::operator=).
    m_lastProfile = m_profile;
    if (m_sparsity) {
        // Masks from the final weights, so evaluation and saved models see what the next step would.
        m_sparsity->update(m_model.network, false);
        m_lastSparsity = m_sparsityTotals;
        m_lastSparsity.turnover = m_sparsity->closeEpoch();
        for (std::size_t k = 0; k < m_sparsity->statistics().size(); ++k) {
            m_lastSparsity.zeroFraction.push_back(m_sparsity->statistics()[k].zeroFraction);
            m_lastSparsity.maskedChangedPerStep[k] /= m_batchCount;
            m_lastSparsity.previouslyMaskedPerStep[k] /= m_batchCount;
        }
    }
    m_model.history.push_back(record);
    return record;
}

void Trainer::rollBack(int epoch, int batch, double loss)
{
    m_model = std::move(*m_lastGood);
    m_lastGood.reset();
    m_inProgress = false;
    throw DivergenceError("training diverged in epoch " + std::to_string(epoch) + ", batch " + std::to_string(batch) +
                          " (loss is " + formatNumber(loss, 3) + "); restored the state after epoch " +
                          std::to_string(epoch - 1) + " - try a lower learning rate");
}

std::optional<EpochRecord> Trainer::trainEpoch(const BatchObserver& observer)
{
    do {
        const BatchProgress progress = trainBatch();
        if (observer && !observer(progress) && !epochComplete())
            return std::nullopt;
    } while (!epochComplete());
    return finishEpoch();
}

void recordEvaluation(EpochRecord& record, Network<float>& network, const DataSplit& data)
{
    if (data.validation.sampleCount() > 0) {
        const Evaluation validation = evaluate(network, data.validation);
        record.validationLoss = validation.loss;
        record.validationAccuracy = validation.accuracy;
    }
    if (data.test.sampleCount() > 0) {
        const Evaluation test = evaluate(network, data.test);
        record.testLoss = test.loss;
        record.testAccuracy = test.accuracy;
    }
}

std::optional<EpochRecord> trainAndEvaluateEpoch(Trainer& trainer, Model& model, const DataSplit& data,
                                                 const Trainer::BatchObserver& observer)
{
    if (!trainer.trainEpoch(observer))
        return std::nullopt;
    recordEvaluation(model.history.back(), model.network, data);
    return model.history.back();
}

} // namespace reciprocal
