#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QPointF>
#include <QRectF>
#include <optional>
#include <vector>

namespace reciprocal::widgets {

// Where a network diagram's nodes go: one column per layer, input on the left, output on the
// right, each layer's shown nodes down its column in the given order, evenly spaced and centred so
// that every column has the same spacing. Kept apart from any painting so that every view that
// draws the network places its nodes alike.
class DiagramLayout {
public:
    DiagramLayout() = default;
    // shownNodes[layer]: the node indices drawn for that layer (0 = input), top to bottom;
    // area: the box the circles fill; maxRadius: the largest node radius wanted.
    DiagramLayout(std::vector<std::vector<int>> shownNodes, const QRectF& area, double maxRadius);

    int layerCount() const { return static_cast<int>(m_shownNodes.size()); }
    const std::vector<int>& shownNodes(int layer) const
    {
        return m_shownNodes[static_cast<std::size_t>(layer)];
    }
    double columnX(int layer) const;
    // Horizontal distance between neighbouring column centres.
    double columnSpacing() const { return m_columnSpacing; }
    // The node radius: at most maxRadius, small enough that no two nodes touch and the edges between
    // columns stay visible.
    double nodeRadius() const { return m_nodeRadius; }
    // The centre of the slot-th shown node of a layer.
    QPointF position(int layer, int slot) const;
    // The centre of a node, if it is shown.
    std::optional<QPointF> position(NodeRef node) const;
    // The slot of a node in its column, -1 if it is not shown.
    int slotOf(NodeRef node) const;
    // The shown node nearest to point within distance, if any.
    std::optional<NodeRef> nodeAt(QPointF point, double distance) const;

private:
    std::vector<std::vector<int>> m_shownNodes;
    QRectF m_centres; // where the node centres lie: the area less a radius on each side
    double m_columnSpacing = 0.0;
    double m_rowSpacing = 0.0;
    double m_nodeRadius = 0.0;
};

} // namespace reciprocal::widgets
