#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include "core/network/ParameterEdit.h"

#include <QPointF>
#include <QWidget>

#include <optional>

#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;
class QUndoStack;

namespace reciprocal::widgets {

class FormulaReadout;
class TrainingController;

// The eigenvalues of the selected node as knobs: λ_out of the transfer into it, λ_in of the
// transfer out of it (two-set layers; for input nodes the only one) and its bias, each with a
// slider and a spin box. Turning one sets the value in the live network at once - W, the
// boundary, loss and accuracy follow with the next snapshot - as one undoable step per gesture.
// "Silence" zeroes a one-set node's incoming weights through λ_out (and its bias); in a two-set
// layer no single eigenvalue does that, and the panel says so. "Freeze" keeps training from moving
// the node's knobs (they still turn by hand).
class KnobPanel : public QWidget {
    Q_OBJECT

public:
    KnobPanel(TrainingController& controller, QUndoStack& history, QWidget* parent = nullptr);

    void showSnapshot(const SnapshotPtr& snapshot);
    void selectNode(NodeRef node);
    // The point of the input plane the formula read-out explains (nullopt: the first test point).
    void setProbe(std::optional<QPointF> point);
    FormulaReadout& formula() { return *m_formula; }

    // For tests and the monkey: the knobs shown, and their controls.
    struct Knob {
        ParameterEdit key; // the parameter; value = its value in the last snapshot
        double range = 1.0; // the slider spans [-range, range]
        QLabel* label = nullptr;
        QSlider* slider = nullptr;
        QDoubleSpinBox* spinBox = nullptr;
    };
    const std::vector<Knob>& knobs() const { return m_knobs; }
    QPushButton& silenceButton() { return *m_silence; }
    QCheckBox& freezeBox() { return *m_freeze; }

    static constexpr int sliderSteps = 1000; // per half range

private:
    void rebuild();
    void refreshValues();
    void refreshReadOut();
    // The knob's parameter set to `value`, pushed as (part of) the current gesture.
    void turn(std::size_t knob, double value);
    void silence();
    void freeze(bool frozen);
    // Every knob shown is held in the last snapshot.
    bool frozen() const;
    std::vector<ParameterEdit> availableKnobs() const;

    TrainingController& m_controller;
    QUndoStack& m_history;
    SnapshotPtr m_snapshot;
    NodeRef m_node;
    std::uint64_t m_numbering = 0;
    int m_gesture = 0;
    QLabel* m_title;
    QLabel* m_readOut;
    QLabel* m_explanation;
    QGridLayout* m_grid;
    QPushButton* m_silence;
    QCheckBox* m_freeze;
    FormulaReadout* m_formula;
    std::vector<Knob> m_knobs;
};

} // namespace reciprocal::widgets
