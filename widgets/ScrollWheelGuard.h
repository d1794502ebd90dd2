#pragma once

#include <QObject>

namespace reciprocal::widgets {

// The mouse wheel changes a spin box, combo box or slider only once the control has the focus (a
// click or Tab gives it): the setup and knob panels scroll, and a wheel turned to scroll them
// must not edit the value that happens to pass under the pointer. Installed on the application,
// so controls created later (the knobs of each selected node) are covered too.
class ScrollWheelGuard : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace reciprocal::widgets
