#include "widgets/views/SpectrumChartView.h"

#include <QAbstractSeries>
#include <QChart>
#include <QEvent>
#include <QFontMetrics>
#include <QLegend>
#include <QLegendMarker>
#include <QValueAxis>

#include <algorithm>

namespace reciprocal::widgets {

SpectrumChartView::SpectrumChartView(QWidget* parent)
    : QChartView(new QChart, parent)
    , m_fontScale(font())
    , m_x(new QValueAxis(chart()))
    , m_y(new QValueAxis(chart()))
{
    setRenderHint(QPainter::Antialiasing);
    // Qt Charts does not always repaint the area of points a series no longer has (dots drawn
    // without a line, axes that changed their range): phantom points and threshold lines stayed
    // until the next full repaint. The charts are small; repainting them whole is cheap.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    chart()->setBackgroundRoundness(0);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->legend()->setAlignment(Qt::AlignTop);
    QFont small = chart()->legend()->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    chart()->legend()->setFont(small);
    chart()->addAxis(m_x, Qt::AlignBottom);
    chart()->addAxis(m_y, Qt::AlignLeft);
    setMinimumSize(150, 200); // three side by side still fit beside both docks on a 1024-pixel screen
    applyPalette();
}

void SpectrumChartView::addSeries(QAbstractSeries* series)
{
    chart()->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
    if (series->name().isEmpty())
        showInLegend(series, false);
}

void SpectrumChartView::showInLegend(QAbstractSeries* series, bool visible)
{
    for (QLegendMarker* marker : chart()->legend()->markers(series))
        marker->setVisible(visible);
}

int SpectrumChartView::affordableXTicks(const QString& widestLabel) const
{
    // The plot area lags behind a resize; the frame around it (axis labels, title) does not change.
    const qreal frame = chart()->size().width() - chart()->plotArea().width();
    const qreal plotWidth = std::max<qreal>(0.0, width() - (frame > 0.0 ? frame : 60.0));
    const int labelWidth = QFontMetrics(m_x->labelsFont()).horizontalAdvance(widestLabel) + 14;
    return std::max(2, static_cast<int>(plotWidth / labelWidth));
}

void SpectrumChartView::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    fitXTicks();
}

void SpectrumChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    if (event->type() == QEvent::FontChange) {
        m_fontScale.follow(*chart(), font());
        fitXTicks();
    }
}

void SpectrumChartView::applyPalette()
{
    const QPalette colours = palette();
    const QColor text = colours.color(QPalette::Text);
    const QColor grid = colours.color(QPalette::Mid);
    setBackgroundBrush(colours.color(QPalette::Base));
    chart()->setBackgroundBrush(colours.color(QPalette::Base));
    chart()->setBackgroundPen(Qt::NoPen);
    chart()->setTitleBrush(text);
    chart()->legend()->setLabelColor(text);
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
    }
}

} // namespace reciprocal::widgets
