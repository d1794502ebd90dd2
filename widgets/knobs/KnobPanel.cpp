#include "widgets/knobs/KnobPanel.h"

#include "widgets/knobs/FormulaReadout.h"
#include "widgets/knobs/FreezeCommand.h"
#include "widgets/knobs/KnobEditCommand.h"
#include "widgets/session/TrainingController.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace reciprocal::widgets {

namespace {

// The value of a parameter in a snapshot (the exact float the network holds).
float snapshotValue(const TrainingSnapshot& snapshot, const ParameterEdit& key)
{
    const TransferSnapshot& transfer = snapshot.transfers.at(static_cast<std::size_t>(key.transfer - 1));
    switch (key.parameter) {
    case NodeParameter::InputEigenvalue: return transfer.lamIn(key.node);
    case NodeParameter::OutputEigenvalue: return transfer.lamOut(key.node);
    case NodeParameter::Bias: return transfer.bias(key.node);
    }
    return 0.0f;
}

// Every value of the knob's group, for the slider's span.
const Eigen::VectorXf& groupOf(const TrainingSnapshot& snapshot, const ParameterEdit& key)
{
    const TransferSnapshot& transfer = snapshot.transfers.at(static_cast<std::size_t>(key.transfer - 1));
    return key.parameter == NodeParameter::InputEigenvalue  ? transfer.lamIn
           : key.parameter == NodeParameter::OutputEigenvalue ? transfer.lamOut
                                                              : transfer.bias;
}

bool isHeld(const TrainingSnapshot& snapshot, const ParameterEdit& key)
{
    return std::find(snapshot.held.begin(), snapshot.held.end(), key.address()) != snapshot.held.end();
}

QString knobLabel(const ParameterEdit& key, int layers)
{
    switch (key.parameter) {
    case NodeParameter::OutputEigenvalue:
        return KnobPanel::tr("λ<sub>out</sub> (into it, transfer %1)").arg(key.transfer);
    case NodeParameter::InputEigenvalue:
        return KnobPanel::tr("λ<sub>in</sub> (out of it, transfer %1)").arg(key.transfer);
    case NodeParameter::Bias:
        return key.transfer == layers ? KnobPanel::tr("bias (output)") : KnobPanel::tr("bias");
    }
    return {};
}

} // namespace

KnobPanel::KnobPanel(TrainingController& controller, QUndoStack& history, QWidget* parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_history(history)
    , m_title(new QLabel(this))
    , m_readOut(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_grid(new QGridLayout)
    , m_silence(new QPushButton(tr("Silence"), this))
    , m_freeze(new QCheckBox(tr("Freeze these knobs"), this))
    , m_formula(new FormulaReadout(this))
{
    m_title->setWordWrap(true);
    m_explanation->setWordWrap(true);
    m_readOut->setWordWrap(true);
    m_explanation->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(m_grid);
    layout->addWidget(m_silence);
    layout->addWidget(m_freeze);
    layout->addWidget(m_readOut);
    layout->addWidget(m_explanation);
    layout->addWidget(m_formula);
    layout->addStretch(1);
    connect(m_silence, &QPushButton::clicked, this, &KnobPanel::silence);
    connect(m_freeze, &QCheckBox::toggled, this, &KnobPanel::freeze);
    rebuild();
}

void KnobPanel::showSnapshot(const SnapshotPtr& snapshot)
{
    const bool renumbered = !m_snapshot || snapshot->nodeNumbering != m_numbering ||
                            snapshot->architecture.layerKind != m_snapshot->architecture.layerKind ||
                            snapshot->architecture.bias != m_snapshot->architecture.bias;
    m_snapshot = snapshot;
    m_numbering = snapshot->nodeNumbering;
    if (renumbered)
        rebuild();
    else
        refreshValues();
    refreshReadOut();
    m_formula->showFor(m_snapshot, m_node);
}

void KnobPanel::setProbe(std::optional<QPointF> point) { m_formula->setProbe(point); }

void KnobPanel::selectNode(NodeRef node)
{
    m_node = node;
    ++m_gesture;
    rebuild();
    m_formula->showFor(m_snapshot, m_node);
}

std::vector<ParameterEdit> KnobPanel::availableKnobs() const
{
    std::vector<ParameterEdit> keys;
    if (!m_snapshot || !m_node.isValid() || m_snapshot->transfers.empty())
        return keys;
    const int layers = static_cast<int>(m_snapshot->transfers.size());
    if (m_node.layer > layers)
        return keys;
    if (m_node.layer >= 1) {
        const TransferSnapshot& into = m_snapshot->transfers[static_cast<std::size_t>(m_node.layer - 1)];
        if (m_node.node >= into.outputs)
            return keys;
        if (into.spectral)
            keys.push_back({m_node.layer, m_node.node, NodeParameter::OutputEigenvalue, 0.0});
        if (into.bias.size() != 0)
            keys.push_back({m_node.layer, m_node.node, NodeParameter::Bias, 0.0});
    }
    if (m_node.layer < layers) {
        const TransferSnapshot& outOf = m_snapshot->transfers[static_cast<std::size_t>(m_node.layer)];
        if (outOf.lamIn.size() != 0 && m_node.node < outOf.inputs)
            keys.insert(keys.begin() + (keys.empty() ? 0 : 1),
                        ParameterEdit{m_node.layer + 1, m_node.node, NodeParameter::InputEigenvalue, 0.0});
    }
    return keys;
}

void KnobPanel::rebuild()
{
    for (Knob& knob : m_knobs) {
        delete knob.label;
        delete knob.slider;
        delete knob.spinBox;
    }
    m_knobs.clear();
    const std::vector<ParameterEdit> keys = availableKnobs();
    const int layers = m_snapshot ? static_cast<int>(m_snapshot->transfers.size()) : 0;
    if (!m_node.isValid() || !m_snapshot || m_snapshot->transfers.empty()) {
        m_title->setText(tr("Select a node - in the diagram, the ranking, the spectrum or the playground's "
                            "thumbnails - to turn its eigenvalues."));
    } else {
        const QString where = m_node.layer == 0        ? tr("input %1").arg(m_node.node)
                              : m_node.layer == layers ? tr("output node %1 (class %1)").arg(m_node.node)
                                                       : tr("node %1 of hidden layer %2").arg(m_node.node).arg(m_node.layer);
        m_title->setText(keys.empty() ? tr("<b>%1</b> has no eigenvalues to turn: %2")
                                            .arg(where, m_snapshot->architecture.layerKind == LayerKind::Direct
                                                            ? tr("direct layers hold W itself.")
                                                            : tr("one-set layers have no λ_in."))
                                      : tr("<b>Knobs of %1</b>").arg(where));
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        Knob knob;
        knob.key = keys[i];
        knob.key.value = snapshotValue(*m_snapshot, knob.key);
        const Eigen::VectorXf& group = groupOf(*m_snapshot, knob.key);
        // Room to double the group's largest value, and at least ±1; fixed while the node stays selected.
        knob.range = std::max(1.0, std::ceil(2.0 * group.cwiseAbs().maxCoeff()));
        knob.label = new QLabel(knobLabel(knob.key, layers), this);
        knob.slider = new QSlider(Qt::Horizontal, this);
        knob.slider->setRange(-sliderSteps, sliderSteps);
        knob.slider->setToolTip(tr("Drag to set the value in [%1, %2]; the network changes at once.")
                                    .arg(-knob.range)
                                    .arg(knob.range));
        knob.spinBox = new QDoubleSpinBox(this);
        knob.spinBox->setDecimals(4);
        knob.spinBox->setRange(-1000.0, 1000.0);
        knob.spinBox->setSingleStep(0.01);
        knob.spinBox->setAccelerated(true);
        const auto row = static_cast<int>(i);
        m_grid->addWidget(knob.label, 2 * row, 0, 1, 2);
        m_grid->addWidget(knob.slider, 2 * row + 1, 0);
        m_grid->addWidget(knob.spinBox, 2 * row + 1, 1);
        connect(knob.slider, &QSlider::sliderPressed, this, [this] { ++m_gesture; });
        connect(knob.slider, &QSlider::sliderReleased, this, [this] { ++m_gesture; });
        connect(knob.slider, &QSlider::valueChanged, this, [this, i](int position) {
            turn(i, m_knobs[i].range * position / sliderSteps);
        });
        connect(knob.spinBox, &QDoubleSpinBox::valueChanged, this, [this, i](double value) { turn(i, value); });
        connect(knob.spinBox, &QDoubleSpinBox::editingFinished, this, [this] { ++m_gesture; });
        m_knobs.push_back(knob);
    }
    refreshValues();

    const bool hasOutputEigenvalue =
        !keys.empty() && keys.front().parameter == NodeParameter::OutputEigenvalue && m_node.layer >= 1;
    const bool twoSets = hasOutputEigenvalue &&
                         m_snapshot->transfers[static_cast<std::size_t>(m_node.layer - 1)].lamIn.size() != 0;
    m_freeze->setVisible(!keys.empty());
    m_freeze->setToolTip(
        m_snapshot && m_snapshot->architecture.layerKind != LayerKind::Direct
            ? tr("Training leaves this node's eigenvalues and bias at their values; the knobs still turn them. "
                 "Where φ trains too (full training), the node's weights still move through φ: train the "
                 "eigenvalues only to hold them completely.")
            : QString());
    m_silence->setVisible(hasOutputEigenvalue);
    m_silence->setEnabled(hasOutputEigenvalue && !twoSets);
    m_silence->setToolTip(twoSets ? tr("Two sets: W_ij = φ_ij (λ_in,j − λ_out,i). No single eigenvalue zeroes the "
                                       "node's incoming weights; λ_out = 0 leaves φ_ij λ_in,j. Prune the node to "
                                       "silence it.")
                                  : tr("λ_out = 0 zeroes every incoming weight (W_ij = −λ_out,i φ_ij); the bias is "
                                       "set to 0 too, so a tanh, ReLU or ELU node outputs 0."));
    m_explanation->setText(
        !hasOutputEigenvalue ? QString()
        : twoSets ? tr("W_ij = φ_ij (λ_in,j − λ_out,i): λ_out shifts every incoming weight of this node, λ_in every "
                       "outgoing one. Silence needs one set (spectral1); here, prune the node instead.")
                  : tr("W_ij = −λ_out,i φ_ij: λ_out scales this node's incoming weights; 0 silences them."));
}

void KnobPanel::refreshValues()
{
    if (!m_snapshot)
        return;
    {
        const QSignalBlocker quiet(m_freeze);
        m_freeze->setChecked(frozen());
    }
    for (Knob& knob : m_knobs) {
        if (knob.slider->isSliderDown() || knob.spinBox->hasFocus())
            continue; // the user's hand is on it
        knob.key.value = snapshotValue(*m_snapshot, knob.key);
        const QSignalBlocker sliderQuiet(knob.slider);
        const QSignalBlocker spinQuiet(knob.spinBox);
        knob.slider->setValue(static_cast<int>(std::lround(std::clamp(knob.key.value / knob.range, -1.0, 1.0) * sliderSteps)));
        knob.spinBox->setValue(knob.key.value);
    }
}

void KnobPanel::refreshReadOut()
{
    const TrainingSnapshot& s = *m_snapshot;
    if (s.transfers.empty() || std::isnan(s.testAccuracy)) {
        m_readOut->clear();
        return;
    }
    m_readOut->setText(tr("Test accuracy %1 % · test loss %2")
                           .arg(100.0 * s.testAccuracy, 0, 'f', 1)
                           .arg(s.testLoss, 0, 'f', 4));
}

void KnobPanel::turn(std::size_t knob, double value)
{
    Knob& turned = m_knobs[knob];
    ParameterEdit before = turned.key;
    ParameterEdit after = turned.key;
    after.value = static_cast<float>(value); // the network holds floats: undo compares what it holds
    turned.key.value = after.value;
    {
        // Keep the two controls of the knob together without echoing the change.
        const QSignalBlocker sliderQuiet(turned.slider);
        const QSignalBlocker spinQuiet(turned.spinBox);
        if (!turned.slider->isSliderDown())
            turned.slider->setValue(static_cast<int>(std::lround(std::clamp(value / turned.range, -1.0, 1.0) * sliderSteps)));
        if (!turned.spinBox->hasFocus())
            turned.spinBox->setValue(value);
    }
    m_history.push(new KnobEditCommand(m_controller, before, after, m_gesture));
}

bool KnobPanel::frozen() const
{
    return m_snapshot && !m_knobs.empty() &&
           std::all_of(m_knobs.begin(), m_knobs.end(), [&](const Knob& knob) { return isHeld(*m_snapshot, knob.key); });
}

void KnobPanel::freeze(bool frozen)
{
    HeldParameters changed;
    for (const Knob& knob : m_knobs) {
        if (isHeld(*m_snapshot, knob.key) != frozen)
            changed.push_back(knob.key.address());
    }
    if (changed.empty())
        return;
    const QString text = frozen ? tr("Freeze node %1 of layer %2") : tr("Release node %1 of layer %2");
    m_history.push(new FreezeCommand(m_controller, std::move(changed), frozen, text.arg(m_node.node).arg(m_node.layer)));
}

void KnobPanel::silence()
{
    ++m_gesture;
    m_history.beginMacro(tr("Silence node %1 of layer %2").arg(m_node.node).arg(m_node.layer));
    for (std::size_t i = 0; i < m_knobs.size(); ++i)
        if (m_knobs[i].key.parameter != NodeParameter::InputEigenvalue)
            turn(i, 0.0);
    m_history.endMacro();
    ++m_gesture;
}

} // namespace reciprocal::widgets
