#include "core/experiments/ExperimentRunner.h"

#include "core/experiments/SummaryCsv.h"

#include "core/Format.h"
#include "core/data/DatasetLoader.h"
#include "core/io/AvailableMemory.h"
#include "core/io/CsvText.h"
#include "core/io/ModelFile.h"
#include "core/pruning/Sweep.h"
#include "core/training/Evaluation.h"
#include "core/training/Trainer.h"

#include <cmath>
#include <limits>
#include <list>
#include <map>
#include <numeric>
#include <optional>

namespace reciprocal {

namespace {

// The data sets of an experiment's runs, loaded once each while they fit in a quarter of the
// memory there is; beyond, the least recently used is dropped and loaded again when a run needs
// it (16 runs on differently split Fashion-MNIST once held 16 copies, 3.4 GB). A reference from
// load() stays valid until the next load().
class LoadedDatasets {
public:
    const DataSplit& load(const DatasetSpec& spec, const ExperimentProgress& progress)
    {
        for (auto entry = m_loaded.begin(); entry != m_loaded.end(); ++entry)
            if (entry->first == spec) {
                m_loaded.splice(m_loaded.end(), m_loaded, entry); // most recently used last
                return m_loaded.back().second;
            }
        if (progress)
            progress("loading " + spec.name + " ...");
        DataSplit split = loadDataset(spec);
        while (!m_loaded.empty() && bytesHeld() + bytesOf(split) > m_budget)
            m_loaded.pop_front();
        return m_loaded.emplace_back(spec, std::move(split)).second;
    }

private:
    static double bytesOf(const DataSplit& split)
    {
        double bytes = 0.0;
        for (const Dataset* set : {&split.train, &split.validation, &split.test})
            bytes += static_cast<double>(set->features.size()) * sizeof(float) +
                     static_cast<double>(set->labels.size()) * sizeof(std::int32_t);
        return bytes;
    }
    double bytesHeld() const
    {
        double bytes = 0.0;
        for (const auto& entry : m_loaded)
            bytes += bytesOf(entry.second);
        return bytes;
    }

    double m_budget = availableMemory().value_or(std::numeric_limits<double>::infinity()) / 4;
    std::list<std::pair<DatasetSpec, DataSplit>> m_loaded; // least recently used first
};

int hiddenNodes(const Network<float>& network)
{
    const auto counts = network.activeHiddenNodeCounts();
    return std::accumulate(counts.begin(), counts.end(), 0);
}

ExperimentRow baseRow(const ExperimentRun& run, std::uint64_t seed, int step, const char* kind, const Model& model)
{
    ExperimentRow row;
    row.run = run.name;
    row.seed = seed;
    row.step = step;
    row.kind = kind;
    row.epochs = model.epoch;
    row.hiddenNodes = hiddenNodes(model.network);
    row.parameters = model.network.totalParameterCount();
    row.trainableParameters = model.network.trainableParameterCount();
    return row;
}

double meanOf(const std::vector<double>& values)
{
    return values.empty() ? std::numeric_limits<double>::quiet_NaN()
                          : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// Sparse training over a train step: the zeros after its last epoch and the mask turnover of its
// epochs (each the mean over layers), both means over layers; NaN when the model is dense.
struct SparseTrainingSummary {
    double zeroFraction = std::numeric_limits<double>::quiet_NaN();
    double turnover = std::numeric_limits<double>::quiet_NaN();
};

SparseTrainingSummary trainEpochs(Model& model, const DataSplit& data, int epochs, double& seconds)
{
    Trainer trainer(model, data.train);
    std::vector<double> turnovers;
    SparseTrainingSummary sparse;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        seconds += trainAndEvaluateEpoch(trainer, model, data)->seconds;
        if (model.training.sparsity > 0.0) {
            turnovers.push_back(meanOf(trainer.lastSparsityReport().turnover));
            sparse.zeroFraction = meanOf(trainer.lastSparsityReport().zeroFraction);
        }
    }
    sparse.turnover = meanOf(turnovers);
    return sparse;
}

class RunExecutor {
public:
    RunExecutor(const ExperimentRun& run, std::uint64_t seed, const DataSplit& data, std::vector<ExperimentRow>& rows,
                const ExperimentProgress& progress)
        : m_run(run)
        , m_seed(seed)
        , m_data(data)
        , m_rows(rows)
        , m_progress(progress)
    {
    }

    void execute()
    {
        if (!m_run.startModel.empty())
            m_model = loadModel(m_run.startModel);
        for (std::size_t i = 0; i < m_run.steps.size(); ++i) {
            const ExperimentStep& step = m_run.steps[i];
            m_step = static_cast<int>(i);
            switch (step.kind) {
            case ExperimentStep::Kind::Train:
                train(step.train);
                break;
            case ExperimentStep::Kind::Sweep:
                sweep(step.sweep);
                break;
            case ExperimentStep::Kind::Prune:
                prune(step.prune);
                break;
            case ExperimentStep::Kind::Set:
                set(step.edits);
                break;
            case ExperimentStep::Kind::Hold:
                m_model->held = checkedHeldParameters(m_model->network, step.held);
                say("holding " + std::to_string(step.held.size()) + " node parameter(s) against training");
                break;
            }
        }
    }

private:
    void say(const std::string& text)
    {
        if (m_progress)
            m_progress(m_run.name + " (seed " + std::to_string(m_seed) + "): " + text);
    }

    void train(const TrainStep& step)
    {
        if (!m_model) {
            TrainingSettings settings = m_run.training;
            settings.seed = m_seed;
            m_model = Model::create(m_run.architecture, step.mode, settings, m_data.name, step.optimizer);
        } else {
            m_model->network.setTrainMode(step.mode);
            m_model->optimizer.setSettings(step.optimizer);
        }
        double seconds = 0.0;
        const SparseTrainingSummary sparse = trainEpochs(*m_model, m_data, step.epochs, seconds);
        ExperimentRow row = baseRow(m_run, m_seed, m_step, "train", *m_model);
        const Evaluation test = evaluate(m_model->network, m_data.test);
        row.testAccuracy = test.accuracy;
        row.testLoss = test.loss;
        row.seconds = seconds;
        row.zeroFraction = sparse.zeroFraction;
        row.maskTurnover = sparse.turnover;
        say(std::string(trainModeName(step.mode)) + " training to epoch " + std::to_string(m_model->epoch) +
            ": test accuracy " + formatFixed(test.accuracy, 4));
        m_rows.push_back(row);
    }

    void set(const std::vector<ParameterEdit>& edits)
    {
        for (const ParameterEdit& edit : edits)
            checkParameterEdit(m_model->network, edit); // all or none
        for (const ParameterEdit& edit : edits)
            applyParameterEdit(m_model->network, edit);
        ExperimentRow row = baseRow(m_run, m_seed, m_step, "set", *m_model);
        const Evaluation test = evaluate(m_model->network, m_data.test);
        row.testAccuracy = test.accuracy;
        row.testLoss = test.loss;
        say("set " + std::to_string(edits.size()) + " node parameter(s): test accuracy " + formatFixed(test.accuracy, 4));
        m_rows.push_back(row);
    }

    void sweep(const SweepStep& step)
    {
        for (const PruningCriterion criterion : step.criteria)
            for (const double fraction : step.fractions) {
                PruningRequest request;
                request.criterion = criterion;
                request.fraction = fraction;
                request.perLayer = step.perLayer;
                request.inputs = step.inputs;
                request.seed = m_seed;
                const SweepPoint point = sweepPoint(m_model->network, m_data.test, request, step.repeats);
                ExperimentRow row = baseRow(m_run, m_seed, m_step, "sweep", *m_model);
                row.criterion = pruningCriterionName(criterion);
                row.fraction = fraction;
                row.testAccuracy = point.accuracy;
                row.accuracySpread = point.accuracySpread;
                row.testLoss = point.loss;
                row.hiddenNodes = point.hiddenNodesKept;
                m_rows.push_back(row);
            }
        say("swept " + std::to_string(step.criteria.size() * step.fractions.size()) + " points");
    }

    void prune(const PruneStep& step)
    {
        if (step.commit) {
            pruneInPlace(step);
            return;
        }
        for (const double fraction : step.fractions) {
            Model pruned = *m_model;
            const PruningRequest request = step.request(fraction, m_seed);
            applyPruning(pruned.network, request);
            const Evaluation after = evaluate(pruned.network, m_data.test);
            ExperimentRow row = baseRow(m_run, m_seed, m_step, "prune", pruned);
            row.criterion = pruningCriterionName(step.criterion);
            row.fraction = fraction;
            row.testAccuracy = after.accuracy;
            row.testLoss = after.loss;
            if (step.retrainEpochs > 0) {
                if (!request.inputs)
                    commitPruning(pruned);
                prepareRetraining(pruned, request, step.retrainMode, step.retrainOptimizer);
                double seconds = 0.0;
                trainEpochs(pruned, m_data, step.retrainEpochs, seconds);
                row.retrainedAccuracy = evaluate(pruned.network, m_data.test).accuracy;
                row.parameters = pruned.network.totalParameterCount();
                row.trainableParameters = pruned.network.trainableParameterCount();
                row.seconds = seconds;
            }
            say("pruned " + formatFixed(100 * fraction, 1) + " %: " + formatFixed(after.accuracy, 4) +
                (step.retrainEpochs > 0 ? ", retrained " + formatFixed(row.retrainedAccuracy, 4) : std::string()));
            m_rows.push_back(row);
        }
    }

    void pruneInPlace(const PruneStep& step)
    {
        const bool handPicked = !step.nodes.empty();
        const double fraction = handPicked || step.threshold ? std::numeric_limits<double>::quiet_NaN()
                                                             : step.fractions.front();
        const PruningOutcome outcome =
            pruneModel(*m_model, step.request(fraction, m_seed));
        const Evaluation after = evaluate(m_model->network, m_data.test);
        ExperimentRow row = baseRow(m_run, m_seed, m_step, "prune", *m_model);
        row.criterion = handPicked ? "hand-picked" : pruningCriterionName(step.criterion);
        row.fraction = step.threshold ? outcome.plan.removedFraction : fraction; // NaN for hand-picked nodes
        row.testAccuracy = after.accuracy;
        row.testLoss = after.loss;
        say((handPicked ? "pruned " + std::to_string(step.nodes.size()) + " hand-picked nodes"
                        : "pruned " + formatFixed(100 * row.fraction, 1) + " %") +
            " in place: " + formatFixed(after.accuracy, 4));
        m_rows.push_back(row);
    }


    const ExperimentRun& m_run;
    std::uint64_t m_seed;
    const DataSplit& m_data;
    std::vector<ExperimentRow>& m_rows;
    const ExperimentProgress& m_progress;
    std::optional<Model> m_model;
    int m_step = 0;
};

std::string csvNumber(double value) { return std::isfinite(value) ? formatNumber(value, 8) : std::string(); }

} // namespace

std::vector<ExperimentUnit> experimentUnits(const ExperimentSpec& spec)
{
    std::vector<ExperimentUnit> units;
    for (const std::uint64_t seed : spec.seeds)
        for (std::size_t run = 0; run < spec.runs.size(); ++run)
            units.push_back({seed, run});
    return units;
}

std::vector<ExperimentRow> runExperimentUnits(const ExperimentSpec& spec, const std::vector<ExperimentUnit>& units,
                                              const ExperimentProgress& progress)
{
    LoadedDatasets datasets;
    std::vector<bool> checked(spec.runs.size(), false);
    for (const ExperimentUnit& unit : units) { // load and check everything before the long part starts
        if (checked.at(unit.run))
            continue;
        checked[unit.run] = true;
        const ExperimentRun& run = spec.runs[unit.run];
        const Architecture architecture =
            run.startModel.empty() ? run.architecture : loadModel(run.startModel).network.architecture();
        checkCompatible(architecture, datasets.load(run.dataset, progress).train,
                        run.dataset.name + " (run '" + run.name + "')");
    }
    std::vector<ExperimentRow> rows;
    for (const ExperimentUnit& unit : units) {
        const ExperimentRun& run = spec.runs[unit.run];
        RunExecutor(run, unit.seed, datasets.load(run.dataset, progress), rows, progress).execute();
    }
    return rows;
}

ExperimentResult experimentResult(const ExperimentSpec& spec, std::vector<ExperimentRow> rows)
{
    ExperimentResult result;
    result.rows = std::move(rows);
    result.summary = summarise(result.rows);
    result.verdicts = evaluateClaims(spec.claims, result.rows, claimReferences(spec));
    return result;
}

ExperimentResult runExperiment(const ExperimentSpec& spec, const ExperimentProgress& progress)
{
    // A reference file that cannot be read stops the experiment before, not after, the long part.
    claimReferences(spec);
    return experimentResult(spec, runExperimentUnits(spec, experimentUnits(spec), progress));
}

std::vector<ExperimentSummary> summarise(const std::vector<ExperimentRow>& rows)
{
    std::vector<ExperimentSummary> summary;
    std::map<std::string, std::vector<const ExperimentRow*>> groups;
    std::vector<std::string> order;
    for (const auto& row : rows) {
        const std::string key = row.run + "|" + std::to_string(row.step) + "|" + row.criterion + "|" +
                                (std::isfinite(row.fraction) ? formatNumber(row.fraction, 10) : "");
        if (!groups.contains(key))
            order.push_back(key);
        groups[key].push_back(&row);
    }
    const auto meanAndSpread = [](const std::vector<double>& values) {
        if (values.empty())
            return std::pair{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
        const double mean = meanOf(values);
        double variance = 0.0;
        for (const double value : values)
            variance += (value - mean) * (value - mean) / static_cast<double>(values.size());
        return std::pair{mean, std::sqrt(variance)};
    };
    for (const auto& key : order) {
        const auto& group = groups[key];
        const ExperimentRow& first = *group.front();
        ExperimentSummary entry{first.run, first.step, first.kind, first.criterion, first.fraction,
                                static_cast<int>(group.size())};
        std::vector<double> accuracies, retrained, nodes, shares;
        for (const ExperimentRow* row : group) {
            accuracies.push_back(row->testAccuracy);
            nodes.push_back(row->hiddenNodes);
            if (std::isfinite(row->retrainedAccuracy))
                retrained.push_back(row->retrainedAccuracy);
            if (std::isfinite(row->maskTurnover))
                shares.push_back(row->maskTurnover);
        }
        std::tie(entry.accuracyMean, entry.accuracySpread) = meanAndSpread(accuracies);
        std::tie(entry.retrainedMean, entry.retrainedSpread) = meanAndSpread(retrained);
        entry.hiddenNodes = meanAndSpread(nodes).first;
        entry.maskTurnover = meanAndSpread(shares).first;
        summary.push_back(entry);
    }
    return summary;
}

std::string rowsCsv(const std::vector<ExperimentRow>& rows)
{
    std::string csv = "run,seed,step,kind,criterion,fraction,epochs,test_accuracy,test_loss,accuracy_spread,"
                      "retrained_accuracy,hidden_nodes,parameters,trainable_parameters,seconds,zero_fraction,"
                      "mask_turnover\n";
    for (const auto& r : rows)
        csv += csvField(r.run) + "," + std::to_string(r.seed) + "," + std::to_string(r.step) + "," + csvField(r.kind) +
               "," + csvField(r.criterion) +
               "," + csvNumber(r.fraction) + "," + std::to_string(r.epochs) + "," + csvNumber(r.testAccuracy) + "," +
               csvNumber(r.testLoss) + "," + csvNumber(r.accuracySpread) + "," + csvNumber(r.retrainedAccuracy) + "," +
               std::to_string(r.hiddenNodes) + "," + std::to_string(r.parameters) + "," +
               std::to_string(r.trainableParameters) + "," + csvNumber(r.seconds) + "," +
               csvNumber(r.zeroFraction) + "," + csvNumber(r.maskTurnover) + "\n";
    return csv;
}

std::string summaryCsv(const std::vector<ExperimentSummary>& summary)
{
    std::string csv = "run,step,kind,criterion,fraction,seeds,accuracy_mean,accuracy_sd,retrained_mean,retrained_sd,"
                      "hidden_nodes,mask_turnover\n";
    for (const auto& s : summary)
        csv += csvField(s.run) + "," + std::to_string(s.step) + "," + csvField(s.kind) + "," + csvField(s.criterion) +
               "," + csvNumber(s.fraction) +
               "," + std::to_string(s.seeds) + "," + csvNumber(s.accuracyMean) + "," + csvNumber(s.accuracySpread) +
               "," + csvNumber(s.retrainedMean) + "," + csvNumber(s.retrainedSpread) + "," + csvNumber(s.hiddenNodes) +
               "," + csvNumber(s.maskTurnover) + "\n";
    return csv;
}

} // namespace reciprocal
