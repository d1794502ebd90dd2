#include "widgets/session/SessionLog.h"

#include "core/Error.h"

namespace reciprocal::widgets {

void SessionLog::start(const SessionSettings& settings)
{
    m_settings = settings;
    m_steps.clear();
}

void SessionLog::forget()
{
    m_settings.reset();
    m_steps.clear();
}

void SessionLog::recordEpoch(TrainMode mode, const OptimizerSettings& optimizer)
{
    if (!m_settings)
        return;
    if (!m_steps.empty() && m_steps.back().kind == ExperimentStep::Kind::Train) {
        TrainStep& last = m_steps.back().train;
        if (last.mode == mode && last.optimizer == optimizer) {
            ++last.epochs;
            return;
        }
    }
    ExperimentStep step;
    step.kind = ExperimentStep::Kind::Train;
    step.train = TrainStep{1, mode, optimizer};
    m_steps.push_back(step);
}

void SessionLog::recordPruning(const PruningRequest& request)
{
    if (!m_settings)
        return;
    ExperimentStep step;
    step.kind = ExperimentStep::Kind::Prune;
    step.prune = PruneStep::committing(request);
    m_steps.push_back(step);
}

void SessionLog::truncate(std::size_t size)
{
    if (size < m_steps.size())
        m_steps.resize(size);
}

ExperimentSpec SessionLog::experiment(const std::string& id, const std::string& title) const
{
    if (!m_settings)
        throw InputError("this session was opened from a model file; only sessions set up here can be replayed");
    ExperimentRun run;
    run.name = "session";
    run.dataset = m_settings->dataset;
    run.architecture = m_settings->architecture;
    run.training = m_settings->training;
    run.steps = m_steps;
    // A run starts by creating its model with a train step; a session pruned before training starts
    // with zero epochs.
    if (run.steps.empty() || run.steps.front().kind != ExperimentStep::Kind::Train) {
        ExperimentStep start;
        start.kind = ExperimentStep::Kind::Train;
        start.train = TrainStep{0, m_settings->mode, m_settings->optimizer};
        run.steps.insert(run.steps.begin(), start);
    }
    ExperimentSpec spec;
    spec.id = id;
    spec.title = title;
    spec.description = "Recorded by the Reciprocal application: the session's training and committed pruning "
                       "steps, replayed in order.";
    spec.seeds = {m_settings->training.seed};
    spec.quick.seeds = spec.seeds;
    spec.runs.push_back(run);
    return spec;
}

} // namespace reciprocal::widgets
