#include "widgets/views/RunLabel.h"

#include "widgets/QtText.h"

namespace reciprocal::widgets {

namespace {

QString trained(const TrainingSnapshot& s)
{
    return s.trainedGroups.empty() ? qt(trainModeName(s.trainMode)) : QString::fromStdString(s.trainedGroups);
}

} // namespace

QString runLabel(const TrainingSnapshot& s)
{
    return QStringLiteral("%1 %2 %3, %4, %5 %6")
        .arg(QString::fromStdString(s.datasetName), QString::fromStdString(s.architecture.widthsText()),
             qt(layerKindName(s.architecture.layerKind)), trained(s), qt(optimizerName(s.optimizer.kind)))
        .arg(s.optimizer.learningRate, 0, 'g', 3);
}

QString shortRunLabel(const TrainingSnapshot& s)
{
    return QStringLiteral("%1, %2").arg(QString::fromStdString(s.datasetName), trained(s));
}

} // namespace reciprocal::widgets
