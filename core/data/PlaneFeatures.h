#pragma once

#include <Eigen/Core>

#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// Extra input features of the generated 2-D sets, computed from a point's coordinates (x1, x2), as
// TensorFlow Playground offers them: with x1² + x2² a circle is a straight cut, with x1·x2 XOR is.
// A network given them shows, through the first layer's input eigenvalues λ_in, which it uses.
enum class PlaneFeature { X1Squared, X2Squared, X1TimesX2, SinX1, SinX2 };

const char* planeFeatureName(PlaneFeature feature); // "x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"
std::vector<PlaneFeature> allPlaneFeatures();
// A comma list of names, e.g. "x1^2,x2^2"; empty text is no feature. Throws InputError for an
// unknown or repeated name.
std::vector<PlaneFeature> parsePlaneFeatures(std::string_view list);
std::string planeFeaturesText(const std::vector<PlaneFeature>& features);

// The points (2 x N: x1, x2) followed by one row per feature, in the order given.
Eigen::MatrixXf withPlaneFeatures(const Eigen::MatrixXf& points, const std::vector<PlaneFeature>& features);

} // namespace reciprocal
