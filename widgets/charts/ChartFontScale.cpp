#include "widgets/charts/ChartFontScale.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>

namespace reciprocal::widgets {

QFont scaledFont(QFont font, qreal factor)
{
    font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

ChartFontScale::ChartFontScale(const QFont& viewFont)
    : m_pointSize(viewFont.pointSizeF())
{
}

qreal ChartFontScale::follow(QChart& chart, const QFont& viewFont)
{
    const qreal factor = m_pointSize > 0 ? viewFont.pointSizeF() / m_pointSize : 1.0;
    m_pointSize = viewFont.pointSizeF();
    if (factor <= 0 || factor == 1.0)
        return 1.0;
    chart.setTitleFont(scaledFont(chart.titleFont(), factor));
    chart.legend()->setFont(scaledFont(chart.legend()->font(), factor));
    for (QAbstractAxis* axis : chart.axes()) {
        axis->setLabelsFont(scaledFont(axis->labelsFont(), factor));
        axis->setTitleFont(scaledFont(axis->titleFont(), factor));
    }
    return factor;
}

} // namespace reciprocal::widgets
