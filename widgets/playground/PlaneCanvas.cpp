#include "widgets/playground/PlaneCanvas.h"

#include "widgets/playground/PlaneImages.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace reciprocal::widgets {

namespace {

// Ticks at 1, 2 or 5 times a power of ten, about `wanted` of them over [low, high].
std::vector<double> niceTicks(double low, double high, int wanted)
{
    const double raw = (high - low) / std::max(1, wanted);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double factor : {1.0, 2.0, 5.0, 10.0})
        if (factor * magnitude >= raw) {
            step = factor * magnitude;
            break;
        }
    std::vector<double> ticks;
    for (double tick = std::ceil(low / step) * step; tick <= high + 1e-9 * step; tick += step)
        ticks.push_back(std::abs(tick) < 1e-9 * step ? 0.0 : tick);
    return ticks;
}

} // namespace

PlaneCanvas::PlaneCanvas(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PlaneCanvas::setPicture(const QImage& picture, const PlaneWindow& window)
{
    m_picture = picture;
    m_window = window;
    update();
}

void PlaneCanvas::setPoints(std::shared_ptr<const PlanePoints> points)
{
    m_points = std::move(points);
    update();
}

void PlaneCanvas::setPointsShown(bool training, bool test)
{
    m_showTraining = training;
    m_showTest = test;
    update();
}

QRectF PlaneCanvas::plotArea() const
{
    const QFontMetrics metrics(font());
    // Room for the y tick labels on the left and the x tick labels and title below.
    const double left = metrics.horizontalAdvance(QStringLiteral("-0.00")) + metrics.height() + 10;
    const double bottom = 2.0 * metrics.height() + 10;
    const double side = std::max(40.0, std::min(width() - left - 8.0, height() - bottom - 8.0));
    return {left, 8.0, side, side};
}

QPointF PlaneCanvas::toWidget(float x, float y) const
{
    const QRectF area = plotArea();
    return {area.left() + (x - m_window.xMin) / (m_window.xMax - m_window.xMin) * area.width(),
            area.bottom() - (y - m_window.yMin) / (m_window.yMax - m_window.yMin) * area.height()};
}

std::optional<QPointF> PlaneCanvas::toPlane(QPointF position) const
{
    const QRectF area = plotArea();
    if (!area.contains(position))
        return std::nullopt;
    return QPointF(m_window.xMin + (position.x() - area.left()) / area.width() * (m_window.xMax - m_window.xMin),
                   m_window.yMin + (area.bottom() - position.y()) / area.height() * (m_window.yMax - m_window.yMin));
}

void PlaneCanvas::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    const QRectF area = plotArea();
    painter.fillRect(area, palette().color(QPalette::Base));
    if (!m_picture.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(area, m_picture);
    }
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_points && m_showTraining)
        paintPoints(painter, m_points->train, m_points->trainLabels, false);
    if (m_points && m_showTest)
        paintPoints(painter, m_points->test, m_points->testLabels, true);
    paintAxes(painter, area);
}

void PlaneCanvas::paintPoints(QPainter& painter, const Eigen::MatrixXf& points,
                              const std::vector<std::int32_t>& labels, bool hollow) const
{
    const double radius = std::clamp(plotArea().width() / 160.0, 2.5, 4.5);
    QColor outline = palette().color(QPalette::Text);
    outline.setAlphaF(0.7f);
    for (Eigen::Index i = 0; i < points.cols(); ++i) {
        const QColor colour = classColour(labels[static_cast<std::size_t>(i)]);
        // Training points are filled and outlined; test points are rings in their class's colour.
        painter.setPen(hollow ? QPen(colour, 2.0) : QPen(outline, 0.8));
        painter.setBrush(hollow ? palette().color(QPalette::Base) : colour);
        painter.drawEllipse(toWidget(points(0, i), points(1, i)), radius, radius);
    }
}

void PlaneCanvas::paintAxes(QPainter& painter, const QRectF& area) const
{
    const QFontMetrics metrics(font());
    painter.setPen(palette().color(QPalette::Text));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area);
    const int wanted = std::max(4, static_cast<int>(area.width() / 70));
    for (const double x : niceTicks(m_window.xMin, m_window.xMax, wanted)) {
        const double at = toWidget(static_cast<float>(x), m_window.yMin).x();
        painter.drawLine(QPointF(at, area.bottom()), QPointF(at, area.bottom() + 4));
        const QString label = QString::number(x, 'g', 3);
        painter.drawText(QPointF(at - metrics.horizontalAdvance(label) / 2.0, area.bottom() + 4 + metrics.ascent()), label);
    }
    for (const double y : niceTicks(m_window.yMin, m_window.yMax, wanted)) {
        const double at = toWidget(m_window.xMin, static_cast<float>(y)).y();
        painter.drawLine(QPointF(area.left() - 4, at), QPointF(area.left(), at));
        const QString label = QString::number(y, 'g', 3);
        painter.drawText(QPointF(area.left() - 6 - metrics.horizontalAdvance(label), at + metrics.ascent() / 2.5), label);
    }
    const QString xTitle = QStringLiteral("x₁");
    painter.drawText(QPointF(area.center().x() - metrics.horizontalAdvance(xTitle) / 2.0,
                             area.bottom() + 6 + metrics.height() + metrics.ascent()),
                     xTitle);
    painter.save();
    painter.translate(metrics.ascent(), area.center().y());
    painter.rotate(-90);
    painter.drawText(QPointF(-metrics.horizontalAdvance(QStringLiteral("x₂")) / 2.0, 0), QStringLiteral("x₂"));
    painter.restore();
}

void PlaneCanvas::mouseMoveEvent(QMouseEvent* event)
{
    Q_EMIT planePointHovered(toPlane(event->position()));
    QWidget::mouseMoveEvent(event);
}

void PlaneCanvas::leaveEvent(QEvent* event)
{
    Q_EMIT planePointHovered(std::nullopt);
    QWidget::leaveEvent(event);
}

} // namespace reciprocal::widgets
