#pragma once

#include "widgets/views/SnapshotView.h"

#include <QPointF>

#include <optional>

class QCheckBox;
class QGridLayout;
class QLabel;

namespace reciprocal::widgets {

class NodeMapGrid;
class PlaneCanvas;

// The input-space view of a network with two inputs (the generated sets): the decision boundary
// over the plane with the training and test points on top, and beside it a thumbnail of every
// shown hidden node's activation. Hovering a thumbnail draws that node's map large; clicking one
// selects the node, as everywhere. The previous run's final boundary can stand beside the current
// one ("Previous run"; in the thumbnails' place), the two planes of one size and each titled with
// the run's settings, so two runs compare at a glance. Other data sets get a note saying what the
// view needs, and none of the plane's controls.
//
// seriesCsv(): x1,x2,predicted_class,confidence,p_0..p_(C-1) per grid cell.
class PlaygroundView : public SnapshotView {
    Q_OBJECT

public:
    explicit PlaygroundView(QWidget* parent = nullptr);

    QString seriesCsv() const override;
    QString viewName() const override { return QStringLiteral("playground"); }
    QString dataFileName() const override { return QStringLiteral("playground-boundary.csv"); }
    QWidget& figure() override;
    PlaneCanvas& canvas() { return *m_canvas; }
    NodeMapGrid& nodeMaps() { return *m_nodeMaps; }
    // The node whose map is drawn large instead of the boundary (invalid: the boundary).
    NodeRef shownNode() const { return m_hovered; }
    // Keeps the run's last picture for "Previous run" (runs without a plane are not kept).
    void keepRun(const SnapshotPtr& run);
    PlaneCanvas& previousCanvas() { return *m_previousCanvas; }

public Q_SLOTS:
    void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) override;
    void highlightNode(reciprocal::widgets::NodeRef node) override;

Q_SIGNALS:
    // The plane's point under the mouse (for the formula read-out); nullopt when it leaves.
    void planePointHovered(std::optional<QPointF> point);

private:
    void showNodeLarge(NodeRef node);
    void refreshPicture();
    void refreshCaption();
    void showPrevious(bool shown);

    SnapshotPtr m_snapshot;
    QWidget* m_figure;
    PlaneCanvas* m_canvas;
    NodeMapGrid* m_nodeMaps;
    QLabel* m_title;
    QLabel* m_caption;
    QLabel* m_placeholder;
    QCheckBox* m_trainingPoints;
    QCheckBox* m_testPoints;
    NodeRef m_hovered;
    SnapshotPtr m_previous;
    QGridLayout* m_planes; // the titles in one row, so that both planes start at one height
    PlaneCanvas* m_previousCanvas;
    QLabel* m_previousTitle;
    QCheckBox* m_showPrevious;
};

} // namespace reciprocal::widgets
