#pragma once

#include "widgets/views/SnapshotView.h"

#include <QList>

#include <optional>
#include <vector>

class QBoxLayout;
class QChart;
class QCheckBox;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace reciprocal::widgets {

// Learning curves of the session: a loss chart (train, test and validation loss per epoch, and the
// smoothed per-batch training loss) and an accuracy chart (train, test and validation accuracy in %
// per epoch). The epoch axis runs from 0 to the target epoch count so the charts do not rescale as
// training advances; hovering a chart reads out the nearest epoch's values. Series without data
// (no validation set, no test evaluation) drop out of the legend. The charts sit side by side when
// the view is wide and stacked otherwise. Earlier runs of the session (kept when a new session,
// a reset, an opened model or a lesson replaces the network) stay as faded test curves, each in a
// colour and dash of its own, named in a key below the charts ("run 2: spirals, eigenvalues 100
// epochs"; the full settings in its tooltip), until "Earlier runs" is unticked: eigenvalues only
// against full training, spectral against direct, in one glance.
//
// seriesCsv() writes two tables separated by a blank line:
//   epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,test_loss,test_accuracy
//     one row per epoch record; accuracies as fractions (0..1) like the command line's CSV; a value
//     that was not measured is an empty cell;
//   fractional_epoch,smoothed_batch_loss
//     one row per point of the per-batch loss curve (2.5 = half-way through the third epoch);
//   earlier runs' test curves as series earlier_run_N_test_loss and earlier_run_N_test_accuracy
//     (N = 1 the oldest kept).
class CurvesView : public SnapshotView {
    Q_OBJECT

public:
    explicit CurvesView(QWidget* parent = nullptr);

    QString seriesCsv() const override;
    QString viewName() const override { return QStringLiteral("curves"); }
    QWidget& figure() override { return *m_charts; }
    // The loss and accuracy charts (owned by the view), for File > Export.
    QList<QChart*> charts() const;
    // Keeps the run's test curves for comparison (at most maxEarlierRuns, the oldest go first).
    void keepRun(const SnapshotPtr& run);
    int earlierRunCount() const { return static_cast<int>(m_earlier.size()); }
    // The key naming the earlier runs below the charts.
    const QLabel& earlierRunKey() const { return *m_earlierKey; }
    static constexpr int maxEarlierRuns = 4;

public Q_SLOTS:
    void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) override;
    // The curves show no nodes, so there is nothing to highlight.
    void highlightNode(reciprocal::widgets::NodeRef) override {}

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    class HoverChartView;
    // What the hover label shows: the epoch (x) of the point it reads and the text.
    struct Readout {
        double epoch = 0.0;
        QString text;
    };

    void updateSeries();
    void updateEpochAxis();
    void updateLossAxis();
    void updateAccuracyAxis();
    void updateCaptions();
    void applyPalette();
    std::optional<Readout> lossReadout(double epoch) const;
    std::optional<Readout> accuracyReadout(double epoch) const;

    struct EarlierRun {
        SnapshotPtr run;
        int number = 0; // counts the runs kept, from 1: its name, colour and dash in the key
        QLineSeries* loss = nullptr;
        QLineSeries* accuracy = nullptr;
    };
    QPen earlierRunPen(int number) const;
    void updateEarlierRuns();

    std::vector<EarlierRun> m_earlier;
    int m_runsKept = 0;
    QCheckBox* m_showEarlier = nullptr;
    QLabel* m_earlierKey = nullptr;
    SnapshotPtr m_snapshot;
    QWidget* m_charts = nullptr; // the two charts: the exported figure
    QBoxLayout* m_chartLayout = nullptr;
    QCheckBox* m_zoomAccuracy = nullptr;
    HoverChartView* m_lossView = nullptr;
    HoverChartView* m_accuracyView = nullptr;
    QValueAxis* m_lossEpochAxis = nullptr;
    QValueAxis* m_lossAxis = nullptr;
    QValueAxis* m_accuracyEpochAxis = nullptr;
    QValueAxis* m_accuracyAxis = nullptr;
    QLineSeries* m_trainLoss = nullptr;
    QLineSeries* m_testLoss = nullptr;
    QLineSeries* m_validationLoss = nullptr;
    QLineSeries* m_batchLoss = nullptr;
    QLineSeries* m_trainAccuracy = nullptr;
    QLineSeries* m_testAccuracy = nullptr;
    QLineSeries* m_validationAccuracy = nullptr;
};

} // namespace reciprocal::widgets
