#include "widgets/views/SpectrumStrip.h"

#include <QApplication>
#include <QChart>
#include <QLineSeries>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPen>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace reciprocal::widgets {

namespace {

constexpr double pickRadius = 10.0; // pixels around a point that still pick it

// Points without a line. A scatter series would make a graphics item per point, too slow to
// replace at every snapshot (up to ten a second) for thousands of nodes; a line series paints its
// points itself.
QLineSeries* dots(const QString& name, const QColor& colour)
{
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(colour); // the legend takes the pen's colour, so keep it, but draw no line
    pen.setStyle(Qt::NoPen);
    series->setPen(pen);
    series->setPointsVisible(true);
    return series;
}

// The dots' radius: smaller for wider layers, so thousands of nodes still read as a curve.
qreal dotRadius(int nodes) { return nodes <= 100 ? 4.0 : nodes <= 600 ? 3.0 : 2.0; }

// Keeps the lowest and the highest point of each pixel column of points added left to right.
class PixelColumns {
public:
    PixelColumns(double left, double right, int columns)
        : m_left(left)
        , m_scale(columns / std::max(right - left, 1e-9))
    {
    }

    void add(const QPointF& point)
    {
        const auto column = static_cast<int>((point.x() - m_left) * m_scale);
        if (!m_open || column != m_column) {
            flush();
            m_column = column;
            m_low = m_high = point;
            m_open = true;
            return;
        }
        m_low = point.y() < m_low.y() ? point : m_low;
        m_high = point.y() > m_high.y() ? point : m_high;
    }

    QList<QPointF> points()
    {
        flush();
        return m_points;
    }

private:
    void flush()
    {
        if (!m_open)
            return;
        m_points << m_high;
        if (m_low != m_high)
            m_points << m_low;
        m_open = false;
    }

    double m_left;
    double m_scale;
    int m_column = 0;
    bool m_open = false;
    QPointF m_low;
    QPointF m_high;
    QList<QPointF> m_points;
};

// A step of 1, 2 or 5 times a power of ten that cuts `span` into at most about six intervals.
// A round step (1, 2 or 5 times a power of ten) giving at most about `ticks` ticks over span.
double roundStep(double span, int ticks)
{
    const double rough = std::max(span / std::max(1, ticks - 1), 1.0);
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (const double multiple : {1.0, 2.0, 5.0})
        if (multiple * power >= rough)
            return multiple * power;
    return 10.0 * power;
}

} // namespace

SpectrumStrip::SpectrumStrip(QWidget* parent)
    : SpectrumChartView(parent)
    , m_active(dots(tr("active"), spectrumColour::active))
    , m_belowThreshold(dots(tr("below"), spectrumColour::below))
    , m_pruned(dots(tr("pruned"), spectrumColour::pruned))
    , m_selected(dots(tr("selected"), spectrumColour::selected))
    , m_thresholdLine(new QLineSeries)
{
    m_thresholdLine->setPen(QPen(spectrumColour::threshold, 2.0, Qt::DashLine));
    // Drawn in this order: the selected node on top of everything.
    for (QAbstractSeries* series :
         std::initializer_list<QAbstractSeries*>{m_pruned, m_active, m_belowThreshold, m_thresholdLine, m_selected})
        addSeries(series);
    xAxis()->setLabelFormat(QStringLiteral("%d"));
    connect(chart(), &QChart::plotAreaChanged, this, [this] {
        if (m_spectrum)
            updatePoints();
    });
    setToolTip(tr("Nodes ranked by importance, 1 = largest.\n"
                  "Click a point to select its node; drag up or down to set a pruning threshold."));
}

void SpectrumStrip::setSpectrum(std::shared_ptr<const LayerSpectrum> spectrum)
{
    const bool resized = !m_spectrum || m_spectrum->size() != spectrum->size();
    m_spectrum = std::move(spectrum);
    if (resized) {
        const qreal radius = dotRadius(m_spectrum->size());
        for (QLineSeries* series : {m_active, m_belowThreshold, m_pruned})
            series->setMarkerSize(radius);
        m_selected->setMarkerSize(radius + 3.0);
    }
    const bool spectral = m_spectrum->spectral;
    xAxis()->setTitleText(spectral ? tr("rank by |λ|") : tr("rank by connectivity"));
    yAxis()->setTitleText(spectral ? tr("|eigenvalue λ|") : tr("connectivity Σⱼ |Wᵢⱼ|"));
    // Ranks run 1..n: the axis ends right after the last node, with round tick steps from 0.
    xAxis()->setRange(0.0, m_spectrum->size() + 1.0);
    xAxis()->setTickType(QValueAxis::TicksDynamic);
    xAxis()->setTickAnchor(0.0);
    fitXTicks();
    yAxis()->setRange(0.0, m_spectrum->maxMagnitude > 0.0f ? m_spectrum->maxMagnitude : 1.0);
    yAxis()->applyNiceNumbers();
    updatePoints();
}

void SpectrumStrip::fitXTicks()
{
    if (!m_spectrum)
        return;
    const int ticks = std::min(7, affordableXTicks(QString::number(m_spectrum->size())));
    xAxis()->setTickInterval(roundStep(m_spectrum->size() + 1.0, ticks));
}

void SpectrumStrip::setSelectedNode(int node)
{
    if (node == m_selectedNode)
        return;
    m_selectedNode = node;
    if (m_spectrum)
        updatePoints();
}

void SpectrumStrip::setThreshold(double magnitude)
{
    m_threshold = magnitude;
    if (m_spectrum)
        updatePoints();
}

void SpectrumStrip::clearThreshold()
{
    m_threshold.reset();
    if (m_spectrum)
        updatePoints();
}

QPointF SpectrumStrip::pointOf(int rank) const
{
    return {rank + 1.0, std::abs(m_spectrum->values(m_spectrum->order[static_cast<std::size_t>(rank)]))};
}

void SpectrumStrip::updatePoints()
{
    // Thousands of nodes share a few hundred pixel columns: draw only what can be seen.
    const auto columns = static_cast<int>(chart()->plotArea().width());
    const int count = m_spectrum->size();
    PixelColumns active(xAxis()->min(), xAxis()->max(), columns > 0 ? columns : count);
    PixelColumns below = active;
    PixelColumns pruned = active;
    QList<QPointF> selected;
    m_belowCount = 0;
    for (int rank = 0; rank < count; ++rank) {
        const int node = m_spectrum->order[static_cast<std::size_t>(rank)];
        const QPointF point = pointOf(rank);
        if (!m_spectrum->active(node)) {
            pruned.add(point);
        } else if (m_threshold && point.y() < *m_threshold) {
            below.add(point);
            ++m_belowCount;
        } else {
            active.add(point);
        }
        if (node == m_selectedNode)
            selected << point;
    }
    m_active->replace(active.points());
    m_belowThreshold->replace(below.points());
    m_pruned->replace(pruned.points());
    m_selected->replace(selected);
    showInLegend(m_belowThreshold, m_belowThreshold->count() > 0);
    showInLegend(m_pruned, m_pruned->count() > 0);
    showInLegend(m_selected, !selected.isEmpty());
    updateThresholdLine();
}

void SpectrumStrip::updateThresholdLine()
{
    if (m_threshold)
        m_thresholdLine->replace({QPointF(xAxis()->min(), *m_threshold), QPointF(xAxis()->max(), *m_threshold)});
    else
        m_thresholdLine->clear();
}

QPoint SpectrumStrip::positionOf(int node) const
{
    const auto& order = m_spectrum->order;
    const auto rank = static_cast<int>(std::find(order.begin(), order.end(), node) - order.begin());
    const QPointF position = chart()->mapToPosition(pointOf(rank), m_active);
    return mapFromScene(chart()->mapToScene(position));
}

int SpectrumStrip::nodeAt(QPoint position) const
{
    if (!m_spectrum)
        return -1;
    const QPointF target = chart()->mapFromScene(mapToScene(position));
    int nearest = -1;
    double nearestDistance = pickRadius * pickRadius;
    for (int rank = 0; rank < m_spectrum->size(); ++rank) {
        const QPointF offset = chart()->mapToPosition(pointOf(rank), m_active) - target;
        const double distance = QPointF::dotProduct(offset, offset);
        if (distance <= nearestDistance) {
            nearestDistance = distance;
            nearest = m_spectrum->order[static_cast<std::size_t>(rank)];
        }
    }
    return nearest;
}

void SpectrumStrip::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_spectrum) {
        SpectrumChartView::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPosition = event->position().toPoint();
    event->accept();
}

void SpectrumStrip::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_pressed) {
        SpectrumChartView::mouseMoveEvent(event);
        return;
    }
    const QPoint position = event->position().toPoint();
    if (!m_dragging && (position - m_pressPosition).manhattanLength() < QApplication::startDragDistance())
        return;
    if (!m_dragging)
        viewport()->setCursor(Qt::SizeVerCursor);
    m_dragging = true;
    const QPointF value = chart()->mapToValue(chart()->mapFromScene(mapToScene(position)), m_active);
    const double magnitude = std::clamp(value.y(), 0.0, yAxis()->max());
    setThreshold(magnitude);
    Q_EMIT thresholdDragged(magnitude);
    event->accept();
}

void SpectrumStrip::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_pressed || event->button() != Qt::LeftButton) {
        SpectrumChartView::mouseReleaseEvent(event);
        return;
    }
    if (m_dragging) {
        viewport()->unsetCursor();
    } else if (const int node = nodeAt(event->position().toPoint()); node >= 0) {
        Q_EMIT nodeClicked(node);
    }
    m_pressed = false;
    m_dragging = false;
    event->accept();
}

bool SpectrumStrip::viewportEvent(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return SpectrumChartView::viewportEvent(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const int node = nodeAt(help->pos());
    if (node < 0)
        return SpectrumChartView::viewportEvent(event); // the general help text
    const auto& order = m_spectrum->order;
    const auto rank = static_cast<int>(std::find(order.begin(), order.end(), node) - order.begin()) + 1;
    const QString value = m_spectrum->spectral ? tr("λ = %1").arg(m_spectrum->values(node), 0, 'g', 4)
                                               : tr("connectivity %1").arg(m_spectrum->values(node), 0, 'g', 4);
    QToolTip::showText(help->globalPos(),
                       tr("node %1, rank %2\n%3%4")
                           .arg(node)
                           .arg(rank)
                           .arg(value, m_spectrum->active(node) ? QString() : tr("\npruned")),
                       viewport());
    return true;
}

} // namespace reciprocal::widgets
