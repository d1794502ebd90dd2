#pragma once

#include <QIcon>
#include <QPalette>
#include <QStyle>

namespace reciprocal::widgets {

// The dark palette: Fusion-friendly greys, Okabe-Ito accents.
QPalette darkPalette();

// Switch the whole application between the desktop's own palette and a dark one (Fusion style),
// for dark rooms and projectors whatever the desktop theme. Views take their colours from the
// palette, so they follow.
void useDarkPalette(bool dark);

// A one-colour icon of the style (the media symbols: play, pause, stop...) drawn in the palette's
// button text colour, and its disabled text colour when disabled: the styles draw them black,
// which a dark palette hides.
QIcon paletteIcon(QStyle::StandardPixmap symbol, const QWidget& widget);

} // namespace reciprocal::widgets
