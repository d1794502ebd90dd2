#include "widgets/views/SpectrumHistogram.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace reciprocal::widgets {

namespace {

// A bar chart drawn as one filled outline: up, across and down again for every bar, so an update
// at every snapshot (up to ten a second) reuses one series instead of rebuilding bar sets.
QAreaSeries* barArea(QLineSeries* outline, const QString& name, const QColor& colour)
{
    auto* area = new QAreaSeries(outline);
    area->setName(name);
    area->setBrush(colour);
    area->setPen(Qt::NoPen);
    return area;
}

QLineSeries* verticalLine(const QColor& colour, Qt::PenStyle style)
{
    auto* line = new QLineSeries;
    line->setPen(QPen(colour, 2.0, style));
    return line;
}

// Whole-number ticks for counts: 1, 2 or 5 times a power of ten, at most five steps.
int countStep(int most)
{
    for (int scale = 1;; scale *= 10)
        for (const int multiple : {1, 2, 5})
            if (most <= 5 * multiple * scale)
                return multiple * scale;
}

} // namespace

SpectrumHistogram::SpectrumHistogram(QWidget* parent)
    : SpectrumChartView(parent)
    , m_allOutline(new QLineSeries(this))
    , m_activeOutline(new QLineSeries(this))
    , m_selected(verticalLine(spectrumColour::selected, Qt::SolidLine))
    , m_lowerThreshold(verticalLine(spectrumColour::threshold, Qt::DashLine))
    , m_upperThreshold(verticalLine(spectrumColour::threshold, Qt::DashLine))
{
    addSeries(barArea(m_allOutline, tr("pruned"), spectrumColour::pruned));
    addSeries(barArea(m_activeOutline, tr("active"), spectrumColour::active));
    for (QLineSeries* line : {m_selected, m_lowerThreshold, m_upperThreshold})
        addSeries(line);
    xAxis()->setLabelFormat(QStringLiteral("%.2g")); // short labels: the panel is narrow
    yAxis()->setTitleText(tr("nodes"));
    yAxis()->setLabelFormat(QStringLiteral("%d"));
    yAxis()->setTickType(QValueAxis::TicksDynamic);
    yAxis()->setTickAnchor(0.0);
    setToolTip(tr("How many nodes have each value; grey: pruned nodes,\n"
                  "dashed: the pruning threshold, solid: the selected node"));
}

void SpectrumHistogram::setSpectrum(std::shared_ptr<const LayerSpectrum> spectrum)
{
    m_spectrum = std::move(spectrum);
    xAxis()->setTitleText(m_spectrum->spectral ? tr("eigenvalue λ") : tr("connectivity Σⱼ |Wᵢⱼ|"));
    updateBars();
    updateLines();
}

void SpectrumHistogram::setSelectedNode(int node)
{
    if (node == m_selectedNode)
        return;
    m_selectedNode = node;
    updateLines();
}

void SpectrumHistogram::setThreshold(std::optional<double> magnitude)
{
    m_threshold = magnitude;
    updateLines();
}

void SpectrumHistogram::updateBars()
{
    const LayerSpectrum& s = *m_spectrum;
    const double extent = s.maxMagnitude > 0.0f ? s.maxMagnitude : 1.0;
    const double low = s.spectral ? -extent : 0.0;
    const double width = (extent - low) / binCount;
    m_counts.assign(binCount, 0);
    m_activeCounts.assign(binCount, 0);
    for (int node = 0; node < s.size(); ++node) {
        if (!std::isfinite(s.values(node)))
            continue;
        const int bin = std::clamp(static_cast<int>((s.values(node) - low) / width), 0, binCount - 1);
        ++m_counts[static_cast<std::size_t>(bin)];
        m_activeCounts[static_cast<std::size_t>(bin)] += s.active(node) ? 1 : 0;
    }
    const auto outline = [&](const std::vector<int>& counts) {
        QList<QPointF> points;
        points.reserve(4 * binCount);
        for (int bin = 0; bin < binCount; ++bin) {
            const double left = low + bin * width;
            const double count = counts[static_cast<std::size_t>(bin)];
            points << QPointF(left, 0.0) << QPointF(left, count) << QPointF(left + width, count)
                   << QPointF(left + width, 0.0);
        }
        return points;
    };
    m_allOutline->replace(outline(m_counts));
    m_activeOutline->replace(outline(m_activeCounts));
    xAxis()->setRange(low, extent);
    xAxis()->applyNiceNumbers();
    m_niceXTicks = xAxis()->tickCount();
    fitXTicks();
    const int most = std::max(1, *std::max_element(m_counts.begin(), m_counts.end()));
    const int step = countStep(most);
    yAxis()->setTickInterval(step);
    yAxis()->setRange(0.0, (most + step - 1) / step * step);
}

void SpectrumHistogram::fitXTicks()
{
    // An odd count keeps the middle tick (0 of a symmetric range) when labels must be dropped.
    const int affordable = affordableXTicks(QStringLiteral("-0.55"));
    xAxis()->setTickCount(m_niceXTicks <= affordable ? m_niceXTicks : affordable >= 5 ? 5 : 3);
}

void SpectrumHistogram::updateLines()
{
    if (!m_spectrum)
        return;
    const double top = yAxis()->max();
    const auto place = [top](QLineSeries* line, std::optional<double> x) {
        if (x)
            line->replace({QPointF(*x, 0.0), QPointF(*x, top)});
        else
            line->clear();
    };
    const bool selectedShown = m_selectedNode >= 0 && m_selectedNode < m_spectrum->size();
    place(m_selected, selectedShown ? std::optional<double>(m_spectrum->values(m_selectedNode)) : std::nullopt);
    place(m_upperThreshold, m_threshold);
    place(m_lowerThreshold, m_threshold && m_spectrum->spectral ? std::optional<double>(-*m_threshold)
                                                                 : std::nullopt);
}

} // namespace reciprocal::widgets
