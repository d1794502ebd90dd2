#include "widgets/playground/PlaneImages.h"

#include "widgets/OkabeIto.h"
#include "widgets/views/ColourBlend.h"

#include <algorithm>

namespace reciprocal::widgets {

QColor classColour(int classIndex)
{
    return okabeIto::series[static_cast<std::size_t>(classIndex) % okabeIto::series.size()];
}

QImage boundaryImage(const PlanePicture& picture, const QColor& base)
{
    const int side = picture.resolution;
    QImage image(side, side, QImage::Format_RGB32);
    const auto classes = picture.probabilities.rows();
    const double chance = classes > 0 ? 1.0 / static_cast<double>(classes) : 1.0;
    for (int row = 0; row < side; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        for (int column = 0; column < side; ++column) {
            Eigen::Index predicted = 0;
            const float top = picture.probabilities.col(static_cast<Eigen::Index>(row) * side + column).maxCoeff(&predicted);
            // 0 at chance, 1 when certain; even an unsure cell keeps a tint of its class.
            const double confidence = chance < 1.0 ? std::clamp((top - chance) / (1.0 - chance), 0.0, 1.0) : 1.0;
            line[column] = blend(base, classColour(static_cast<int>(predicted)), 0.15 + 0.5 * confidence).rgb();
        }
    }
    return image;
}

QImage nodeImage(const PlanePicture& picture, int hiddenLayer, int row, const QColor& base)
{
    const int side = picture.nodeResolution;
    QImage image(side, side, QImage::Format_RGB32);
    const auto values = picture.nodeMaps.at(static_cast<std::size_t>(hiddenLayer)).row(row);
    const float scale = std::max(values.cwiseAbs().maxCoeff(), 1e-6f);
    for (int r = 0; r < side; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int column = 0; column < side; ++column) {
            const float value = values(static_cast<Eigen::Index>(r) * side + column) / scale;
            line[column] = blend(base, value < 0 ? okabeIto::blue : okabeIto::vermillion, std::abs(value) * 0.85).rgb();
        }
    }
    return image;
}

} // namespace reciprocal::widgets
