#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace reciprocal::widgets {

// The network's inputs and hidden nodes over the input plane. First the inputs - x1, x2 and any
// extra features - each with a bar of its |λ_in| in the first transfer (two-set layers), which says
// how much the network uses it; then a thumbnail of every hidden node the diagram shows (its
// activation over the plane), one section per hidden layer, sized so that all of them fit.
// Hovering a thumbnail names its node (the playground then shows that map large); clicking an input
// or a thumbnail selects that node.
class NodeMapGrid : public QWidget {
    Q_OBJECT

public:
    explicit NodeMapGrid(QWidget* parent = nullptr);

    void showPicture(const SnapshotPtr& snapshot);
    void highlightNode(NodeRef node);
    // Where a node's thumbnail is drawn; empty when it is not shown.
    QRect thumbnailRect(NodeRef node) const;
    // The node whose thumbnail is at the position, or an invalid NodeRef.
    NodeRef nodeAt(QPoint position) const;

    QSize minimumSizeHint() const override { return {110, 160}; }
    QSize sizeHint() const override { return {300, 480}; }

Q_SIGNALS:
    void nodeHovered(reciprocal::widgets::NodeRef node);
    void nodeSelected(reciprocal::widgets::NodeRef node);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Thumbnail {
        NodeRef node;
        QRect rect;
        QImage image;
        QString label;
        QString toolTip;
    };
    struct InputBar {
        NodeRef node; // layer 0
        QRect rect;
        QString name;
        float value = 0.0f; // λ_in
        float scale = 1.0f; // the largest |λ_in|
    };
    struct Heading {
        QRect rect;
        QString text;
        QString toolTip; // the whole story, where the text is short for the narrow column
    };
    void rebuild();
    // The inputs' rows from y on; returns the y below them.
    int layOutInputs(int y);

    SnapshotPtr m_snapshot;
    std::vector<Thumbnail> m_thumbnails;
    std::vector<Heading> m_headings;
    std::vector<InputBar> m_inputs;
    NodeRef m_highlighted;
    NodeRef m_hovered;
};

} // namespace reciprocal::widgets
