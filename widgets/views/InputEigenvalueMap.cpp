#include "widgets/views/InputEigenvalueMap.h"

#include "widgets/views/ColourBlend.h"
#include "widgets/views/SequentialColourMap.h"
#include "widgets/views/SpectrumChartView.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLinearGradient>
#include <QFontMetrics>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace reciprocal::widgets {

namespace {

constexpr int legendBarHeight = 12;
constexpr int stripHeight = 32; // a one-row strip is this tall, however many inputs it has

// Blue below zero, neutral at zero, vermillion above; t in -1..1.
QColor diverging(double t, const QColor& neutral)
{
    return t < 0.0 ? blend(neutral, spectrumColour::active, std::min(-t, 1.0))
                   : blend(neutral, spectrumColour::positive, std::min(t, 1.0));
}

QString compact(double value) { return QString::number(value, 'g', 3); }

} // namespace

InputEigenvalueMap::InputEigenvalueMap(QWidget* parent)
    : QWidget(parent)
    , m_heading(tr("Input eigenvalues λ_in, layer 1"))
{
    setToolTip(tr("Input eigenvalues λ_in of the first layer, one cell per input;\n"
                  "blue negative, vermillion positive"));
}

void InputEigenvalueMap::setHeading(const QString& heading)
{
    m_heading = heading;
    update();
}

void InputEigenvalueMap::setKeptInputs(const Eigen::VectorXf& kept)
{
    const int cellCount = m_rows * m_columns;
    m_silenced.assign(static_cast<std::size_t>(kept.size() ? cellCount : 0), true);
    for (Eigen::Index input = 0; input < kept.size() && cellCount > 0; ++input)
        if (kept(input) != 0.0f)
            m_silenced[static_cast<std::size_t>(input % cellCount)] = false;
    update();
}

QSize InputEigenvalueMap::minimumSizeHint() const { return {180, 200}; }

QSize InputEigenvalueMap::sizeHint() const { return {260, 320}; }

void InputEigenvalueMap::setEigenvalues(const Eigen::VectorXf& lamIn, const std::vector<int>& sampleShape)
{
    const auto inputs = static_cast<int>(lamIn.size());
    const int shapeSize = std::accumulate(sampleShape.begin(), sampleShape.end(), 1, std::multiplies<>());
    const bool image = shapeSize == inputs && (sampleShape.size() == 2 || sampleShape.size() == 3);
    m_channels = image && sampleShape.size() == 3 ? sampleShape[0] : 1;
    m_rows = image ? sampleShape[sampleShape.size() - 2] : 1;
    m_columns = image ? sampleShape.back() : inputs;
    const int cellCount = m_rows * m_columns;
    // Channel-major samples (CIFAR: the red plane, then green, then blue): average the planes.
    m_cells.assign(static_cast<std::size_t>(cellCount), 0.0f);
    for (int input = 0; input < inputs; ++input)
        m_cells[static_cast<std::size_t>(input % cellCount)] += lamIn(input) / static_cast<float>(m_channels);
    m_range = 0.0f;
    m_magnitudes = true;
    for (const float value : m_cells) {
        m_range = std::isfinite(value) ? std::max(m_range, std::abs(value)) : m_range;
        m_magnitudes = m_magnitudes && !(value < 0.0f);
    }
    m_silenced.clear();
    setToolTip(m_magnitudes ? tr("One cell per input; none is negative: the further from the background colour, the larger")
                            : tr("Input eigenvalues λ_in of the first layer, one cell per input;\n"
                                 "blue negative, vermillion positive"));
    if (m_channels > 1)
        m_caption = tr("%1 × %2 pixels, mean over the %3 channels").arg(m_rows).arg(m_columns).arg(m_channels);
    else if (image)
        m_caption = tr("%1 × %2 inputs").arg(m_rows).arg(m_columns);
    else
        m_caption = tr("%1 inputs in a row").arg(inputs);
    m_message.clear();
    renderImage();
    update();
}

void InputEigenvalueMap::showMessage(const QString& message)
{
    m_message = message;
    m_caption.clear();
    m_cells.clear();
    m_silenced.clear();
    m_rows = m_columns = 0;
    m_image = QImage();
    update();
}

void InputEigenvalueMap::setHighlightedInput(int input)
{
    m_highlighted = input;
    update();
}

void InputEigenvalueMap::renderImage()
{
    if (m_cells.empty()) {
        m_image = QImage();
        return;
    }
    m_image = QImage(m_columns, m_rows, QImage::Format_RGB32);
    const QColor neutral = palette().color(QPalette::Base);
    const SequentialColourMap sequential(neutral);
    const float scale = m_range > 0.0f ? 1.0f / m_range : 0.0f;
    for (int row = 0; row < m_rows; ++row) {
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(row));
        for (int column = 0; column < m_columns; ++column) {
            const float value = m_cells[static_cast<std::size_t>(row * m_columns + column)];
            if (!std::isfinite(value))
                line[column] = qRgb(128, 128, 128);
            else
                line[column] = m_magnitudes ? sequential.rgb(value * scale) : diverging(value * scale, neutral).rgb();
        }
    }
}

QFont InputEigenvalueMap::headingFont() const
{
    QFont bold = font();
    bold.setBold(true);
    return bold;
}

QRect InputEigenvalueMap::textRect() const
{
    // The heading wraps in a narrow panel or a large (classroom) font rather than lose its end.
    const int heading = QFontMetrics(headingFont())
                            .boundingRect(QRect(0, 0, width(), 0), Qt::AlignHCenter | Qt::TextWordWrap, m_heading)
                            .height();
    return QRect(0, 0, width(), heading + fontMetrics().lineSpacing() + 4);
}

QRectF InputEigenvalueMap::imageRect() const
{
    const int legendHeight = legendBarHeight + fontMetrics().lineSpacing() + 8;
    const QRectF area = rect().adjusted(8, textRect().height(), -8, -legendHeight);
    if (m_rows == 0 || area.width() <= 0 || area.height() <= 0)
        return {};
    // Square cells, except that a one-row strip of many inputs is stretched to a readable height.
    const double cell = std::min(area.width() / m_columns, area.height() / m_rows);
    const QSizeF size = m_rows == 1 ? QSizeF(area.width(), std::min<double>(stripHeight, area.height()))
                                    : QSizeF(cell * m_columns, cell * m_rows);
    return QRectF(area.center() - QPointF(size.width() / 2, size.height() / 2), size);
}

int InputEigenvalueMap::cellAt(QPointF position) const
{
    const QRectF target = imageRect();
    if (!target.contains(position))
        return -1;
    const int column = std::min(m_columns - 1, static_cast<int>((position.x() - target.left()) / target.width() * m_columns));
    const int row = std::min(m_rows - 1, static_cast<int>((position.y() - target.top()) / target.height() * m_rows));
    return row * m_columns + column;
}

void InputEigenvalueMap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette colours = palette();
    painter.fillRect(rect(), colours.color(QPalette::Window));
    painter.setPen(colours.color(QPalette::WindowText));
    painter.setFont(headingFont());
    const QRect text = textRect();
    painter.drawText(text, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_heading);
    painter.setFont(font());
    if (m_image.isNull()) {
        painter.drawText(rect().adjusted(12, text.height(), -12, 0), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    painter.drawText(text, Qt::AlignHCenter | Qt::AlignBottom, m_caption);

    const QRectF target = imageRect();
    painter.drawImage(target, m_image); // no smoothing: one flat square per input
    painter.setPen(colours.color(QPalette::Mid));
    painter.drawRect(target);
    const QSizeF cellSize(target.width() / m_columns, target.height() / m_rows);
    for (std::size_t cell = 0; cell < m_silenced.size(); ++cell)
        if (m_silenced[cell])
            painter.fillRect(QRectF(QPointF(target.left() + static_cast<double>(cell % m_columns) * cellSize.width(),
                                            target.top() + static_cast<double>(cell / m_columns) * cellSize.height()),
                                    cellSize),
                             colours.color(QPalette::Mid));
    if (m_highlighted >= 0 && m_highlighted / (m_rows * m_columns) < m_channels) {
        const int cell = m_highlighted % (m_rows * m_columns);
        const QSizeF size(target.width() / m_columns, target.height() / m_rows);
        const QPointF corner(target.left() + (cell % m_columns) * size.width(), target.top() + (cell / m_columns) * size.height());
        painter.setPen(QPen(colours.color(QPalette::WindowText), 2.0));
        painter.drawRect(QRectF(corner, size).adjusted(-1, -1, 1, 1));
    }

    const QRectF bar(target.left(), target.bottom() + 6, target.width(), legendBarHeight);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    if (m_magnitudes) {
        gradient = SequentialColourMap(colours.color(QPalette::Base)).gradient(bar.topLeft(), bar.topRight());
    } else {
        gradient.setColorAt(0.0, spectrumColour::active);
        gradient.setColorAt(0.5, colours.color(QPalette::Base));
        gradient.setColorAt(1.0, spectrumColour::positive);
    }
    painter.fillRect(bar, gradient);
    painter.setPen(colours.color(QPalette::Mid));
    painter.drawRect(bar);
    painter.setPen(colours.color(QPalette::WindowText));
    const QRectF labels(bar.left(), bar.bottom() + 2, bar.width(), fontMetrics().lineSpacing());
    painter.drawText(labels, Qt::AlignLeft, m_magnitudes ? QStringLiteral("0") : compact(-m_range));
    if (!m_magnitudes)
        painter.drawText(labels, Qt::AlignHCenter, QStringLiteral("0"));
    painter.drawText(labels, Qt::AlignRight, compact(m_range));
}

bool InputEigenvalueMap::event(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        renderImage(); // zero is drawn in the background colour
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto* help = static_cast<QHelpEvent*>(event);
    const int cell = cellAt(help->pos());
    if (cell < 0)
        return QWidget::event(event);
    const QString value = QString::number(m_cells[static_cast<std::size_t>(cell)], 'g', 4);
    QToolTip::showText(help->globalPos(),
                       m_rows == 1 ? tr("input %1\nλ_in = %2").arg(cell).arg(value)
                       : m_channels > 1
                           ? tr("row %1, column %2\nmean λ_in = %3").arg(cell / m_columns).arg(cell % m_columns).arg(value)
                           : tr("input %1 (row %2, column %3)\nλ_in = %4")
                                 .arg(cell)
                                 .arg(cell / m_columns)
                                 .arg(cell % m_columns)
                                 .arg(value),
                       this);
    return true;
}

} // namespace reciprocal::widgets
