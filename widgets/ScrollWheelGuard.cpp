#include "widgets/ScrollWheelGuard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>

namespace reciprocal::widgets {

namespace {

bool isValueControl(const QObject* object)
{
    return qobject_cast<const QAbstractSpinBox*>(object) || qobject_cast<const QComboBox*>(object) ||
           qobject_cast<const QAbstractSlider*>(object);
}

} // namespace

bool ScrollWheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Polish && isValueControl(watched)) {
        // Qt gives combo and spin boxes the focus on a wheel turn (Qt::WheelFocus) before the turn
        // reaches them, which would let it through below.
        static_cast<QWidget*>(watched)->setFocusPolicy(Qt::StrongFocus);
    } else if (event->type() == QEvent::Wheel && isValueControl(watched) &&
               !static_cast<QWidget*>(watched)->hasFocus()) {
        event->ignore(); // on to the parents: the scroll area scrolls
        return true;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace reciprocal::widgets
