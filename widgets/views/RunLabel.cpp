#include "widgets/views/RunLabel.h"

#include "widgets/QtText.h"

namespace reciprocal::widgets {

QString runLabel(const TrainingSnapshot& s)
{
    return QStringLiteral("%1 %2 %3, %4, %5 %6")
        .arg(QString::fromStdString(s.datasetName), QString::fromStdString(s.architecture.widthsText()),
             qt(layerKindName(s.architecture.layerKind)),
             s.trainedGroups.empty() ? qt(trainModeName(s.trainMode)) : QString::fromStdString(s.trainedGroups),
             qt(optimizerName(s.optimizer.kind)))
        .arg(s.optimizer.learningRate, 0, 'g', 3);
}

} // namespace reciprocal::widgets
