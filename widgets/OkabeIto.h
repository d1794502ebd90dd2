#pragma once

#include <QColor>

#include <array>

// The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008): colours that stay apart
// for the common kinds of colour blindness, in print and on light or dark backgrounds. Every
// accent colour of the application comes from here, so a colour means the same in every view.
// The palette's yellow (#F0E442) is left out: it is too faint on white for lines or text.
namespace reciprocal::widgets::okabeIto {

inline constexpr QColor black{0x00, 0x00, 0x00};
inline constexpr QColor orange{0xe6, 0x9f, 0x00};
inline constexpr QColor skyBlue{0x56, 0xb4, 0xe9};
inline constexpr QColor bluishGreen{0x00, 0x9e, 0x73};
inline constexpr QColor blue{0x00, 0x72, 0xb2};
inline constexpr QColor vermillion{0xd5, 0x5e, 0x00};
inline constexpr QColor reddishPurple{0xcc, 0x79, 0xa7};

// The colours in the order a chart hands them to its curves, the most distinct pairs first.
inline constexpr std::array<QColor, 7> series{blue,   vermillion, bluishGreen, reddishPurple,
                                              orange, skyBlue,    black};

} // namespace reciprocal::widgets::okabeIto
