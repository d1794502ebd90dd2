#pragma once

// The window's action with this text (mnemonic included, "&Play"), or null, for tests that check
// what a menu or toolbar entry offers.
#include <QAction>
#include <QWidget>

namespace reciprocal::widgets::testing {

inline QAction* actionNamed(const QWidget& window, const QString& text)
{
    for (QAction* action : window.findChildren<QAction*>())
        if (action->text() == text)
            return action;
    return nullptr;
}

} // namespace reciprocal::widgets::testing
