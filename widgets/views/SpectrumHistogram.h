#pragma once

#include "widgets/views/LayerSpectrum.h"
#include "widgets/views/SpectrumChartView.h"

#include <memory>
#include <optional>

class QAreaSeries;
class QLineSeries;

namespace reciprocal::widgets {

// How a layer's node scores are distributed: binCount bars over a symmetric range for eigenvalues
// (from zero for connectivity), pruned nodes stacked grey on the active ones, the selected node's
// value and the pruning threshold (+-|lambda|) as vertical lines.
class SpectrumHistogram : public SpectrumChartView {
    Q_OBJECT

public:
    static constexpr int binCount = 40;

    explicit SpectrumHistogram(QWidget* parent = nullptr);

    void setSpectrum(std::shared_ptr<const LayerSpectrum> spectrum);
    void setSelectedNode(int node); // -1 for none
    void setThreshold(std::optional<double> magnitude);

    // Nodes per bar, lowest values first, all nodes and active nodes only.
    const std::vector<int>& counts() const { return m_counts; }
    const std::vector<int>& activeCounts() const { return m_activeCounts; }

protected:
    void fitXTicks() override;

private:
    void updateBars();
    void updateLines();

    QLineSeries* m_allOutline;
    QLineSeries* m_activeOutline;
    QLineSeries* m_selected;
    QLineSeries* m_lowerThreshold;
    QLineSeries* m_upperThreshold;
    std::shared_ptr<const LayerSpectrum> m_spectrum;
    std::vector<int> m_counts;
    std::vector<int> m_activeCounts;
    int m_selectedNode = -1;
    int m_niceXTicks = 5; // what applyNiceNumbers chose for the range; narrow charts show fewer
    std::optional<double> m_threshold;
};

} // namespace reciprocal::widgets
