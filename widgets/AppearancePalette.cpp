#include "widgets/AppearancePalette.h"

#include "widgets/OkabeIto.h"

#include <QApplication>
#include <QPainter>
#include <QWidget>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace reciprocal::widgets {

QPalette darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, okabeIto::blue);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, okabeIto::skyBlue);
    palette.setColor(QPalette::Light, window.lighter(150));
    palette.setColor(QPalette::Midlight, window.lighter(125));
    palette.setColor(QPalette::Mid, window.lighter(110));
    palette.setColor(QPalette::Dark, window.darker(150));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

void useDarkPalette(bool dark)
{
    static const QString desktopStyle = QApplication::style()->name();
    if (dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    } else {
        QApplication::setStyle(QStyleFactory::create(desktopStyle));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

QIcon paletteIcon(QStyle::StandardPixmap symbol, const QWidget& widget)
{
    const QIcon drawn = widget.style()->standardIcon(symbol, nullptr, &widget);
    QList<QSize> sizes = drawn.availableSizes();
    if (sizes.isEmpty()) // a scalable theme icon
        sizes = {QSize(16, 16), QSize(24, 24), QSize(32, 32)};
    QIcon icon;
    for (const QSize& size : sizes) {
        for (const auto& [mode, group] : {std::pair{QIcon::Normal, QPalette::Active}, {QIcon::Disabled, QPalette::Disabled}}) {
            QPixmap pixmap = drawn.pixmap(size);
            QPainter painter(&pixmap);
            painter.setCompositionMode(QPainter::CompositionMode_SourceIn); // keep the symbol's shape
            painter.fillRect(pixmap.rect(), widget.palette().color(group, QPalette::ButtonText));
            painter.end();
            icon.addPixmap(pixmap, mode);
        }
    }
    return icon;
}

} // namespace reciprocal::widgets
