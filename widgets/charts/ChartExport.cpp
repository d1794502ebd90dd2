#include "widgets/charts/ChartExport.h"

#include "core/Error.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace reciprocal::widgets {

namespace {

[[noreturn]] void cannotWrite(const QString& path, const QString& reason)
{
    throw InputError("cannot write '" + path.toStdString() + "': " + reason.toStdString());
}

void openForWriting(QSaveFile& file)
{
    if (!file.open(QIODevice::WriteOnly))
        cannotWrite(file.fileName(), file.errorString());
}

void commit(QSaveFile& file, bool written)
{
    if (!written || !file.commit())
        cannotWrite(file.fileName(), file.errorString());
}

} // namespace

void saveWidgetImage(QWidget& widget, const QString& path, const QString& title)
{
    const bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
    if (!svg && !path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        cannotWrite(path, QStringLiteral("the file name must end in .png or .svg"));
    QSaveFile file(path);
    openForWriting(file);
    bool written = true;
    if (svg) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(widget.size());
        generator.setViewBox(QRect(QPoint(0, 0), widget.size()));
        generator.setTitle(title);
        QPainter painter(&generator);
        widget.render(&painter);
    } else {
        written = widget.grab().save(&file, "PNG");
    }
    commit(file, written);
}

void saveChart(QChart* chart, const QString& path, const QSize& size)
{
    // The caller keeps its chart, even when saving throws: the view must not delete it, and a chart
    // shown on screen goes back to its scene where it was.
    QGraphicsScene* const scene = chart->scene();
    const QRectF geometry = chart->geometry();
    QChartView view(chart);
    struct GiveBack {
        QChartView& view;
        QChart* chart;
        QGraphicsScene* scene;
        QRectF geometry;
        ~GiveBack()
        {
            view.setChart(new QChart);
            if (scene) {
                scene->addItem(chart);
                chart->setGeometry(geometry);
            }
        }
    } giveBack{view, chart, scene, geometry};
    view.setRenderHint(QPainter::Antialiasing);
    view.resize(size);
    saveWidgetImage(view, path, chart->title());
}

void saveText(const QString& text, const QString& path)
{
    QSaveFile file(path);
    openForWriting(file);
    const QByteArray bytes = text.toUtf8();
    commit(file, file.write(bytes) == bytes.size());
}

} // namespace reciprocal::widgets
