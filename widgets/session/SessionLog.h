#pragma once

#include "widgets/session/SessionSettings.h"

#include "core/experiments/ExperimentSpec.h"
#include "core/pruning/ModelPruning.h"

namespace reciprocal::widgets {

// What a session did, as experiment steps, recorded by the worker as it happens: whole epochs of
// training (merged while the trained group and optimiser stay the same), committed prunings, knob
// edits and freezes.
// Saved as an experiment file, it replays the session headless with `reciprocal experiment` (whole
// epochs only: a partly trained epoch is not recorded). A session opened from a model file replays
// from that file.
class SessionLog {
public:
    void start(const SessionSettings& settings, const std::string& startModel = {});

    void recordEpoch(TrainMode mode, const OptimizerSettings& optimizer);
    void recordPruning(const PruningRequest& request);
    // A knob turned by hand; consecutive edits of one knob keep only the last value.
    void recordEdit(const ParameterEdit& edit);
    // The parameters training now leaves alone, all of them; consecutive changes keep the last list.
    void recordHold(const HeldParameters& held);
    const std::vector<ExperimentStep>& steps() const { return m_steps; }
    // What the session trained, in order: "eigenvalues 100 epochs, full 40 epochs" (empty before the
    // first whole epoch).
    std::string trainedGroups() const;

    // The experiment that replays the session: one run, one seed (the session's).
    ExperimentSpec experiment(const std::string& id, const std::string& title) const;

private:
    SessionSettings m_settings;
    std::string m_startModel;
    std::vector<ExperimentStep> m_steps;
};

} // namespace reciprocal::widgets
