#pragma once

#include "widgets/views/SnapshotView.h"

#include <QImage>
#include <QRectF>
#include <optional>
#include <vector>

namespace reciprocal::widgets {

// Heat maps of |W| per transfer, one map per transfer in a grid chosen to fill the view: rows are
// receiving nodes i, columns emitting nodes j. The worker reduces each map to at most
// maxMaskRows x maxMaskColumns cells by the maximum over each block of weights, so a single strong
// weight stays visible; the colour runs from the background (0) to the transfer's largest |W|,
// shown on a colour bar beside the map. Pruned receiving nodes are grey hatched bands and the title
// gives the share of zero weights. Hovering a cell reads out its block; clicking it selects its
// first active receiving node. A highlighted node is marked by a line along its row (as receiving
// node) and a dashed line down its column (as emitting node of the next transfer).
//
// seriesCsv(): transfer,cell_row,cell_column,first_row,first_column,max_abs_w with one row per
// cell; first_row and first_column are the block's first weight indices.
class MaskView : public SnapshotView {
    Q_OBJECT

public:
    explicit MaskView(QWidget* parent = nullptr);

    QString seriesCsv() const override;
    QString viewName() const override { return QStringLiteral("masks"); }
    // Where the transfer's heat map is drawn, in widget coordinates; empty if it is not shown.
    QRectF mapArea(int transfer) const;

    QSize minimumSizeHint() const override { return {320, 240}; }
    QSize sizeHint() const override { return {640, 480}; }

public Q_SLOTS:
    void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) override;
    void highlightNode(reciprocal::widgets::NodeRef node) override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Cell {
        int transfer = 0;
        int row = 0;
        int column = 0;
    };

    // Where each map goes, and the panel of the view it is centred in.
    struct MapPlace {
        QRectF map;
        QRectF panel;
    };
    std::vector<MapPlace> mapPlaces() const;
    std::optional<Cell> cellAt(QPointF position) const;
    QString cellToolTip(const Cell& cell) const;
    void renderImages();
    void paintMap(QPainter& painter, int transfer, const MapPlace& place) const;
    void paintPrunedRows(QPainter& painter, int transfer, const QRectF& area) const;
    void paintHighlight(QPainter& painter, int transfer, const QRectF& area) const;
    void paintColourBar(QPainter& painter, int transfer, const QRectF& area) const;

    SnapshotPtr m_snapshot;
    // One image per transfer, a pixel per cell; rendered when painting after the snapshot or the
    // palette changed, so a hidden view costs nothing.
    std::vector<QImage> m_images;
    bool m_imagesCurrent = false;
    NodeRef m_highlighted;
};

} // namespace reciprocal::widgets
