#pragma once

#include <QColor>

namespace reciprocal::widgets {

// The colour a fraction t of the way from `from` to `to`, channel by channel (t = 0 gives from,
// t = 1 gives to): shades between the palette's base and text, and diverging scales.
inline QColor blend(const QColor& from, const QColor& to, double t)
{
    return QColor::fromRgbF(static_cast<float>(from.redF() + t * (to.redF() - from.redF())),
                            static_cast<float>(from.greenF() + t * (to.greenF() - from.greenF())),
                            static_cast<float>(from.blueF() + t * (to.blueF() - from.blueF())));
}

// The same for whole images, pixel by pixel, in integers: QColor's float channels cost more than
// the network's forward pass over the plane.
inline QRgb blendRgb(QRgb from, QRgb to, float t)
{
    const auto mix = [t](int a, int b) { return a + static_cast<int>(t * static_cast<float>(b - a) + 0.5f); };
    return qRgb(mix(qRed(from), qRed(to)), mix(qGreen(from), qGreen(to)), mix(qBlue(from), qBlue(to)));
}

} // namespace reciprocal::widgets
