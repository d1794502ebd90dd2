#include "widgets/views/SequentialColourMap.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace reciprocal::widgets {

namespace {

// Viridis at nine evenly spaced points, dark to light.
const std::array<QRgb, 9> viridis = {0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d,
                                     0x27ad81, 0x5cc863, 0xaadc32, 0xfde725};

QRgb mix(QRgb from, QRgb to, double t)
{
    const auto channel = [t](int a, int b) { return static_cast<int>(std::lround(a + t * (b - a))); };
    return qRgb(channel(qRed(from), qRed(to)), channel(qGreen(from), qGreen(to)),
                channel(qBlue(from), qBlue(to)));
}

} // namespace

SequentialColourMap::SequentialColourMap(const QColor& base)
{
    std::vector<QRgb> stops{base.rgb()};
    if (base.lightnessF() > 0.5)
        stops.insert(stops.end(), viridis.rbegin(), viridis.rend());
    else
        stops.insert(stops.end(), viridis.begin(), viridis.end());
    const auto intervals = static_cast<double>(stops.size() - 1);
    for (int k = 0; k < tableSize; ++k) {
        const double position = intervals * k / (tableSize - 1);
        const auto lower = std::min(static_cast<std::size_t>(position), stops.size() - 2);
        m_table[static_cast<std::size_t>(k)] =
            mix(stops[lower], stops[lower + 1], position - static_cast<double>(lower)) | 0xff000000u;
    }
}

QRgb SequentialColourMap::rgb(double t) const
{
    const double clamped = std::isnan(t) ? 0.0 : std::clamp(t, 0.0, 1.0);
    return m_table[static_cast<std::size_t>(std::lround(clamped * (tableSize - 1)))];
}

QLinearGradient SequentialColourMap::gradient(QPointF start, QPointF stop) const
{
    QLinearGradient gradient(start, stop);
    constexpr int steps = 16;
    for (int k = 0; k <= steps; ++k)
        gradient.setColorAt(static_cast<double>(k) / steps, colour(static_cast<double>(k) / steps));
    return gradient;
}

} // namespace reciprocal::widgets
