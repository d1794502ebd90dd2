#pragma once

#include <QPalette>

namespace reciprocal::widgets {

// The dark palette: Fusion-friendly greys, Okabe-Ito accents.
QPalette darkPalette();

// Switch the whole application between the desktop's own palette and a dark one (Fusion style),
// for dark rooms and projectors whatever the desktop theme. Views take their colours from the
// palette, so they follow.
void useDarkPalette(bool dark);

} // namespace reciprocal::widgets
