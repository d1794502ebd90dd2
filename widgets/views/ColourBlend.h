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

} // namespace reciprocal::widgets
