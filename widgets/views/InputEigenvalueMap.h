#pragma once

#include <Eigen/Core>

#include <QImage>
#include <QWidget>

#include <vector>

namespace reciprocal::widgets {

// The first layer's input eigenvalues lam_in laid out as the samples are (28 x 28 pixels, the mean
// over the channels of a colour image, a one-row strip for flat samples) in a diverging colour map:
// blue negative, the background colour at zero, vermillion positive, with a colour legend. Values
// that are never negative (an input ranking's scores) get the sequential map from zero instead, and
// silenced inputs are drawn grey.
class InputEigenvalueMap : public QWidget {
    Q_OBJECT

public:
    explicit InputEigenvalueMap(QWidget* parent = nullptr);

    void setEigenvalues(const Eigen::VectorXf& lamIn, const std::vector<int>& sampleShape);
    // A message in place of the image, when there are no input eigenvalues to show.
    void showMessage(const QString& message);
    void setHighlightedInput(int input); // -1 for none
    void setHeading(const QString& heading);
    // 1 per kept input, 0 per silenced one (drawn grey); empty for none silenced. Call after
    // setEigenvalues, with as many entries.
    void setKeptInputs(const Eigen::VectorXf& kept);

    // What the image shows, e.g. "28 × 28 inputs"; empty while a message is shown.
    QString caption() const { return m_caption; }
    const QImage& image() const { return m_image; }

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    void renderImage();
    QFont headingFont() const;
    QRect textRect() const; // the heading and, in its last line, the caption
    QRectF imageRect() const;
    int cellAt(QPointF position) const; // -1 outside the image

    std::vector<float> m_cells; // m_rows x m_columns, row-major
    int m_rows = 0;
    int m_columns = 0;
    int m_channels = 1; // cells are the mean over this many channels
    float m_range = 0.0f; // the colour map spans -m_range..m_range, or 0..m_range for magnitudes
    bool m_magnitudes = false; // no value is negative: the sequential map
    std::vector<bool> m_silenced; // per cell: every channel of the input silenced
    QString m_heading;
    QImage m_image;
    QString m_caption;
    QString m_message;
    int m_highlighted = -1;
};

} // namespace reciprocal::widgets
