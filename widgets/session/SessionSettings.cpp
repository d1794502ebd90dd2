#include "widgets/session/SessionSettings.h"

#include "core/Error.h"

#include <algorithm>

namespace reciprocal::widgets {

SessionSettings sessionSettingsOf(const ExperimentSpec& spec)
{
    if (spec.runs.empty())
        throw InputError("experiment '" + spec.id + "' has no run to replay");
    const ExperimentRun& run = spec.runs.front();
    SessionSettings settings;
    settings.dataset = run.dataset;
    settings.architecture = run.architecture;
    settings.training = run.training;
    settings.training.seed = spec.seeds.front();
    const TrainStep& first = run.steps.front().train;
    settings.mode = first.mode;
    settings.optimizer = first.optimizer;
    settings.epochs = std::max(1, first.epochs);
    return settings;
}

} // namespace reciprocal::widgets
