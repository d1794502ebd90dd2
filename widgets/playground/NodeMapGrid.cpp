#include "widgets/playground/NodeMapGrid.h"

#include "widgets/playground/PlaneImages.h"
#include "widgets/views/ColourBlend.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace reciprocal::widgets {

NodeMapGrid::NodeMapGrid(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
}

void NodeMapGrid::showPicture(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    rebuild();
}

void NodeMapGrid::highlightNode(NodeRef node)
{
    m_highlighted = node;
    update();
}

QRect NodeMapGrid::thumbnailRect(NodeRef node) const
{
    for (const Thumbnail& thumbnail : m_thumbnails)
        if (thumbnail.node == node)
            return thumbnail.rect;
    return {};
}

NodeRef NodeMapGrid::nodeAt(QPoint position) const
{
    for (const InputBar& input : m_inputs)
        if (input.rect.contains(position))
            return input.node;
    for (const Thumbnail& thumbnail : m_thumbnails)
        if (thumbnail.rect.contains(position))
            return thumbnail.node;
    return {};
}

int NodeMapGrid::layOutInputs(int y)
{
    const PlanePicture& picture = *m_snapshot->plane;
    const TransferSnapshot& first = m_snapshot->transfers.front();
    const QFontMetrics metrics(font());
    const int rowHeight = metrics.height() + 2;
    m_headings.push_back({QRect(0, y, width(), rowHeight + 2),
                          first.lamIn.size() != 0 ? tr("Inputs: |λ_in| of transfer 1") : tr("Inputs"), {}});
    y += rowHeight + 2;
    if (first.lamIn.size() == 0) {
        m_headings.push_back({QRect(0, y, width(), rowHeight), tr("(one set: no λ_in)"), {}});
        return y + rowHeight + 4;
    }
    QStringList names{QStringLiteral("x1"), QStringLiteral("x2")};
    for (const PlaneFeature feature : picture.points->features)
        names << QString::fromLatin1(planeFeatureName(feature));
    const float scale = std::max(first.lamIn.cwiseAbs().maxCoeff(), 1e-6f);
    for (int j = 0; j < first.lamIn.size() && j < names.size(); ++j) {
        m_inputs.push_back({NodeRef{0, j}, QRect(0, y, width() - 4, rowHeight), names[j], first.lamIn(j), scale});
        y += rowHeight;
    }
    return y + 4;
}

void NodeMapGrid::rebuild()
{
    m_thumbnails.clear();
    m_headings.clear();
    m_inputs.clear();
    const PlanePicture* picture = m_snapshot ? m_snapshot->plane.get() : nullptr;
    const int inputsEnd = picture ? layOutInputs(0) : 0;
    if (picture && !picture->nodeMaps.empty()) {
        const QFontMetrics metrics(font());
        const int headingHeight = metrics.height() + 4;
        const int labelHeight = metrics.height();
        // The largest square thumbnails with which every layer's section fits the widget.
        const auto layers = static_cast<int>(picture->nodeMaps.size());
        int best = 0;
        int bestColumns = 1;
        for (int columns = 1; columns <= 8; ++columns) {
            const int side = (width() - 4 * (columns + 1)) / columns;
            int rows = 0;
            for (const auto& maps : picture->nodeMaps)
                rows += static_cast<int>((maps.rows() + columns - 1) / columns);
            const int fitting = (height() - inputsEnd - layers * headingHeight) / std::max(1, rows) - labelHeight - 4;
            const int size = std::min({side, fitting, 96});
            if (size > best) {
                best = size;
                bestColumns = columns;
            }
        }
        const int side = std::max(best, 16);
        int y = inputsEnd;
        for (int k = 0; k < layers; ++k) {
            const std::vector<int>& nodes = m_snapshot->diagramNodes.at(static_cast<std::size_t>(k + 1));
            const int width = m_snapshot->architecture.widths.at(static_cast<std::size_t>(k + 1));
            const bool some = nodes.size() < static_cast<std::size_t>(width);
            m_headings.push_back(
                {QRect(0, y, this->width(), headingHeight),
                 some ? tr("Hidden layer %1: %2 of %3").arg(k + 1).arg(nodes.size()).arg(width) : tr("Hidden layer %1").arg(k + 1),
                 some ? tr("Hidden layer %1: the %2 of its %3 nodes that the diagram shows").arg(k + 1).arg(nodes.size()).arg(width)
                      : QString()});
            y += headingHeight;
            const TransferSnapshot& transfer = m_snapshot->transfers.at(static_cast<std::size_t>(k));
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                const int column = static_cast<int>(i) % bestColumns;
                const int row = static_cast<int>(i) / bestColumns;
                const QRect rect(4 + column * (side + 4), y + row * (side + labelHeight + 4), side, side);
                const NodeRef node{k + 1, nodes[i]};
                const QString tip = transfer.spectral
                                        ? tr("Node %1 of hidden layer %2: λ_out = %3").arg(nodes[i]).arg(k + 1).arg(transfer.lamOut(nodes[i]), 0, 'g', 4)
                                        : tr("Node %1 of hidden layer %2").arg(nodes[i]).arg(k + 1);
                m_thumbnails.push_back({node, rect,
                                        nodeImage(*picture, k, static_cast<int>(i), palette().color(QPalette::Base)),
                                        QString::number(nodes[i]), tip});
            }
            y += static_cast<int>((nodes.size() + bestColumns - 1) / bestColumns) * (side + labelHeight + 4);
        }
    }
    update();
}

void NodeMapGrid::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QFontMetrics metrics(font());
    painter.setPen(palette().color(QPalette::Text));
    for (const Heading& heading : m_headings)
        painter.drawText(heading.rect, Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(heading.text, Qt::ElideRight, heading.rect.width()));
    const int nameWidth = metrics.horizontalAdvance(QStringLiteral("sin_x1 "));
    const int valueWidth = metrics.horizontalAdvance(QStringLiteral("-0.000 "));
    for (const InputBar& input : m_inputs) {
        const bool highlighted = input.node == m_highlighted;
        QFont font = painter.font();
        font.setBold(highlighted);
        painter.setFont(font);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRect(input.rect.left() + 4, input.rect.top(), nameWidth, input.rect.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, input.name);
        painter.drawText(QRect(input.rect.right() - valueWidth, input.rect.top(), valueWidth, input.rect.height()),
                         Qt::AlignRight | Qt::AlignVCenter, QString::number(input.value, 'f', 3));
        const int room = input.rect.width() - nameWidth - valueWidth - 12;
        const auto length = static_cast<int>(std::lround(room * static_cast<double>(std::abs(input.value) / input.scale)));
        painter.fillRect(QRect(input.rect.left() + 4 + nameWidth, input.rect.top() + 3, std::max(1, length),
                               input.rect.height() - 6),
                         highlighted ? palette().color(QPalette::Highlight)
                                     : blend(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.45));
        font.setBold(false);
        painter.setFont(font);
    }
    for (const Thumbnail& thumbnail : m_thumbnails) {
        painter.drawImage(thumbnail.rect, thumbnail.image);
        const bool highlighted = thumbnail.node == m_highlighted;
        painter.setPen(highlighted ? QPen(palette().color(QPalette::Highlight), 3)
                       : thumbnail.node == m_hovered ? QPen(palette().color(QPalette::Text), 2)
                                                     : QPen(palette().color(QPalette::Mid), 1));
        painter.drawRect(thumbnail.rect.adjusted(0, 0, -1, -1));
        painter.setPen(palette().color(QPalette::Text));
        const QRect label(thumbnail.rect.left(), thumbnail.rect.bottom() + 1, thumbnail.rect.width(), metrics.height());
        painter.drawText(label, Qt::AlignHCenter | Qt::AlignTop,
                         metrics.elidedText(thumbnail.label, Qt::ElideRight, label.width()));
    }
}

void NodeMapGrid::resizeEvent(QResizeEvent* event)
{
    rebuild();
    QWidget::resizeEvent(event);
}

void NodeMapGrid::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        rebuild();
    QWidget::changeEvent(event);
}

void NodeMapGrid::mouseMoveEvent(QMouseEvent* event)
{
    const NodeRef node = nodeAt(event->position().toPoint());
    if (!(node == m_hovered)) {
        m_hovered = node;
        update();
        Q_EMIT nodeHovered(node);
    }
    QWidget::mouseMoveEvent(event);
}

void NodeMapGrid::leaveEvent(QEvent* event)
{
    if (m_hovered.isValid()) {
        m_hovered = {};
        update();
        Q_EMIT nodeHovered({});
    }
    QWidget::leaveEvent(event);
}

bool NodeMapGrid::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        for (const Heading& heading : m_headings)
            if (heading.rect.contains(help->pos()) &&
                (!heading.toolTip.isEmpty() || fontMetrics().horizontalAdvance(heading.text) > heading.rect.width())) {
                QToolTip::showText(help->globalPos(), heading.toolTip.isEmpty() ? heading.text : heading.toolTip, this);
                return true;
            }
        for (const Thumbnail& thumbnail : m_thumbnails)
            if (thumbnail.rect.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), thumbnail.toolTip, this);
                return true;
            }
        for (const InputBar& input : m_inputs)
            if (input.rect.contains(help->pos())) {
                QToolTip::showText(help->globalPos(),
                                   tr("Input %1 (%2): λ_in = %3. Click to turn it in the knob panel.")
                                       .arg(input.node.node)
                                       .arg(input.name)
                                       .arg(input.value, 0, 'g', 4),
                                   this);
                return true;
            }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void NodeMapGrid::mousePressEvent(QMouseEvent* event)
{
    const NodeRef node = event->button() == Qt::LeftButton ? nodeAt(event->position().toPoint()) : NodeRef{};
    if (node.isValid())
        Q_EMIT nodeSelected(node);
    else
        QWidget::mousePressEvent(event);
}

} // namespace reciprocal::widgets
