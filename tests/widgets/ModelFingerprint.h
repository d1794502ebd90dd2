#pragma once

// Exact comparison of models: everything that defines where training continues from.
#include "widgets/session/TrainingController.h"
#include "widgets/session/TrainingWorker.h"

#include <QSignalSpy>

#include <vector>

namespace reciprocal::widgets::testing {

// Parameters, optimizer moments, the history's accuracies and the epoch, flattened.
inline std::vector<double> fingerprint(const ModelPtr& model)
{
    std::vector<double> values;
    for (int k = 0; k < model->network.layerCount(); ++k)
        for (const auto& parameter : model->network.layer(k).parameterValues())
            values.insert(values.end(), parameter.value->data(), parameter.value->data() + parameter.value->size());
    for (const auto& moment : model->optimizer.state().first)
        values.insert(values.end(), moment.data(), moment.data() + moment.size());
    for (const auto& moment : model->optimizer.state().second)
        values.insert(values.end(), moment.data(), moment.data() + moment.size());
    for (const auto& record : model->history)
        values.push_back(record.testAccuracy);
    values.push_back(model->epoch);
    return values;
}

// A copy of the worker's session (model and log), or null when the worker does not answer within
// ten seconds.
inline SessionPointPtr copySession(TrainingController& controller)
{
    QSignalSpy copied(&controller, &TrainingController::sessionCopied);
    controller.send(&TrainingWorker::copySession);
    return copied.wait(10000) ? copied.at(0).at(0).value<SessionPointPtr>() : nullptr;
}

// A copy of the worker's model, or null when the worker does not answer.
inline ModelPtr copyModel(TrainingController& controller)
{
    const SessionPointPtr session = copySession(controller);
    return session ? ModelPtr(session, &session->model) : nullptr;
}

} // namespace reciprocal::widgets::testing
