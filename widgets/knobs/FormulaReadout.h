#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include "core/network/NodeExplanation.h"

#include <QLabel>
#include <QPointF>

#include <optional>

namespace reciprocal::widgets {

// The selected node's pre-activation for one sample as the papers write it,
// z_i = Σ_j φ_ij (λ_in,j − λ_out,i) a_j + b_i, with its largest terms as numbers, the activation,
// and what the last change (a knob turned, a training step) did to them. The sample is the point
// under the mouse in the playground, else the first test point; it needs a data set with two
// inputs, whose snapshots carry a copy of the network.
class FormulaReadout : public QLabel {
    Q_OBJECT

public:
    explicit FormulaReadout(QWidget* parent = nullptr);

    void showFor(const SnapshotPtr& snapshot, NodeRef node);
    void setProbe(std::optional<QPointF> point);

    static constexpr int shownTerms = 4;

private:
    void refresh();

    SnapshotPtr m_snapshot;
    NodeRef m_node;
    std::optional<QPointF> m_probe;
    // The last explanation shown, for "was": of this node and sample only.
    struct Shown {
        NodeRef node;
        QPointF sample;
        float preActivation = 0;
        float activation = 0;
    };
    std::optional<Shown> m_last;
    std::optional<Shown> m_before; // what the last change replaced
};

} // namespace reciprocal::widgets
