#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QString>
#include <QWidget>

namespace reciprocal::widgets {

// A view of training snapshots. The main window feeds every view each snapshot (at most ~25 per
// second while training runs), so showSnapshot() must stay cheap: store the pointer, update what
// is visible. Views share one node selection: a view emits nodeSelected when the user picks a
// node and highlights whatever node highlightNode() names.
class SnapshotView : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    // The view's data series as CSV (a header line, then rows), for File > Export.
    virtual QString seriesCsv() const = 0;
    // A short name for file names and the View menu, e.g. "spectrum".
    virtual QString viewName() const = 0;

public Q_SLOTS:
    virtual void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) = 0;
    virtual void highlightNode(reciprocal::widgets::NodeRef node) = 0;

Q_SIGNALS:
    void nodeSelected(reciprocal::widgets::NodeRef node);
};

} // namespace reciprocal::widgets
