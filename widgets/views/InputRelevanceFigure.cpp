#include "widgets/views/InputRelevanceFigure.h"

#include "widgets/charts/ChartExport.h"
#include "widgets/views/InputEigenvalueMap.h"

#include <QHBoxLayout>
#include <QWidget>

namespace reciprocal::widgets {

void saveInputRelevanceFigure(const InputRelevance& relevance, const QString& path)
{
    QWidget figure;
    figure.setAttribute(Qt::WA_DontShowOnScreen);
    auto* layout = new QHBoxLayout(&figure);
    auto* ranking = new InputEigenvalueMap(&figure);
    ranking->setEigenvalues(relevance.scores, relevance.sampleShape);
    ranking->setHeading(QObject::tr("Input relevance: %1").arg(relevance.scoreName));
    auto* kept = new InputEigenvalueMap(&figure);
    kept->setEigenvalues(relevance.scores, relevance.sampleShape);
    kept->setKeptInputs(relevance.kept);
    kept->setHeading(QObject::tr("Kept after silencing %1 % (grey)")
                         .arg(QString::number(100.0 * relevance.removedFraction, 'f', 1)));
    layout->addWidget(ranking);
    layout->addWidget(kept);
    figure.resize(960, 540);
    figure.show(); // lays the maps out; never on screen
    saveWidgetImage(figure, path, QObject::tr("Input relevance"));
}

} // namespace reciprocal::widgets
