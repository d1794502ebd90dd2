#pragma once

// Core value types that cross between the GUI and training threads in queued signals.

#include "core/pruning/PruningPreview.h"

#include <QMetaType>

Q_DECLARE_METATYPE(reciprocal::PruningPreview)
Q_DECLARE_METATYPE(reciprocal::PruningRequest)
