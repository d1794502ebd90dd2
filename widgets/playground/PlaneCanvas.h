#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QImage>
#include <QWidget>

#include <optional>

namespace reciprocal::widgets {

// The input plane drawn large: a picture over the plane (the decision boundary, or one node's
// map), the data points on top, and axes with values. Square, so distances look as they are.
class PlaneCanvas : public QWidget {
    Q_OBJECT

public:
    explicit PlaneCanvas(QWidget* parent = nullptr);

    // The picture, drawn over `window`; a null image leaves the plane empty.
    void setPicture(const QImage& picture, const PlaneWindow& window);
    void setPoints(std::shared_ptr<const PlanePoints> points);
    void setPointsShown(bool training, bool test);
    // The square the plane fills, in widget coordinates.
    QRectF plotArea() const;
    // Where a point of the plane is drawn, and back.
    QPointF toWidget(float x, float y) const;
    std::optional<QPointF> toPlane(QPointF position) const;

    QSize minimumSizeHint() const override { return {200, 200}; }
    QSize sizeHint() const override { return {560, 560}; }

Q_SIGNALS:
    // The plane's point under the mouse; nullopt when it leaves the plot.
    void planePointHovered(std::optional<QPointF> point);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    void paintAxes(QPainter& painter, const QRectF& area) const;
    void paintPoints(QPainter& painter, const Eigen::MatrixXf& points, const std::vector<std::int32_t>& labels,
                     bool hollow) const;

    QImage m_picture;
    PlaneWindow m_window;
    std::shared_ptr<const PlanePoints> m_points;
    bool m_showTraining = true;
    bool m_showTest = true;
};

} // namespace reciprocal::widgets
