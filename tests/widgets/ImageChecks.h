#pragma once

// Checks on grabbed images, shared by the view tests.
#include <QImage>
#include <QSet>

namespace reciprocal::widgets::testing {

// Distinct colours on a grid of every step-th pixel: a drawn view has many, an empty canvas few.
inline int distinctColours(const QImage& image, int step = 3)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += step)
        for (int x = 0; x < image.width(); x += step)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

} // namespace reciprocal::widgets::testing
