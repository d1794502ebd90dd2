#pragma once

#include <QColor>
#include <QLinearGradient>
#include <QRgb>
#include <array>

namespace reciprocal::widgets {

// A perceptually ordered colour ramp (viridis) for magnitudes 0..1 that starts at the palette's
// base colour, so a zero is drawn as background and a sparse matrix looks sparse. The ramp runs
// away from the base: light to dark on a light palette, dark to light on a dark one, so larger
// always means more contrast.
class SequentialColourMap {
public:
    explicit SequentialColourMap(const QColor& base = Qt::white);

    // The colour of t, clamped to [0, 1]; NaN counts as 0.
    QRgb rgb(double t) const;
    QColor colour(double t) const { return QColor::fromRgb(rgb(t)); }
    // The ramp from start (0) to stop (1), for a colour bar.
    QLinearGradient gradient(QPointF start, QPointF stop) const;

private:
    static constexpr int tableSize = 256;
    std::array<QRgb, tableSize> m_table{};
};

} // namespace reciprocal::widgets
