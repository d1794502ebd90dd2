#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QString>
#include <QWidget>

namespace reciprocal::widgets {

// A view of training snapshots. The main window hands each snapshot to the visible view (at most
// ten a second while training runs, TrainingWorker's snapshotMilliseconds) and the latest one to
// a view when its tab is chosen, so showSnapshot() must stay cheap: store the pointer, update what
// is visible. Views share one node selection: a view emits nodeSelected when the user picks a
// node and highlights whatever node highlightNode() names.
class SnapshotView : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    // The view's data series as CSV (a header line, then rows), for File > Export.
    virtual QString seriesCsv() const = 0;
    // A short name for exported file names and `reciprocal gui --view`, e.g. "spectrum".
    virtual QString viewName() const = 0;
    // The file name File > Export view data suggests: it says what seriesCsv() holds.
    virtual QString dataFileName() const { return viewName() + QStringLiteral(".csv"); }
    // The picture File > Export view image saves: the charts without the controls around them
    // (check boxes, sliders, choosers). The whole view unless a view says otherwise.
    virtual QWidget& figure() { return *this; }

public Q_SLOTS:
    virtual void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) = 0;
    virtual void highlightNode(reciprocal::widgets::NodeRef node) = 0;

Q_SIGNALS:
    void nodeSelected(reciprocal::widgets::NodeRef node);
};

} // namespace reciprocal::widgets
