#include "widgets/charts/ChartExport.h"

#include "core/Error.h"

#include <QChart>
#include <QChartView>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace reciprocal::widgets {

void saveChart(QChart* chart, const QString& path, const QSize& size)
{
    const bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
    if (!svg && !path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        throw InputError("cannot write '" + path.toStdString() + "': the file name must end in .png or .svg");
    QChartView view(chart);
    view.setRenderHint(QPainter::Antialiasing);
    view.resize(size);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw InputError("cannot write '" + path.toStdString() + "': " + file.errorString().toStdString());
    bool written = true;
    if (svg) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(chart->title());
        QPainter painter(&generator);
        view.render(&painter);
    } else {
        written = view.grab().save(&file, "PNG");
    }
    if (!written || !file.commit())
        throw InputError("cannot write '" + path.toStdString() + "': " + file.errorString().toStdString());
    view.setChart(new QChart); // the caller keeps its chart
}

} // namespace reciprocal::widgets
