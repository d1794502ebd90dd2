#include "widgets/session/SessionLog.h"

namespace reciprocal::widgets {

void SessionLog::start(const SessionSettings& settings, const std::string& startModel)
{
    m_settings = settings;
    m_startModel = startModel;
    m_steps.clear();
}

void SessionLog::recordEpoch(TrainMode mode, const OptimizerSettings& optimizer)
{
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
    ExperimentStep step;
    step.kind = ExperimentStep::Kind::Prune;
    step.prune = PruneStep::committing(request);
    m_steps.push_back(step);
}

void SessionLog::recordEdit(const ParameterEdit& edit)
{
    if (m_steps.empty() || m_steps.back().kind != ExperimentStep::Kind::Set) {
        ExperimentStep step;
        step.kind = ExperimentStep::Kind::Set;
        m_steps.push_back(step);
    }
    std::vector<ParameterEdit>& edits = m_steps.back().edits;
    if (!edits.empty() && edits.back().address() == edit.address())
        edits.back().value = edit.value;
    else
        edits.push_back(edit);
}

void SessionLog::recordHold(const HeldParameters& held)
{
    if (m_steps.empty() || m_steps.back().kind != ExperimentStep::Kind::Hold) {
        ExperimentStep step;
        step.kind = ExperimentStep::Kind::Hold;
        m_steps.push_back(step);
    }
    m_steps.back().held = held;
}

std::string SessionLog::trainedGroups() const
{
    std::vector<std::pair<TrainMode, int>> runs; // consecutive epochs of one group, whatever the optimiser
    for (const ExperimentStep& step : m_steps) {
        if (step.kind != ExperimentStep::Kind::Train || step.train.epochs == 0)
            continue;
        if (!runs.empty() && runs.back().first == step.train.mode)
            runs.back().second += step.train.epochs;
        else
            runs.emplace_back(step.train.mode, step.train.epochs);
    }
    std::string text;
    for (const auto& [mode, epochs] : runs) {
        if (!text.empty())
            text += ", ";
        text += std::string(trainModeName(mode)) + " " + std::to_string(epochs) + (epochs == 1 ? " epoch" : " epochs");
    }
    return text;
}

ExperimentSpec SessionLog::experiment(const std::string& id, const std::string& title) const
{
    ExperimentRun run;
    run.name = "session";
    run.dataset = m_settings.dataset;
    run.startModel = m_startModel;
    run.architecture = m_settings.architecture;
    run.training = m_settings.training;
    run.steps = m_steps;
    // A run starts with a train step (which creates the model); a session pruned before training
    // starts with zero epochs.
    if (run.steps.empty() || run.steps.front().kind != ExperimentStep::Kind::Train) {
        ExperimentStep start;
        start.kind = ExperimentStep::Kind::Train;
        start.train = TrainStep{0, m_settings.mode, m_settings.optimizer};
        run.steps.insert(run.steps.begin(), start);
    }
    ExperimentSpec spec;
    spec.id = id;
    spec.title = title;
    spec.description = "Recorded by the Reciprocal application: the session's training, committed pruning, knob "
                       "and freeze steps, replayed in order.";
    spec.seeds = {m_settings.training.seed};
    spec.quick.seeds = spec.seeds;
    spec.runs.push_back(run);
    return spec;
}

} // namespace reciprocal::widgets
