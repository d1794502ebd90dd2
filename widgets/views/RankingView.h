#pragma once

#include "widgets/session/CoreMetaTypes.h"
#include "widgets/views/SnapshotView.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStackedLayout;
class QTableView;

namespace reciprocal::widgets {

class NodeRankingModel;

// Every hidden node in one sortable table (layer, node, lambda, |lambda|, pooled rank,
// connectivity, status), pruned nodes greyed, filtered by layer number or status. New snapshots
// update the cells in place: the sort column, the selected node and the scroll position stay.
class RankingView : public SnapshotView {
    Q_OBJECT

public:
    explicit RankingView(QWidget* parent = nullptr);

    // The table's rows as CSV, in the current sort order and filter.
    QString seriesCsv() const override;
    QString viewName() const override { return QStringLiteral("ranking"); }

public Q_SLOTS:
    void showSnapshot(const reciprocal::widgets::SnapshotPtr& snapshot) override;
    void highlightNode(reciprocal::widgets::NodeRef node) override;
    // The nodes the pruning panel's preview would remove are marked as candidates ("candidate" filters).
    void showPreview(const reciprocal::PruningPreview& preview);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // Row heights follow the type (classroom mode's is larger).
    void fitToFont();
    // Every column as wide as its header and its longest values need, the room left shared out: a
    // header is never cut; when the columns do not fit, the table scrolls sideways.
    void fitColumns();
    void setFilterText(const QString& text);
    void selectNode(NodeRef node); // without emitting nodeSelected
    void updateCount();

    QStackedLayout* m_pages;
    QLabel* m_emptyState;
    QLineEdit* m_filter;
    QLabel* m_count;
    QTableView* m_table;
    NodeRankingModel* m_model;
    QSortFilterProxyModel* m_proxy;
    NodeRef m_selected;
    bool m_selecting = false; // selecting programmatically: no nodeSelected echo
};

} // namespace reciprocal::widgets
