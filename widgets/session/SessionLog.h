#pragma once

#include "widgets/session/SessionSettings.h"

#include "core/experiments/ExperimentSpec.h"
#include "core/pruning/ModelPruning.h"

#include <optional>

namespace reciprocal::widgets {

// What a session did, as experiment steps: whole epochs of training (merged while the trained group
// and optimiser stay the same) and committed prunings. Saved as an experiment file, it replays the
// session headless with `reciprocal experiment` (whole epochs only: a partly trained epoch is not
// recorded). Sessions opened from a model file have no start to replay from.
class SessionLog {
public:
    void start(const SessionSettings& settings);
    void forget();
    bool isReplayable() const { return m_settings.has_value(); }

    void recordEpoch(TrainMode mode, const OptimizerSettings& optimizer);
    void recordPruning(const PruningRequest& request);
    std::size_t size() const { return m_steps.size(); }
    // Drop every step from `size` on (undoing a pruning undoes what followed it).
    void truncate(std::size_t size);

    // The experiment that replays the session (one run, one seed: the session's). Throws InputError if
    // the session is not replayable or has not trained yet.
    ExperimentSpec experiment(const std::string& id, const std::string& title) const;

private:
    std::optional<SessionSettings> m_settings;
    std::vector<ExperimentStep> m_steps;
};

} // namespace reciprocal::widgets
