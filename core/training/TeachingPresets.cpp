#include "core/training/TeachingPresets.h"

#include "core/data/DatasetCatalog.h"

#include <array>
#include <utility>

namespace reciprocal {

namespace {

TeachingPreset preset(std::vector<int> hiddenWidths, int epochs, double noise)
{
    TeachingPreset result;
    result.hiddenWidths = std::move(hiddenWidths);
    result.epochs = epochs;
    result.noise = noise;
    return result;
}

} // namespace

const TeachingPreset* teachingPreset(std::string_view dataset)
{
    // Test accuracy with these settings and seeds 1-5 (tests/core/training/test_teaching_presets):
    // xor, circles and blobs at least 0.97, spirals 0.92 on average and at least 0.90 (docs/command-line.md
    // has the measured figures). XOR's points lie in the quadrants' interiors only up to the noise, so
    // little noise keeps the classes apart; spirals need two wider layers and more epochs.
    static const std::array<std::pair<std::string_view, TeachingPreset>, 4> presets{{
        {"spirals", preset({32, 32}, 200, 0.05)},
        {"circles", preset({16, 16}, 30, 0.1)},
        {"xor", preset({32, 32}, 100, 0.02)},
        {"blobs", preset({16, 16}, 30, 0.1)},
    }};
    for (const auto& [name, entry] : presets)
        if (name == dataset)
            return &entry;
    return nullptr;
}

std::vector<int> presetWidths(const TeachingPreset& preset, const DatasetSpec& spec)
{
    const DatasetFacts& facts = datasetFacts(spec.name);
    std::vector<int> widths{facts.inputWidth + static_cast<int>(spec.toyFeatures.size())};
    widths.insert(widths.end(), preset.hiddenWidths.begin(), preset.hiddenWidths.end());
    widths.push_back(facts.classesChosen ? spec.toyClasses : facts.outputWidth);
    return widths;
}

} // namespace reciprocal
