#include "widgets/playground/PlaneImages.h"

#include "widgets/OkabeIto.h"
#include "widgets/views/ColourBlend.h"

#include <algorithm>
#include <vector>

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
    const QRgb background = base.rgb();
    std::vector<QRgb> colours;
    for (Eigen::Index c = 0; c < classes; ++c)
        colours.push_back(classColour(static_cast<int>(c)).rgb());
    for (int row = 0; row < side; ++row) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(row));
        for (int column = 0; column < side; ++column) {
            Eigen::Index predicted = 0;
            const float top = picture.probabilities.col(static_cast<Eigen::Index>(row) * side + column).maxCoeff(&predicted);
            // 0 at chance, 1 when certain; even an unsure cell keeps a tint of its class.
            const double confidence = chance < 1.0 ? std::clamp((top - chance) / (1.0 - chance), 0.0, 1.0) : 1.0;
            line[column] = blendRgb(background, colours[static_cast<std::size_t>(predicted)],
                                    static_cast<float>(0.15 + 0.5 * confidence));
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
    const QRgb background = base.rgb();
    const QRgb negative = okabeIto::blue.rgb();
    const QRgb positive = okabeIto::vermillion.rgb();
    for (int r = 0; r < side; ++r) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(r));
        for (int column = 0; column < side; ++column) {
            const float value = values(static_cast<Eigen::Index>(r) * side + column) / scale;
            line[column] = blendRgb(background, value < 0 ? negative : positive, std::abs(value) * 0.85f);
        }
    }
    return image;
}

} // namespace reciprocal::widgets
