#pragma once

#include <QFont>

class QChart;

namespace reciprocal::widgets {

// Qt Charts draws titles, axes and legends in its theme's fonts, not the view's, so a larger
// application font (classroom mode) left the charts' type small. A chart view calls follow() on
// every FontChange: each chart font grows or shrinks by the factor the view's font did, so the
// charts keep their proportions to the rest of the window.
class ChartFontScale {
public:
    explicit ChartFontScale(const QFont& viewFont);

    // Returns the factor applied (1 when the size did not change).
    qreal follow(QChart& chart, const QFont& viewFont);

private:
    qreal m_pointSize;
};

// The font at `factor` times its point size.
QFont scaledFont(QFont font, qreal factor);

} // namespace reciprocal::widgets
