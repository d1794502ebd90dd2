#pragma once

#include <QSize>
#include <QString>

class QChart;

namespace reciprocal::widgets {

// Render a chart offscreen at the given size and save it atomically as PNG or SVG (by the file's
// extension). Throws reciprocal::InputError naming the file if it cannot be written or the
// extension is neither.
void saveChart(QChart* chart, const QString& path, const QSize& size);

} // namespace reciprocal::widgets
