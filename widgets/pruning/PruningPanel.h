#pragma once

#include "widgets/session/CoreMetaTypes.h"
#include "widgets/session/TrainingSnapshot.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;
class QUndoStack;

namespace reciprocal::widgets {

// Interactive pruning: pick a criterion and a fraction (slider, spin box, or a |lambda| threshold
// dragged on the spectrum), see the candidate's held-out accuracy, kept nodes and FLOPs computed in
// the background, then commit it as an undoable step or retrain the survivors. The step history is
// the undo stack's, shown below the controls.
class PruningPanel : public QWidget {
    Q_OBJECT

public:
    PruningPanel(QUndoStack* history, QWidget* parent = nullptr);

    PruningRequest request() const;

public Q_SLOTS:
    void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot);
    void showPreview(const reciprocal::PruningPreview& preview);
    void showPreviewError(const QString& message);
    // A preview is being computed: a busy bar appears when it takes long enough to notice.
    void showPreviewBusy(bool busy);
    // A |lambda| threshold dragged on the spectrum: prune the nodes below it, by the spectral criterion.
    void setThreshold(double absLambda);
    void setRequest(const reciprocal::PruningRequest& request);
    // The node picked in any view; a hidden node can then be pruned by hand.
    void selectNode(reciprocal::widgets::NodeRef node);

Q_SIGNALS:
    void requestChanged(const reciprocal::PruningRequest& request);
    void commitRequested(const reciprocal::PruningRequest& request);
    void retrainRequested(int epochs);

private:
    void emitRequest();
    void showFraction(double fraction);

    QComboBox* m_criterion;
    QCheckBox* m_perLayer;
    QSlider* m_slider;
    QDoubleSpinBox* m_fraction;
    QLabel* m_summary;
    QProgressBar* m_previewBusy;
    QTimer* m_previewBusyDelay;
    QPushButton* m_commit;
    QPushButton* m_pruneNode;
    NodeRef m_selected;
    std::optional<double> m_threshold; // dragged on the spectrum; the fraction controls clear it
    QSpinBox* m_retrainEpochs;
    QPushButton* m_retrain;
    SnapshotPtr m_snapshot;
    // What the last preview was computed on; a new one is asked for when the network changes (every
    // epoch while training runs, every step when paused, a new session, a pruning, an undo).
    struct NetworkState {
        std::uint64_t nodeNumbering = ~std::uint64_t(0);
        int epoch = -1;
        int batch = -1; // 0 while training runs: previews follow whole epochs then
        bool running = false;
        friend bool operator==(const NetworkState&, const NetworkState&) = default;
    };
    NetworkState m_previewedNetwork;
};

} // namespace reciprocal::widgets

