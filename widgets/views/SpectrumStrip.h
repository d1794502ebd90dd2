#pragma once

#include "widgets/views/LayerSpectrum.h"
#include "widgets/views/SpectrumChartView.h"

#include <memory>
#include <optional>

class QLineSeries;

namespace reciprocal::widgets {

// A layer's nodes ranked by |value|, largest first: |value| against rank, active nodes blue, pruned
// ones grey, the selected node vermillion. Clicking a point picks its node; dragging up or down
// sets a |value| threshold, and the active nodes below it are drawn lighter: those a pruning at
// that threshold would remove.
class SpectrumStrip : public SpectrumChartView {
    Q_OBJECT

public:
    explicit SpectrumStrip(QWidget* parent = nullptr);

    void setSpectrum(std::shared_ptr<const LayerSpectrum> spectrum);
    void setSelectedNode(int node); // -1 for none
    void setThreshold(double magnitude);
    void clearThreshold();
    std::optional<double> threshold() const { return m_threshold; }

    // The node drawn nearest to a viewport position, if one is within a few pixels; else -1.
    int nodeAt(QPoint position) const;
    // Where a node is drawn, in viewport coordinates.
    QPoint positionOf(int node) const;
    // Active nodes drawn as below the threshold.
    int belowThresholdCount() const { return m_belowCount; }

Q_SIGNALS:
    void nodeClicked(int node);
    void thresholdDragged(double magnitude);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override; // tool tips naming the node under the mouse
    void fitXTicks() override;

private:
    void updatePoints();
    void updateThresholdLine();
    QPointF pointOf(int rank) const; // chart value coordinates of the node at rank (0-based)

    QLineSeries* m_active;
    QLineSeries* m_belowThreshold;
    QLineSeries* m_pruned;
    QLineSeries* m_selected;
    QLineSeries* m_thresholdLine;
    std::shared_ptr<const LayerSpectrum> m_spectrum;
    int m_selectedNode = -1;
    int m_belowCount = 0;
    std::optional<double> m_threshold;
    QPoint m_pressPosition;
    bool m_pressed = false;
    bool m_dragging = false;
};

} // namespace reciprocal::widgets
