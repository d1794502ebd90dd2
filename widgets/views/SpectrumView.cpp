#include "widgets/views/SpectrumView.h"

#include "widgets/views/InputEigenvalueMap.h"
#include "widgets/views/SpectrumHistogram.h"
#include "widgets/views/SpectrumStrip.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QStackedLayout>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace reciprocal::widgets {

SpectrumView::SpectrumView(QWidget* parent)
    : SnapshotView(parent)
    , m_pages(new QStackedLayout(this))
    , m_emptyState(new QLabel(this))
    , m_layer(new QComboBox(this))
    , m_caption(new QLabel(this))
    , m_histogram(new SpectrumHistogram(this))
    , m_strip(new SpectrumStrip(this))
    , m_inputMap(new InputEigenvalueMap(this))
    , m_epoch(new QSlider(Qt::Horizontal, this))
    , m_epochLabel(new QLabel(this))
{
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setText(tr("No network yet.\nSet up a session to see its eigenvalue spectrum."));
    m_layer->setToolTip(tr("The hidden layer whose receiving-node eigenvalues are shown"));
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_caption->setWordWrap(true);
    m_epoch->setToolTip(tr("Replay how the spectrum formed, epoch by epoch;\n"
                           "at the right end the view follows training live"));
    m_epoch->setRange(0, 0); // live until frames are recorded
    m_epoch->setPageStep(1);
    m_epochLabel->setMinimumWidth(m_epochLabel->fontMetrics().horizontalAdvance(tr("epoch 000 of 000 · live")));

    auto* content = new QWidget(this);
    auto* layerLabel = new QLabel(tr("&Layer"), content);
    layerLabel->setBuddy(m_layer);
    auto* layerRow = new QHBoxLayout;
    layerRow->addWidget(layerLabel);
    layerRow->addWidget(m_layer);
    layerRow->addWidget(m_caption, 1);
    // Narrow until the view is wide (resizeEvent): a stacked widget is as wide as its widest page's
    // minimum, whichever tab is shown.
    auto* panels = m_panels = new QSplitter(Qt::Vertical, content);
    auto* charts = new QSplitter(Qt::Horizontal, panels);
    charts->addWidget(m_histogram);
    charts->addWidget(m_strip);
    charts->setChildrenCollapsible(false);
    panels->addWidget(charts);
    panels->addWidget(m_inputMap);
    panels->setStretchFactor(0, 3);
    panels->setStretchFactor(1, 1);
    panels->setChildrenCollapsible(false);
    auto* epochRow = new QHBoxLayout;
    epochRow->addWidget(new QLabel(tr("Epoch"), content));
    epochRow->addWidget(m_epoch, 1);
    epochRow->addWidget(m_epochLabel);
    auto* column = new QVBoxLayout(content);
    column->addLayout(layerRow);
    column->addWidget(panels, 1);
    column->addLayout(epochRow);
    m_pages->addWidget(m_emptyState);
    m_pages->addWidget(content);
    setMinimumSize(400, 360);

    connect(m_layer, &QComboBox::currentIndexChanged, this, &SpectrumView::showSpectrum);
    connect(m_epoch, &QSlider::valueChanged, this, [this] {
        syncScrubber();
        showSpectrum();
    });
    connect(m_strip, &SpectrumStrip::nodeClicked, this, [this](int node) {
        const NodeRef selected{m_layer->currentIndex() + 1, node};
        highlightNode(selected);
        Q_EMIT nodeSelected(selected);
    });
    connect(m_strip, &SpectrumStrip::thresholdDragged, this, [this](double magnitude) {
        m_histogram->setThreshold(magnitude);
        Q_EMIT thresholdDragged(magnitude);
    });
}

std::optional<double> SpectrumView::threshold() const { return m_strip->threshold(); }

void SpectrumView::setThreshold(double absLambda)
{
    m_strip->setThreshold(absLambda);
    m_histogram->setThreshold(absLambda);
}

void SpectrumView::clearThreshold()
{
    m_strip->clearThreshold();
    m_histogram->setThreshold(std::nullopt);
}

void SpectrumView::showSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    if (snapshot->transfers.empty() || snapshot->hiddenLayerCount() < 1) {
        m_emptyState->setText(snapshot->transfers.empty()
                                  ? tr("No network yet.\nSet up a session to see its eigenvalue spectrum.")
                                  : tr("This network has no hidden layer, so no hidden spectrum to show."));
        m_pages->setCurrentWidget(m_emptyState);
        m_spectrum.reset();
        return;
    }
    m_pages->setCurrentIndex(1);
    syncLayerChoice();
    syncScrubber();
    showSpectrum();
    showInputEigenvalues();
}

void SpectrumView::syncLayerChoice()
{
    const int layers = m_snapshot->hiddenLayerCount();
    bool same = m_layer->count() == layers;
    for (int k = 0; same && k < layers; ++k)
        same = m_layer->itemData(k).toInt() == m_snapshot->transfers[static_cast<std::size_t>(k)].outputs;
    if (same)
        return;
    const QSignalBlocker blocker(m_layer);
    const int current = m_layer->currentIndex();
    m_layer->clear();
    for (int k = 0; k < layers; ++k) {
        const int width = m_snapshot->transfers[static_cast<std::size_t>(k)].outputs;
        m_layer->addItem(tr("hidden %1 (%2 nodes)").arg(k + 1).arg(width), width);
    }
    m_layer->setCurrentIndex(std::clamp(current, 0, layers - 1));
}

QWidget& SpectrumView::figure() { return *m_panels; }

void SpectrumView::resizeEvent(QResizeEvent* event)
{
    SnapshotView::resizeEvent(event);
    // Beside both docks on a 1024-pixel screen three panels side by side leave each chart too narrow
    // for its axis titles and legend: the input eigenvalues go below the two charts then.
    const Qt::Orientation orientation = width() >= wideLayoutWidth ? Qt::Horizontal : Qt::Vertical;
    if (m_panels->orientation() != orientation) {
        m_panels->setOrientation(orientation);
        // The splitter has not been laid out for the new size yet; the view's size stands in for it.
        const int extent = orientation == Qt::Horizontal ? event->size().width() : event->size().height();
        m_panels->setSizes({extent * 2 / 3, extent / 3});
    }
}

bool SpectrumView::followsLive() const { return m_epoch->value() == m_epoch->maximum(); }

void SpectrumView::syncScrubber()
{
    // Positions 0..frames-1 replay the recorded epochs; the last position is the live session.
    const auto frames = static_cast<int>(m_snapshot->spectrumHistory.size());
    {
        const QSignalBlocker blocker(m_epoch);
        // A replay belongs to the network it was started on: another one shows live.
        const bool live = followsLive() || m_snapshot->nodeNumbering != m_scrubbedNumbering;
        m_scrubbedNumbering = m_snapshot->nodeNumbering;
        m_epoch->setMaximum(frames);
        m_epoch->setValue(live ? frames : std::min(m_epoch->value(), frames));
        m_epoch->setEnabled(frames > 0);
    }
    const int planned = std::max(m_snapshot->targetEpochs, m_snapshot->epoch);
    if (followsLive()) {
        m_epochLabel->setText(tr("epoch %1 of %2 · live").arg(m_snapshot->epoch).arg(planned));
        return;
    }
    const int epoch = m_snapshot->spectrumHistory[static_cast<std::size_t>(m_epoch->value())].epoch;
    m_epochLabel->setText(epoch == 0 ? tr("epoch 0 of %1 (initial)").arg(planned)
                                     : tr("epoch %1 of %2").arg(epoch).arg(planned));
}

void SpectrumView::showSpectrum()
{
    if (!m_snapshot || m_snapshot->hiddenLayerCount() < 1)
        return;
    const int layer = m_layer->currentIndex() + 1;
    m_spectrum = std::make_shared<const LayerSpectrum>(
        layerSpectrum(*m_snapshot, layer, followsLive() ? -1 : m_epoch->value()));
    const int selected = m_highlighted.layer == layer ? m_highlighted.node : -1;
    m_histogram->setSelectedNode(selected);
    m_strip->setSelectedNode(selected);
    m_histogram->setSpectrum(m_spectrum);
    m_strip->setSpectrum(m_spectrum);
    const auto pruned = static_cast<int>((m_spectrum->mask.array() == 0.0f).count());
    const QString prunedText = pruned ? tr(", %1 pruned").arg(pruned) : QString();
    m_caption->setText(m_spectrum->spectral
                           ? tr("Receiving eigenvalues λ_out%1").arg(prunedText) // the layer is the chooser's
                           : tr("Direct layer: no eigenvalues, nodes ranked by connectivity Σⱼ |Wᵢⱼ| instead%1")
                                 .arg(prunedText));
}

void SpectrumView::showInputEigenvalues()
{
    const TransferSnapshot& first = m_snapshot->transfers.front();
    if (first.lamIn.size() > 0) {
        m_inputMap->setEigenvalues(first.lamIn, m_snapshot->sampleShape);
        return;
    }
    m_inputMap->showMessage(tr("Input eigenvalues exist only for two-set layers (spectral2, qr, ssvd); "
                               "this network's layers are %1.")
                                .arg(QString::fromUtf8(layerKindName(m_snapshot->architecture.layerKind).data())));
}

void SpectrumView::highlightNode(NodeRef node)
{
    m_highlighted = node;
    m_inputMap->setHighlightedInput(node.layer == 0 ? node.node : -1);
    const bool shown = m_snapshot && node.layer >= 1 && node.layer <= m_snapshot->hiddenLayerCount() &&
                       node.node < m_snapshot->transfers[static_cast<std::size_t>(node.layer - 1)].outputs;
    if (shown && m_layer->currentIndex() != node.layer - 1) {
        m_layer->setCurrentIndex(node.layer - 1); // shows the layer with its node selected
        return;
    }
    const int selected = shown ? node.node : -1;
    m_histogram->setSelectedNode(selected);
    m_strip->setSelectedNode(selected);
}

QString SpectrumView::seriesCsv() const
{
    // The whole history, not only the layer and epoch on screen: one tidy table with a row per node
    // of every hidden layer at the end of every epoch ("epoch end"), then the network as it is now
    // ("now": after a pruning or mid-epoch it differs from the last epoch's end; active is known for
    // it only). Node numbers are those of their time: a pruning renumbers the survivors.
    const bool spectral = !m_snapshot || m_snapshot->transfers.empty() || m_snapshot->transfers.front().spectral;
    QString csv = spectral ? QStringLiteral("series,epoch,layer,node,lambda,abs_lambda,rank,active\n")
                           : QStringLiteral("series,epoch,layer,node,connectivity,abs_connectivity,rank,active\n");
    if (!m_snapshot)
        return csv;
    const auto rows = [&csv](const QString& series, int epoch, const LayerSpectrum& spectrum, bool live) {
        std::vector<int> rank(static_cast<std::size_t>(spectrum.size()));
        for (std::size_t r = 0; r < spectrum.order.size(); ++r)
            rank[static_cast<std::size_t>(spectrum.order[r])] = static_cast<int>(r) + 1;
        for (int node = 0; node < spectrum.size(); ++node) {
            const float value = spectrum.values(node);
            csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
                       .arg(series)
                       .arg(epoch)
                       .arg(spectrum.layer)
                       .arg(node)
                       .arg(value, 0, 'g', 9)
                       .arg(std::abs(value), 0, 'g', 9)
                       .arg(rank[static_cast<std::size_t>(node)])
                       .arg(live ? QString::number(spectrum.active(node) ? 1 : 0) : QString());
        }
    };
    const int hidden = m_snapshot->hiddenLayerCount();
    const auto frames = static_cast<int>(m_snapshot->spectrumHistory.size());
    for (int frame = 0; frame < frames; ++frame)
        for (int layer = 1; layer <= hidden; ++layer)
            if (static_cast<int>(m_snapshot->spectrumHistory[static_cast<std::size_t>(frame)].hidden.size()) >= layer)
                rows(QStringLiteral("epoch end"), m_snapshot->spectrumHistory[static_cast<std::size_t>(frame)].epoch,
                     layerSpectrum(*m_snapshot, layer, frame), false);
    for (int layer = 1; layer <= hidden; ++layer)
        rows(QStringLiteral("now"), m_snapshot->epoch, layerSpectrum(*m_snapshot, layer, -1), true);
    return csv;
}

} // namespace reciprocal::widgets
