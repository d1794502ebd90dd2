#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include "core/network/NodeExplanation.h"

#include <QPointF>
#include <QWidget>

#include <optional>

class QLabel;
class QSpinBox;

namespace reciprocal::widgets {

// The selected node's pre-activation for one sample as the papers write it,
// z_i = Σ_j φ_ij (λ_in,j − λ_out,i) a_j + b_i, with its largest terms as numbers, the activation,
// and what the last change (a knob turned, a training step) did to them. The sample is the point
// under the mouse in the playground (else the first test point) for data with two inputs, or a test
// image chosen with a spin box (of the snapshot's probe samples) for any other data. Either needs
// the network copy that snapshots of small networks carry.
class FormulaReadout : public QWidget {
    Q_OBJECT

public:
    explicit FormulaReadout(QWidget* parent = nullptr);

    void showFor(const SnapshotPtr& snapshot, NodeRef node);
    void setProbe(std::optional<QPointF> point);
    // The chosen test sample (data without a plane).
    void setProbeSample(int index);
    QString text() const;

    static constexpr int shownTerms = 4;

protected:
    void changeEvent(QEvent* event) override;

private:
    // The sample to explain, its input vector, and how the read-out names it.
    struct Sample {
        Vector<float> input;
        QPointF point;    // on the plane; (index, 0) for a test sample
        QString where;    // "at x = (0.10, 0.20)" or "for test image 7"
    };
    std::optional<Sample> chosenSample();
    void refresh();
    void showSampleControls(bool shown);
    // The terms are an image's pixels (the first layer of image data).
    bool pixels() const;
    // "(14,20)" (row, column) for an image's pixel, else the index j.
    QString inputName(int input) const;

    SnapshotPtr m_snapshot;
    NodeRef m_node;
    std::optional<QPointF> m_probe;
    QSpinBox* m_sampleIndex;
    QLabel* m_picture;
    QLabel* m_caption;
    QLabel* m_text;
    std::pair<const Dataset*, int> m_pictured{nullptr, -1}; // the probe image m_picture shows
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
