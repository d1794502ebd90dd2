#pragma once

#include <QLabel>

namespace reciprocal::widgets {

// A one-line label that gives way: it may be narrower than its text, which then ends in "…" and
// shows whole as the tooltip. A plain QLabel insists on its text's width, so in a status bar with
// large type (classroom mode, a narrow screen) it ran under the read-outs beside it.
class ElidingLabel : public QLabel {
    Q_OBJECT

public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace reciprocal::widgets
