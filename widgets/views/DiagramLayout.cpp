#include "widgets/views/DiagramLayout.h"

#include <QLineF>
#include <algorithm>
#include <cmath>
#include <utility>

namespace reciprocal::widgets {

DiagramLayout::DiagramLayout(std::vector<std::vector<int>> shownNodes, const QRectF& area, double maxRadius)
    : m_shownNodes(std::move(shownNodes))
{
    std::size_t tallest = 1;
    for (const auto& column : m_shownNodes)
        tallest = std::max(tallest, column.size());
    const auto columns = static_cast<double>(std::max<std::size_t>(m_shownNodes.size(), 1));
    // Nodes may not fill the gap between columns: the edges there are the point of the picture.
    m_nodeRadius = std::max(0.0, std::min({maxRadius, 0.45 * area.height() / static_cast<double>(tallest),
                                           0.2 * area.width() / columns}));
    m_centres = area.adjusted(m_nodeRadius, m_nodeRadius, -m_nodeRadius, -m_nodeRadius);
    m_columnSpacing = columns > 1 ? m_centres.width() / (columns - 1) : 0.0;
    m_rowSpacing = tallest > 1 ? m_centres.height() / static_cast<double>(tallest - 1) : 0.0;
}

double DiagramLayout::columnX(int layer) const
{
    return m_shownNodes.size() > 1 ? m_centres.left() + layer * m_columnSpacing : m_centres.center().x();
}

QPointF DiagramLayout::position(int layer, int slot) const
{
    const auto count = static_cast<double>(shownNodes(layer).size());
    return {columnX(layer), m_centres.center().y() + (slot - (count - 1) / 2) * m_rowSpacing};
}

std::optional<QPointF> DiagramLayout::position(NodeRef node) const
{
    const int slot = slotOf(node);
    return slot < 0 ? std::nullopt : std::optional(position(node.layer, slot));
}

int DiagramLayout::slotOf(NodeRef node) const
{
    if (node.layer < 0 || node.layer >= layerCount())
        return -1;
    const auto& column = shownNodes(node.layer);
    const auto found = std::find(column.begin(), column.end(), node.node);
    return found == column.end() ? -1 : static_cast<int>(found - column.begin());
}

std::optional<NodeRef> DiagramLayout::nodeAt(QPointF point, double distance) const
{
    std::optional<NodeRef> nearest;
    double best = distance;
    for (int layer = 0; layer < layerCount(); ++layer) {
        if (std::abs(point.x() - columnX(layer)) > distance)
            continue;
        const auto& column = shownNodes(layer);
        for (std::size_t slot = 0; slot < column.size(); ++slot)
            if (const double d = QLineF(point, position(layer, static_cast<int>(slot))).length(); d <= best) {
                best = d;
                nearest = NodeRef{layer, column[slot]};
            }
    }
    return nearest;
}

} // namespace reciprocal::widgets
