#include "widgets/views/MaskView.h"

#include "widgets/OkabeIto.h"
#include "widgets/views/ColourBlend.h"
#include "widgets/views/SequentialColourMap.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>

namespace reciprocal::widgets {

namespace {

constexpr QColor markerColour = okabeIto::vermillion; // absent from viridis, so it stands out
const QColor prunedColour(128, 128, 128, 150);
const QColor prunedHatch(70, 70, 70, 200);
const QColor rugColour(140, 140, 140); // mid-grey: visible on light and dark bases
// Cells may be drawn up to this many times wider than tall (or taller than wide), so a map with
// few rows still gets rows one can point at, without turning into a thin stripe.
constexpr double maxCellStretch = 3.0;
constexpr double colourBarWidth = 10.0;
constexpr double gap = 4.0;

QString magnitudeText(double value)
{
    return QString::number(value, 'g', 3);
}

// "i = 4" for one node, "i = 4–7" for a block.
QString rangeText(const QString& name, int first, int last)
{
    return first == last ? MaskView::tr("%1 = %2").arg(name).arg(first)
                         : MaskView::tr("%1 = %2–%3").arg(name).arg(first).arg(last);
}

// The space a map leaves around it in its panel: rotated axis title and tick labels on the left,
// the title above, the colour bar and its labels on the right, tick labels, axis title and caption
// below.
QMarginsF decorationMargins(const QFontMetricsF& metrics)
{
    const double line = metrics.height();
    return {line + metrics.horizontalAdvance(QStringLiteral("0000")) + 2 * gap, 1.5 * line + gap,
            colourBarWidth + 3 * gap + metrics.horizontalAdvance(QStringLiteral("0.000")), 3 * line + gap};
}

// The largest map size within space whose cells are at most maxCellStretch from square.
QSizeF fitMap(const QSizeF& space, Eigen::Index rows, Eigen::Index columns)
{
    if (space.width() <= 0.0 || space.height() <= 0.0 || rows == 0 || columns == 0)
        return {};
    const double square = static_cast<double>(columns) / static_cast<double>(rows);
    const double aspect =
        std::clamp(space.width() / space.height(), square / maxCellStretch, square * maxCellStretch);
    QSizeF size(space.width(), space.width() / aspect);
    if (size.height() > space.height())
        size = QSizeF(space.height() * aspect, space.height());
    return size;
}

int pruned(const TransferSnapshot& t, Eigen::Index first, Eigen::Index count)
{
    return static_cast<int>((t.nodeMask.segment(first, count).array() == 0.0f).count());
}

} // namespace

MaskView::MaskView(QWidget* parent)
    : SnapshotView(parent)
    , m_snapshot(std::make_shared<TrainingSnapshot>())
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void MaskView::showSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot ? snapshot : std::make_shared<TrainingSnapshot>();
    m_imagesCurrent = false;
    update();
}

void MaskView::highlightNode(NodeRef node)
{
    m_highlighted = node;
    update();
}

QRectF MaskView::mapArea(int transfer) const
{
    const std::vector<MapPlace> places = mapPlaces();
    return transfer >= 0 && transfer < static_cast<int>(places.size())
               ? places[static_cast<std::size_t>(transfer)].map
               : QRectF();
}

// Tries every number of grid columns and keeps the one whose maps cover the most area: maps side
// by side in a wide view, stacked in a tall one.
std::vector<MaskView::MapPlace> MaskView::mapPlaces() const
{
    const auto& transfers = m_snapshot->transfers;
    const int count = static_cast<int>(transfers.size());
    const QMarginsF margins = decorationMargins(QFontMetricsF(font()));
    const auto arrange = [&](int columns, std::vector<MapPlace>* places) {
        const int rows = (count + columns - 1) / columns;
        const QSizeF panel(width() / static_cast<double>(columns), height() / static_cast<double>(rows));
        const QSizeF space(panel.width() - margins.left() - margins.right(),
                           panel.height() - margins.top() - margins.bottom());
        double covered = 0.0;
        for (int k = 0; k < count; ++k) {
            const auto& magnitude = transfers[static_cast<std::size_t>(k)].weightMagnitude;
            const QSizeF size = fitMap(space, magnitude.rows(), magnitude.cols());
            covered += size.width() * size.height();
            if (places) {
                const QPointF panelCorner((k % columns) * panel.width(), (k / columns) * panel.height());
                const QPointF corner = panelCorner + QPointF(margins.left(), margins.top());
                const QPointF centring((space.width() - size.width()) / 2,
                                       (space.height() - size.height()) / 2);
                places->push_back({QRectF(corner + centring, size), QRectF(panelCorner, panel)});
            }
        }
        return covered;
    };
    int bestColumns = 1;
    double bestCovered = -1.0;
    for (int columns = 1; columns <= count; ++columns)
        if (const double covered = arrange(columns, nullptr); covered > bestCovered) {
            bestColumns = columns;
            bestCovered = covered;
        }
    std::vector<MapPlace> places;
    places.reserve(static_cast<std::size_t>(count));
    arrange(bestColumns, &places);
    return places;
}

std::optional<MaskView::Cell> MaskView::cellAt(QPointF position) const
{
    const std::vector<MapPlace> places = mapPlaces();
    for (std::size_t k = 0; k < places.size(); ++k) {
        const QRectF& area = places[k].map;
        if (area.isEmpty() || !area.contains(position))
            continue;
        const auto& magnitude = m_snapshot->transfers[k].weightMagnitude;
        const auto rows = static_cast<int>(magnitude.rows());
        const auto columns = static_cast<int>(magnitude.cols());
        const auto row = static_cast<int>((position.y() - area.top()) / area.height() * rows);
        const auto column = static_cast<int>((position.x() - area.left()) / area.width() * columns);
        return Cell{static_cast<int>(k), std::clamp(row, 0, rows - 1), std::clamp(column, 0, columns - 1)};
    }
    return std::nullopt;
}

QString MaskView::cellToolTip(const Cell& cell) const
{
    const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(cell.transfer)];
    const int firstRow = cell.row * t.blockRows;
    const int lastRow = std::min(firstRow + t.blockRows, t.outputs) - 1;
    const int firstColumn = cell.column * t.blockColumns;
    const int lastColumn = std::min(firstColumn + t.blockColumns, t.inputs) - 1;
    QStringList lines{tr("layer %1 → %2: receiving %3, emitting %4")
                          .arg(cell.transfer)
                          .arg(cell.transfer + 1)
                          .arg(rangeText(QStringLiteral("i"), firstRow, lastRow),
                               rangeText(QStringLiteral("j"), firstColumn, lastColumn)),
                      tr("max |W| = %1").arg(magnitudeText(t.weightMagnitude(cell.row, cell.column)))};
    const int rows = lastRow - firstRow + 1;
    if (const int prunedRows = pruned(t, firstRow, rows); prunedRows > 0)
        lines << (rows == 1 ? tr("receiving node pruned")
                            : tr("%1 of %2 receiving nodes pruned").arg(prunedRows).arg(rows));
    return lines.join(QLatin1Char('\n'));
}

bool MaskView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        if (const auto cell = cellAt(help->pos()))
            QToolTip::showText(help->globalPos(), cellToolTip(*cell), this);
        else
            QToolTip::hideText();
        return true;
    }
    return SnapshotView::event(event);
}

void MaskView::mousePressEvent(QMouseEvent* event)
{
    const auto cell = event->button() == Qt::LeftButton ? cellAt(event->position()) : std::nullopt;
    if (!cell) {
        SnapshotView::mousePressEvent(event);
        return;
    }
    // A cell may stand for several receiving nodes; the first active one is the useful pick.
    const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(cell->transfer)];
    const int first = cell->row * t.blockRows;
    const int end = std::min(first + t.blockRows, t.outputs);
    int node = first;
    while (node < end && t.nodeMask(node) == 0.0f)
        ++node;
    Q_EMIT nodeSelected(NodeRef{cell->transfer + 1, node < end ? node : first});
}

void MaskView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        m_imagesCurrent = false; // zero is drawn in the base colour
    SnapshotView::changeEvent(event);
}

void MaskView::renderImages()
{
    const SequentialColourMap colours(palette().color(QPalette::Base));
    const auto& transfers = m_snapshot->transfers;
    m_images.resize(transfers.size());
    for (std::size_t k = 0; k < transfers.size(); ++k) {
        const TransferSnapshot& t = transfers[k];
        const QSize size(static_cast<int>(t.weightMagnitude.cols()),
                         static_cast<int>(t.weightMagnitude.rows()));
        QImage& image = m_images[k];
        if (image.size() != size)
            image = QImage(size, QImage::Format_RGB32);
        const double scale = t.maxMagnitude > 0.0f ? 1.0 / t.maxMagnitude : 0.0;
        for (int r = 0; r < size.height(); ++r) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
            for (int c = 0; c < size.width(); ++c)
                line[c] = colours.rgb(scale * t.weightMagnitude(r, c));
        }
    }
    m_imagesCurrent = true;
}

void MaskView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette& colours = palette();
    painter.fillRect(rect(), colours.color(QPalette::Base));
    if (m_snapshot->transfers.empty()) {
        painter.setPen(colours.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No network yet: the weight maps appear when a session starts."));
        return;
    }
    if (!m_imagesCurrent)
        renderImages();
    const std::vector<MapPlace> places = mapPlaces();
    for (std::size_t k = 0; k < places.size(); ++k)
        if (!places[k].map.isEmpty())
            paintMap(painter, static_cast<int>(k), places[k]);
}

void MaskView::paintMap(QPainter& painter, int transfer, const MapPlace& place) const
{
    const QRectF& area = place.map;
    const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(transfer)];
    const QPalette& colours = palette();
    const QColor text = colours.color(QPalette::Text);
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    const QMarginsF margins = decorationMargins(metrics);
    // Titles and captions may use the panel's whole width: a map of two columns is narrow.
    const double titleWidth = place.panel.width() - 4;
    const double titleLeft = place.panel.left() + 2;

    painter.drawImage(area, m_images[static_cast<std::size_t>(transfer)]);
    paintPrunedRows(painter, transfer, area);
    painter.setPen(QPen(blend(colours.color(QPalette::Base), text, 0.4), 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area);
    paintHighlight(painter, transfer, area);
    paintColourBar(painter, transfer, area);

    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    const QString title = tr("Layer %1 → %2 (%3 × %4): %5 % zero")
                              .arg(transfer)
                              .arg(transfer + 1)
                              .arg(t.outputs)
                              .arg(t.inputs)
                              .arg(100.0 * t.zeroFraction, 0, 'f', 1);
    const QRectF titleRect(titleLeft, area.top() - margins.top(), titleWidth, line);
    painter.drawText(titleRect, Qt::AlignHCenter | Qt::AlignTop,
                     QFontMetricsF(bold).elidedText(title, Qt::ElideRight, titleWidth));
    painter.setFont(font());

    // Tick labels at the true index ranges, axis titles and the caption.
    const double tickWidth = metrics.horizontalAdvance(QStringLiteral("0000"));
    const double tickLeft = area.left() - gap - tickWidth;
    painter.drawText(QRectF(tickLeft, area.top(), tickWidth, line), Qt::AlignRight | Qt::AlignTop,
                     QStringLiteral("0"));
    painter.drawText(QRectF(tickLeft, area.bottom() - line, tickWidth, line),
                     Qt::AlignRight | Qt::AlignBottom, QString::number(t.outputs - 1));
    const QString axisTitle = tr("emitting node j");
    const QString last = QString::number(t.inputs - 1);
    const QRectF below(area.left(), area.bottom() + 2, area.width(), line);
    if (area.width() >= metrics.horizontalAdvance(axisTitle) + 2 * tickWidth) {
        painter.drawText(below, Qt::AlignLeft | Qt::AlignTop, QStringLiteral("0"));
        painter.drawText(below, Qt::AlignRight | Qt::AlignTop, last);
        painter.drawText(below, Qt::AlignHCenter | Qt::AlignTop, axisTitle);
    } else { // too narrow for three labels side by side: one, under the map's centre
        const QRectF wide(titleLeft, below.top(), titleWidth, line);
        painter.drawText(wide, Qt::AlignHCenter | Qt::AlignTop,
                         metrics.elidedText(tr("emitting node j = 0 … %1").arg(last), Qt::ElideRight, titleWidth));
    }
    painter.save();
    painter.translate(tickLeft - gap - line / 2, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -line / 2, area.height(), line), Qt::AlignCenter,
                     metrics.elidedText(tr("receiving node i"), Qt::ElideRight, area.height()));
    painter.restore();

    QString caption =
        t.blockRows * t.blockColumns == 1
            ? tr("each cell: |W| of one weight")
            : tr("each cell: max |W| over %1 × %2 weights").arg(t.blockRows).arg(t.blockColumns);
    if (pruned(t, 0, t.outputs) > 0)
        caption += tr(" · grey bands: pruned nodes");
    painter.setPen(colours.color(QPalette::PlaceholderText));
    painter.drawText(QRectF(titleLeft, area.bottom() + 2 + line, titleWidth, line),
                     Qt::AlignHCenter | Qt::AlignTop,
                     metrics.elidedText(caption, Qt::ElideRight, titleWidth));
}

void MaskView::paintPrunedRows(QPainter& painter, int transfer, const QRectF& area) const
{
    const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(transfer)];
    const double rowHeight = area.height() / t.outputs;
    painter.setPen(Qt::NoPen);
    // Runs of pruned rows become one band, at least a pixel high, repeated as a mark in the margin
    // so that a single pruned row of a tall layer still catches the eye.
    for (int row = 0; row < t.outputs; ++row) {
        if (t.nodeMask(row) != 0.0f)
            continue;
        int end = row + 1;
        while (end < t.outputs && t.nodeMask(end) == 0.0f)
            ++end;
        const QRectF band(area.left(), area.top() + row * rowHeight, area.width(),
                          std::max(1.0, (end - row) * rowHeight));
        painter.fillRect(band, prunedColour);
        painter.fillRect(band, QBrush(prunedHatch, Qt::BDiagPattern));
        painter.fillRect(QRectF(area.left() - gap, band.top(), gap - 1, std::max(2.0, band.height())),
                         rugColour);
        row = end;
    }
}

void MaskView::paintHighlight(QPainter& painter, int transfer, const QRectF& area) const
{
    const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(transfer)];
    const int node = m_highlighted.node;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_highlighted.layer == transfer + 1 && node < t.outputs) { // the node's incoming weights
        const double y = area.top() + (node + 0.5) * area.height() / t.outputs;
        painter.setPen(QPen(markerColour, 2.0));
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
        QPainterPath arrow;
        arrow.moveTo(area.left() - 1, y);
        arrow.lineTo(area.left() - 8, y - 5);
        arrow.lineTo(area.left() - 8, y + 5);
        arrow.closeSubpath();
        painter.fillPath(arrow, markerColour);
    }
    if (m_highlighted.layer == transfer && node >= 0 && node < t.inputs) { // its outgoing weights
        const double x = area.left() + (node + 0.5) * area.width() / t.inputs;
        painter.setPen(QPen(markerColour, 2.0, Qt::DashLine));
        painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
    }
    painter.restore();
}

void MaskView::paintColourBar(QPainter& painter, int transfer, const QRectF& area) const
{
    const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(transfer)];
    const QPalette& colours = palette();
    const double line = QFontMetricsF(font()).height();
    const QRectF bar(area.right() + 2 * gap, area.top(), colourBarWidth, area.height());
    const SequentialColourMap map(colours.color(QPalette::Base));
    painter.fillRect(bar, map.gradient(bar.bottomLeft(), bar.topLeft()));
    painter.setPen(QPen(blend(colours.color(QPalette::Base), colours.color(QPalette::Text), 0.4), 1.0));
    painter.drawRect(bar);
    painter.setPen(colours.color(QPalette::Text));
    const QRectF labels(bar.right() + gap, bar.top(), 1000.0, bar.height());
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop, magnitudeText(t.maxMagnitude));
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignBottom, QStringLiteral("0"));
    if (bar.height() > 4 * line)
        painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, tr("|W|"));
}

QString MaskView::seriesCsv() const
{
    QString csv = QStringLiteral("transfer,cell_row,cell_column,first_row,first_column,max_abs_w\n");
    for (std::size_t k = 0; k < m_snapshot->transfers.size(); ++k) {
        const TransferSnapshot& t = m_snapshot->transfers[k];
        for (Eigen::Index r = 0; r < t.weightMagnitude.rows(); ++r)
            for (Eigen::Index c = 0; c < t.weightMagnitude.cols(); ++c)
                csv += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                           .arg(k)
                           .arg(r)
                           .arg(c)
                           .arg(r * t.blockRows)
                           .arg(c * t.blockColumns)
                           .arg(QString::number(t.weightMagnitude(r, c), 'g', 8));
    }
    return csv;
}

} // namespace reciprocal::widgets
