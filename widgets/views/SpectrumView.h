#pragma once

#include "widgets/views/LayerSpectrum.h"
#include "widgets/views/SnapshotView.h"

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QSlider;
class QSplitter;
class QStackedLayout;

namespace reciprocal::widgets {

class InputEigenvalueMap;
class SpectrumHistogram;
class SpectrumStrip;

// The eigenvalue spectrum of one hidden layer, picked in a combo box: a histogram of its receiving
// eigenvalues lam_out beside the nodes ranked by |lambda| (click one to select it, drag to preview a
// pruning threshold), and the first layer's input eigenvalues lam_in drawn in the samples' shape.
// An epoch scrubber replays how the spectrum formed; at its right end it follows the live session.
// Direct layers have no eigenvalues: their nodes are ranked by connectivity sum_j |W_ij| instead.
class SpectrumView : public SnapshotView {
    Q_OBJECT

public:
    explicit SpectrumView(QWidget* parent = nullptr);

    // series,epoch,layer,node,lambda,abs_lambda,rank,active: every hidden layer at the end of every
    // epoch and now, whatever is on screen (connectivity in place of lambda for direct layers).
    QString seriesCsv() const override;
    // The layer and epoch on screen (a snapshot must have been shown).
    const LayerSpectrum& shownSpectrum() const { return *m_spectrum; }
    QString viewName() const override { return QStringLiteral("spectrum"); }
    // The histogram, the ranked |λ| and the input eigenvalues, without the layer chooser and slider.
    QWidget& figure() override;
    // Narrower than this, the input eigenvalues are shown below the two charts instead of beside them.
    static constexpr int wideLayoutWidth = 760;

    std::optional<double> threshold() const;

public Q_SLOTS:
    void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) override;
    void highlightNode(reciprocal::widgets::NodeRef node) override;
    // Draws the |lambda| threshold line on the ranked nodes, without emitting thresholdDragged.
    void setThreshold(double absLambda);
    void clearThreshold();

Q_SIGNALS:
    // The user dragged the threshold line to |lambda| = absLambda.
    void thresholdDragged(double absLambda);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void syncLayerChoice();
    void syncScrubber();
    void showSpectrum();
    void showInputEigenvalues();
    bool followsLive() const;

    QStackedLayout* m_pages;
    QSplitter* m_panels; // the exported figure
    QLabel* m_emptyState;
    QComboBox* m_layer;
    QLabel* m_caption;
    SpectrumHistogram* m_histogram;
    SpectrumStrip* m_strip;
    InputEigenvalueMap* m_inputMap;
    QSlider* m_epoch;
    QLabel* m_epochLabel;
    SnapshotPtr m_snapshot;
    std::shared_ptr<const LayerSpectrum> m_spectrum;
    NodeRef m_highlighted;
    std::uint64_t m_scrubbedNumbering = 0; // the network the epoch slider replays
};

} // namespace reciprocal::widgets
