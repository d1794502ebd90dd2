#include "core/data/PlaneFeatures.h"

#include "core/Error.h"

#include <algorithm>

namespace reciprocal {

const char* planeFeatureName(PlaneFeature feature)
{
    switch (feature) {
    case PlaneFeature::X1Squared: return "x1^2";
    case PlaneFeature::X2Squared: return "x2^2";
    case PlaneFeature::X1TimesX2: return "x1*x2";
    case PlaneFeature::SinX1: return "sin_x1";
    case PlaneFeature::SinX2: return "sin_x2";
    }
    return "?";
}

std::vector<PlaneFeature> allPlaneFeatures()
{
    return {PlaneFeature::X1Squared, PlaneFeature::X2Squared, PlaneFeature::X1TimesX2, PlaneFeature::SinX1,
            PlaneFeature::SinX2};
}

std::vector<PlaneFeature> parsePlaneFeatures(std::string_view list)
{
    std::vector<PlaneFeature> features;
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view name = list.substr(0, comma);
        const auto all = allPlaneFeatures();
        const auto found = std::find_if(all.begin(), all.end(),
                                        [&](PlaneFeature feature) { return name == planeFeatureName(feature); });
        if (found == all.end())
            throw InputError("unknown input feature '" + std::string(name) +
                             "' (expected a comma list of x1^2, x2^2, x1*x2, sin_x1, sin_x2)");
        if (std::find(features.begin(), features.end(), *found) != features.end())
            throw InputError("input feature '" + std::string(name) + "' is listed twice");
        features.push_back(*found);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    return features;
}

std::string planeFeaturesText(const std::vector<PlaneFeature>& features)
{
    std::string text;
    for (const PlaneFeature feature : features) {
        if (!text.empty())
            text += ',';
        text += planeFeatureName(feature);
    }
    return text;
}

Eigen::MatrixXf withPlaneFeatures(const Eigen::MatrixXf& points, const std::vector<PlaneFeature>& features)
{
    Eigen::MatrixXf result(2 + static_cast<Eigen::Index>(features.size()), points.cols());
    result.topRows(2) = points.topRows(2);
    const auto x1 = points.row(0).array();
    const auto x2 = points.row(1).array();
    for (std::size_t k = 0; k < features.size(); ++k) {
        auto row = result.row(2 + static_cast<Eigen::Index>(k)).array();
        switch (features[k]) {
        case PlaneFeature::X1Squared: row = x1.square(); break;
        case PlaneFeature::X2Squared: row = x2.square(); break;
        case PlaneFeature::X1TimesX2: row = x1 * x2; break;
        case PlaneFeature::SinX1: row = x1.sin(); break;
        case PlaneFeature::SinX2: row = x2.sin(); break;
        }
    }
    return result;
}

} // namespace reciprocal
