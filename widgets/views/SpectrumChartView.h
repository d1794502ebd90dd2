#pragma once

#include <QChartView>
#include <QColor>

class QAbstractSeries;
class QValueAxis;

namespace reciprocal::widgets {

// Okabe-Ito colours (colour-blind safe) shared by the spectrum panels, so a node reads the same in each.
namespace spectrumColour {
inline const QColor active{0, 114, 178};      // blue: active nodes, negative eigenvalues
inline const QColor positive{213, 94, 0};     // vermillion: positive eigenvalues
inline const QColor selected{213, 94, 0};     // vermillion: the highlighted node
inline const QColor threshold{204, 121, 167}; // purple: the pruning threshold
inline const QColor pruned{150, 150, 150};    // grey: masked nodes
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
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QValueAxis* m_x;
    QValueAxis* m_y;
};

} // namespace reciprocal::widgets
