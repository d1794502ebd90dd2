#include "widgets/views/RunLabel.h"

namespace reciprocal::widgets {

namespace {

QString text(std::string_view view) { return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size())); }

} // namespace

QString runLabel(const TrainingSnapshot& s)
{
    return QStringLiteral("%1 %2 %3, %4, %5 %6")
        .arg(QString::fromStdString(s.datasetName), QString::fromStdString(s.architecture.widthsText()),
             text(layerKindName(s.architecture.layerKind)),
             s.trainedGroups.empty() ? text(trainModeName(s.trainMode)) : QString::fromStdString(s.trainedGroups),
             text(optimizerName(s.optimizer.kind)))
        .arg(s.optimizer.learningRate, 0, 'g', 3);
}

} // namespace reciprocal::widgets
