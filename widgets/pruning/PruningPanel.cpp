#include "widgets/pruning/PruningPanel.h"

#include "widgets/OkabeIto.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace reciprocal::widgets {

namespace {

constexpr int sliderSteps = 1000; // the slider moves in 0.1 % steps

QString joined(const std::vector<int>& values)
{
    QStringList parts;
    for (const int value : values)
        parts << QString::number(value);
    return parts.join(QStringLiteral(" + "));
}

QString compact(long long value) { return QLocale().toString(value); }

} // namespace

PruningPanel::PruningPanel(QUndoStack* history, QWidget* parent)
    : QWidget(parent)
    , m_criterion(new QComboBox(this))
    , m_perLayer(new QCheckBox(tr("Per layer"), this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_fraction(new QDoubleSpinBox(this))
    , m_summary(new QLabel(this))
    , m_previewBusy(new QProgressBar(this))
    , m_previewBusyDelay(new QTimer(this))
    , m_commit(new QPushButton(tr("&Prune"), this))
    , m_pruneNode(new QPushButton(tr("Prune the se&lected node"), this))
    , m_retrainEpochs(new QSpinBox(this))
    , m_retrain(new QPushButton(tr("Retr&ain"), this))
{
    for (const std::string& name : pruningCriterionNames())
        m_criterion->addItem(QString::fromStdString(name));
    m_criterion->setToolTip(tr("How hidden nodes are ranked; the lowest go first.\n"
                               "spectral: |eigenvalue| of the receiving node (Buffoni et al.)\n"
                               "connectivity: sum of |incoming weights|\n"
                               "random, spectral-descending: controls\n"
                               "weight-norm: |lambda| times the norm of the node's eigenvector row\n"
                               "spectral-emitter (two sets): |lambda_in| of the transfer out of the node\n"
                               "spectral-combined (two sets): the product of both"));
    m_perLayer->setToolTip(tr("One threshold per layer instead of the papers' single pooled threshold"));
    m_slider->setRange(0, sliderSteps);
    m_slider->setToolTip(tr("Fraction of the active hidden nodes to remove"));
    m_fraction->setRange(0.0, 100.0);
    m_fraction->setDecimals(1);
    m_fraction->setSuffix(QStringLiteral(" %"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setMinimumHeight(m_summary->fontMetrics().lineSpacing() * 5);
    m_previewBusy->setRange(0, 0); // busy: how long a preview takes is not known beforehand
    m_previewBusy->setFormat(tr("Computing the preview…"));
    m_previewBusy->setTextVisible(true);
    m_previewBusy->setObjectName(QStringLiteral("previewBusy"));
    // Its room stays when it hides, so the buttons below do not jump under the user's pointer.
    QSizePolicy keepRoom = m_previewBusy->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true);
    m_previewBusy->setSizePolicy(keepRoom);
    m_previewBusy->hide();
    // Most previews take milliseconds; a bar flashing for each of them would only distract.
    m_previewBusyDelay->setSingleShot(true);
    m_previewBusyDelay->setInterval(300);
    connect(m_previewBusyDelay, &QTimer::timeout, m_previewBusy, &QWidget::show);
    m_commit->setToolTip(tr("Remove the previewed nodes (undoable)"));
    m_pruneNode->setToolTip(tr("Remove the hidden node selected in a view (undoable)"));
    m_pruneNode->setEnabled(false);
    m_retrainEpochs->setRange(1, 1000);
    m_retrainEpochs->setValue(5);
    m_retrainEpochs->setSuffix(tr(" epochs"));
    m_retrain->setToolTip(tr("Train every parameter group of the current network for the given epochs"));

    auto* form = new QFormLayout;
    form->addRow(tr("Criterion"), m_criterion);
    auto* fractionRow = new QHBoxLayout;
    fractionRow->addWidget(m_slider, 1);
    fractionRow->addWidget(m_fraction);
    form->addRow(tr("Remove"), fractionRow);
    form->addRow(QString(), m_perLayer);
    // Prune and Retrain on rows of their own keep the dock narrow enough for a 1024-pixel screen.
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_commit);
    buttons->addStretch();
    auto* retrainRow = new QHBoxLayout;
    retrainRow->addWidget(m_retrainEpochs);
    retrainRow->addStretch();
    retrainRow->addWidget(m_retrain);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_previewBusy);
    layout->addLayout(buttons);
    layout->addLayout(retrainRow);
    layout->addWidget(m_pruneNode);
    layout->addWidget(new QLabel(tr("History"), this));
    auto* historyView = new QUndoView(history, this);
    historyView->setEmptyLabel(tr("Before any edit")); // prunes and knob turns share the history
    // Steps read "Prune 50 % by spectral: 81.7 → 80.2 %": wrapped in a narrow dock, not cut off.
    historyView->setWordWrap(true);
    historyView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(historyView, 1);

    // Choosing a fraction, a criterion or per-layer thresholds replaces a dragged threshold.
    const auto fractionChosen = [this] {
        m_threshold.reset();
        emitRequest();
    };
    connect(m_slider, &QSlider::valueChanged, this, [this, fractionChosen](int value) {
        const QSignalBlocker blocker(m_fraction);
        m_fraction->setValue(100.0 * value / sliderSteps);
        fractionChosen();
    });
    connect(m_fraction, &QDoubleSpinBox::valueChanged, this, [this, fractionChosen](double percent) {
        const QSignalBlocker blocker(m_slider);
        m_slider->setValue(static_cast<int>(std::lround(percent / 100.0 * sliderSteps)));
        fractionChosen();
    });
    connect(m_criterion, &QComboBox::currentIndexChanged, this, fractionChosen);
    connect(m_perLayer, &QCheckBox::toggled, this, fractionChosen);
    connect(m_commit, &QPushButton::clicked, this, [this] { Q_EMIT commitRequested(request()); });
    connect(m_pruneNode, &QPushButton::clicked, this, [this] {
        PruningRequest handPicked;
        handPicked.nodes = {HiddenNode{m_selected.layer, m_selected.node}};
        Q_EMIT commitRequested(handPicked);
    });
    connect(m_retrain, &QPushButton::clicked, this, [this] { Q_EMIT retrainRequested(m_retrainEpochs->value()); });
    m_fraction->setValue(50.0);
    m_summary->setText(tr("Move the slider to preview a pruning."));
}

PruningRequest PruningPanel::request() const
{
    PruningRequest request;
    request.criterion = parsePruningCriterion(m_criterion->currentText().toStdString());
    request.fraction = m_fraction->value() / 100.0;
    request.perLayer = m_perLayer->isChecked();
    request.threshold = m_threshold;
    return request;
}

void PruningPanel::setRequest(const PruningRequest& request)
{
    {
        const QSignalBlocker criterion(m_criterion);
        const QSignalBlocker perLayer(m_perLayer);
        m_criterion->setCurrentText(QString::fromUtf8(pruningCriterionName(request.criterion).data()));
        m_perLayer->setChecked(request.perLayer);
    }
    showFraction(request.fraction);
    m_threshold = request.threshold;
    emitRequest(); // once, even when nothing changed: the caller wants this request previewed
}

void PruningPanel::setThreshold(double absLambda)
{
    if (!m_snapshot || m_snapshot->transfers.empty())
        return;
    {
        const QSignalBlocker criterion(m_criterion);
        const QSignalBlocker perLayer(m_perLayer);
        m_criterion->setCurrentText(QString::fromUtf8(pruningCriterionName(PruningCriterion::Spectral).data()));
        m_perLayer->setChecked(false);
    }
    m_threshold = absLambda;
    emitRequest(); // the preview says which fraction of the nodes lies below
}

void PruningPanel::showSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    const bool hasNetwork = !snapshot->transfers.empty();
    m_commit->setEnabled(hasNetwork);
    m_retrain->setEnabled(hasNetwork);
    selectNode(m_selected); // the selected node may be gone or pruned now
    if (!hasNetwork)
        return;
    const bool running = snapshot->state == SessionState::Running;
    const NetworkState network{snapshot->nodeNumbering, snapshot->epoch, running ? 0 : snapshot->batch, running};
    if (network != m_previewedNetwork) {
        m_previewedNetwork = network;
        emitRequest();
    }
}

void PruningPanel::selectNode(NodeRef node)
{
    m_selected = node;
    const bool hidden = m_snapshot && node.layer >= 1 && node.layer <= m_snapshot->hiddenLayerCount() &&
                        node.node < m_snapshot->transfers[static_cast<std::size_t>(node.layer - 1)].outputs &&
                        m_snapshot->transfers[static_cast<std::size_t>(node.layer - 1)].nodeMask(node.node) != 0.0f;
    m_pruneNode->setEnabled(hidden);
    m_pruneNode->setText(hidden ? tr("Prune node %1 of hidden &layer %2").arg(node.node).arg(node.layer)
                                : tr("Prune the se&lected node"));
}

void PruningPanel::emitRequest()
{
    if (m_snapshot && !m_snapshot->transfers.empty())
        Q_EMIT requestChanged(request());
}

void PruningPanel::showFraction(double fraction)
{
    const QSignalBlocker spinBox(m_fraction);
    const QSignalBlocker slider(m_slider);
    m_fraction->setValue(std::clamp(fraction, 0.0, 1.0) * 100.0);
    m_slider->setValue(static_cast<int>(std::lround(m_fraction->value() / 100.0 * sliderSteps)));
}

void PruningPanel::showPreview(const PruningPreview& preview)
{
    if (preview.request.threshold && preview.request == request())
        showFraction(preview.plan.removedFraction); // what the dragged threshold removes
    const double drop = 100.0 * (preview.accuracyBefore - preview.accuracyAfter);
    m_summary->setText(
        tr("<b>Test accuracy %1 % → %2 %</b> (%3 pt)<br>"
           "Hidden nodes %4 → %5<br>"
           "Weights %6 → %7<br>"
           "FLOPs per sample %8 → %9<br>"
           "<small>computed with the nodes masked in %10 ms%11</small>")
            .arg(100.0 * preview.accuracyBefore, 0, 'f', 2)
            .arg(100.0 * preview.accuracyAfter, 0, 'f', 2)
            .arg(drop > 0 ? QStringLiteral("−%1").arg(drop, 0, 'f', 2) : QStringLiteral("+%1").arg(-drop, 0, 'f', 2))
            .arg(joined(preview.nodesBefore), joined(preview.nodesKept))
            .arg(compact(preview.weightsBefore), compact(preview.weightsKept))
            .arg(compact(preview.flopsBefore), compact(preview.flopsAfter))
            .arg(preview.milliseconds, 0, 'f', 0)
            .arg(preview.testSamples < preview.testSamplesTotal
                     ? tr(", on the first %1 of %2 test samples (a wide network)")
                           .arg(compact(preview.testSamples), compact(preview.testSamplesTotal))
                     : QString()));
}

void PruningPanel::showPreviewBusy(bool busy)
{
    if (busy) {
        if (!m_previewBusyDelay->isActive() && m_previewBusy->isHidden())
            m_previewBusyDelay->start();
        return;
    }
    m_previewBusyDelay->stop();
    m_previewBusy->hide();
}

void PruningPanel::showPreviewError(const QString& message)
{
    m_summary->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                           .arg(okabeIto::vermillion.name(), message.toHtmlEscaped()));
}

} // namespace reciprocal::widgets
