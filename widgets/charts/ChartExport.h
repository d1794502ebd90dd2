#pragma once

#include <QSize>
#include <QString>

class QChart;
class QWidget;

namespace reciprocal::widgets {

// Save a widget as it is drawn now, atomically, as PNG or SVG (by the file's extension). Throws
// reciprocal::InputError naming the file if it cannot be written or the extension is neither.
void saveWidgetImage(QWidget& widget, const QString& path, const QString& title = {});

// Render a chart offscreen at the given size and save it like saveWidgetImage.
void saveChart(QChart* chart, const QString& path, const QSize& size);

// Save text (e.g. CSV) atomically. Throws InputError naming the file on failure.
void saveText(const QString& text, const QString& path);

} // namespace reciprocal::widgets
