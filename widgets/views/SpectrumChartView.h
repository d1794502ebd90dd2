#pragma once

#include "widgets/OkabeIto.h"
#include "widgets/charts/ChartFontScale.h"

#include <QChartView>
#include <QColor>

class QAbstractSeries;
class QValueAxis;

namespace reciprocal::widgets {

// The spectrum panels' colours, shared so a node reads the same in each.
namespace spectrumColour {
inline constexpr QColor active = okabeIto::blue;             // active nodes, negative eigenvalues
// Active nodes below a pruning threshold: the lighter blue, which stands out of a dark background
// too (the active colour faded towards the background sank into the dark palette's).
inline constexpr QColor below = okabeIto::skyBlue;
inline constexpr QColor positive = okabeIto::vermillion;     // positive eigenvalues
inline constexpr QColor selected = okabeIto::vermillion;     // the highlighted node
inline constexpr QColor threshold = okabeIto::reddishPurple; // the pruning threshold
inline constexpr QColor pruned{150, 150, 150};               // grey: masked nodes
} // namespace spectrumColour

// A chart with one x and one y value axis whose text, grid and background follow the widget's
// palette (light or dark), the common ground of the spectrum's histogram and sorted strip.
class SpectrumChartView : public QChartView {
    Q_OBJECT

public:
    explicit SpectrumChartView(QWidget* parent = nullptr);

    QValueAxis* xAxis() const { return m_x; }
    QValueAxis* yAxis() const { return m_y; }

protected:
    // Adds a series to the chart on the two axes; a series without a name stays out of the legend.
    void addSeries(QAbstractSeries* series);
    // Shows a series' legend entry only while it has something to show.
    void showInLegend(QAbstractSeries* series, bool visible);
    // How many x-axis labels as wide as `widestLabel` fit side by side in the plot area: Qt Charts
    // elides labels that do not fit ("…"), so narrow charts ask for fewer ticks.
    int affordableXTicks(const QString& widestLabel) const;
    // Sets the x-axis ticks for the current width; called again on every resize.
    virtual void fitXTicks() {}
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyPalette();

    ChartFontScale m_fontScale;
    QValueAxis* m_x;
    QValueAxis* m_y;
};

} // namespace reciprocal::widgets
