#pragma once

#include "widgets/views/DiagramLayout.h"
#include "widgets/views/SnapshotView.h"

#include <QLineF>
#include <optional>
#include <vector>

namespace reciprocal::widgets {

// The network as a diagram: a column of circles per layer, input on the left, showing each layer's
// most important nodes (at most maxDiagramNodes, chosen by the worker) in index order, with the
// layer's real width under its column. A circle's size and colour give the node's |lambda| (lam_out
// of receiving nodes, lam_in of input nodes where the first layer has two eigenvalue sets); direct
// layers have no eigenvalues, so their nodes show connectivity sum_j |W_ij| instead and the caption
// says so. Pruned nodes are hollow grey circles. For data with two inputs (the playground's) a
// hidden node's circle, when it is at least minimumMapRadius wide, holds the node's activation over
// the input plane inside a ring of its |λ| colour. Edges join every pair of shown nodes, coloured by
// the sign of W (blue negative, vermillion positive) with width and opacity by |W|; only the few
// strongest into each node are drawn bold, so the picture is not a hairball. Hovering an edge shows
// W_ij = phi_ij (lam_in_j - lam_out_i) with the live numbers, hovering a node its values; clicking a
// node selects it, and the highlighted node is ringed with its edges drawn bold.
//
// seriesCsv(): transfer,from,to,w,phi,lam_in,lam_out with one row per edge; phi, lam_in and
// lam_out are empty for direct layers.
class DiagramView : public SnapshotView {
    Q_OBJECT

public:
    explicit DiagramView(QWidget* parent = nullptr);

    QString seriesCsv() const override;
    QString viewName() const override { return QStringLiteral("diagram"); }
    // The diagram draws a sample of the nodes and edges; its table is that sample, and says so.
    QString dataFileName() const override { return QStringLiteral("diagram-drawn-edges.csv"); }
    // Where the nodes are drawn, in widget coordinates.
    const DiagramLayout& layout() const { return m_layout; }
    // The lines under the diagram: the legend, and a note when the highlighted node is not shown.
    QStringList caption() const;

    QSize minimumSizeHint() const override { return {360, 260}; }
    QSize sizeHint() const override { return {640, 480}; }

    // Bold edges into each receiving node; the others are drawn faint.
    static constexpr int strongEdgesPerNode = 6;
    static constexpr double minimumMapRadius = 9.0; // smaller circles show only their colour

public Q_SLOTS:
    void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) override;
    void highlightNode(reciprocal::widgets::NodeRef node) override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // How one transfer's edges are drawn.
    struct EdgeEmphasis {
        float maxWeight = 0.0f;     // largest |W| among the edges
        std::vector<char> strong;   // per edge: among the strongest into its receiving node
        std::vector<int> drawOrder; // edge indices, faint ones first, then by increasing |W|
    };
    struct EdgeRef {
        int transfer = 0;
        int edge = 0;
    };

    bool hasDiagram() const;
    void arrange();
    void rankEdges();
    // What a layer's circles show: eigenvalues, connectivity, or nothing (inputs without lam_in).
    const Eigen::VectorXf* nodeValues(int layer) const;
    int layerWidth(int layer) const;
    bool isPruned(NodeRef node) const;
    double circleRadius(NodeRef node) const;
    QLineF edgeLine(int transfer, const EdgeSample& edge) const;
    std::optional<EdgeRef> edgeAt(QPointF point) const;
    QString nodeToolTip(NodeRef node) const;
    QString edgeToolTip(EdgeRef ref) const;
    QRectF captionArea() const; // the caption sits at its bottom
    void paintEdges(QPainter& painter) const;
    void paintNodes(QPainter& painter) const;
    // The node's map over the input plane inside its circle (2-D data, circles large enough).
    void paintNodeMap(QPainter& painter, NodeRef node, QPointF centre, double radius) const;
    void paintLabels(QPainter& painter) const;

    SnapshotPtr m_snapshot;
    DiagramLayout m_layout;
    std::vector<EdgeEmphasis> m_emphasis; // per transfer
    std::vector<float> m_layerScale;      // per layer: the largest |value| of its nodeValues
    // Per layer: the smallest and largest |value| of the nodes shown. The diagram shows the most
    // important nodes, whose |λ| lie close together: sizes span this range, or all looked alike.
    std::vector<std::pair<float, float>> m_shownRange;
    NodeRef m_highlighted;
};

} // namespace reciprocal::widgets
