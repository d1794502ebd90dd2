#pragma once

#include "widgets/pruning/PruningPreview.h"

#include "core/data/Dataset.h"
#include "core/training/Model.h"

namespace reciprocal::widgets {

// Previews a request on a masked copy of the network (the network itself is left alone); the
// accuracy before is passed in so a caller can cache it between previews. Throws InputError for
// impossible requests.
PruningPreview previewPruning(const Network<float>& network, const Dataset& test, const PruningRequest& request,
                              double accuracyBefore);

} // namespace reciprocal::widgets
