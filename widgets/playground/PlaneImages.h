#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QColor>
#include <QImage>

namespace reciprocal::widgets {

// The pictures of the input plane, one pixel per grid cell (planeGrid's order: row 0 at the top);
// the views scale them smoothly.

// A class's colour: the Okabe-Ito series, as in every chart, so "class 1" is one colour everywhere.
QColor classColour(int classIndex);

// The decision boundary: every cell in its predicted class's colour, the more saturated the surer
// the network is (lightness blends towards `base`, the view's background). Two classes in
// blue/vermillion stay apart for every common colour-vision deficiency.
QImage boundaryImage(const PlanePicture& picture, const QColor& base);

// One hidden node's activation over the plane on a diverging scale: blue below zero, vermillion
// above, `base` at zero, scaled by the map's largest |activation| so that every node shows its shape.
QImage nodeImage(const PlanePicture& picture, int hiddenLayer, int row, const QColor& base);

} // namespace reciprocal::widgets
