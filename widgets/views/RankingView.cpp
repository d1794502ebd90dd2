#include "widgets/views/RankingView.h"

#include "widgets/views/NodeRankingModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStackedLayout>
#include <QStyle>
#include <QTableView>

#include <algorithm>
#include <QVBoxLayout>

namespace reciprocal::widgets {

RankingView::RankingView(QWidget* parent)
    : SnapshotView(parent)
    , m_pages(new QStackedLayout(this))
    , m_emptyState(new QLabel(tr("No network yet.\nSet up a session to rank its hidden nodes."), this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new NodeRankingModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_filter->setPlaceholderText(tr("Filter: a layer number and/or active / pruned / candidate, e.g. \"2 pruned\""));
    m_filter->setToolTip(tr("Show only the rows of the given layer numbers and status words"));
    m_filter->setClearButtonEnabled(true);
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(tr("%1 of %2 nodes").arg(99999).arg(99999)));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(NodeRankingModel::SortRole);
    m_proxy->setFilterRole(NodeRankingModel::FilterRole);
    m_proxy->setFilterKeyColumn(NodeRankingModel::LayerColumn);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NodeRankingModel::RankColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights keep thousands of rows cheap to lay out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setToolTip(tr("Click a column header to sort; select a row to select its node in every view"));

    auto* content = new QWidget(this);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_count);
    auto* column = new QVBoxLayout(content);
    column->addLayout(filterRow);
    column->addWidget(m_table, 1);
    m_pages->addWidget(m_emptyState);
    m_pages->addWidget(content);
    setMinimumSize(400, 240);
    fitToFont();

    connect(m_filter, &QLineEdit::textChanged, this, &RankingView::setFilterText);
    // The selection, not the current row: focus coming back to the table makes its first row current
    // without anybody choosing a node.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this](const QItemSelection& selected) {
        if (m_selecting || selected.indexes().isEmpty())
            return;
        m_selected = m_model->nodeAt(m_proxy->mapToSource(selected.indexes().front()).row());
        Q_EMIT nodeSelected(m_selected);
    });
    // A reset (the layer widths changed) drops the selection: put the selected node back.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { selectNode(m_selected); });
}

void RankingView::showSnapshot(const SnapshotPtr& snapshot)
{
    m_model->setSnapshot(*snapshot);
    m_pages->setCurrentIndex(m_model->rowCount() > 0 ? 1 : 0);
    m_emptyState->setText(snapshot->transfers.empty() ? tr("No network yet.\nSet up a session to rank its hidden nodes.")
                                                      : tr("This network has no hidden nodes to rank."));
    updateCount();
}

void RankingView::highlightNode(NodeRef node)
{
    m_selected = node;
    selectNode(node);
}

void RankingView::selectNode(NodeRef node)
{
    m_selecting = true;
    const int row = m_model->rowOf(node);
    const QModelIndex index = row >= 0 ? m_proxy->mapFromSource(m_model->index(row, 0)) : QModelIndex();
    if (index.isValid()) {
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
        m_table->scrollTo(index);
    } else {
        m_table->selectionModel()->clear(); // the shared selection is a node this table does not show
    }
    m_selecting = false;
}

void RankingView::showPreview(const PruningPreview& preview)
{
    m_model->setPreviewedMasks(preview.plan.masks);
    updateCount();
}

void RankingView::setFilterText(const QString& text)
{
    // Every word must match: numbers a whole layer number, other words the start of the status.
    QString pattern = QStringLiteral("^");
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        bool number = false;
        word.toInt(&number);
        pattern += QStringLiteral("(?=.*\\b%1%2)").arg(QRegularExpression::escape(word),
                                                        number ? QStringLiteral("\\b") : QString());
    }
    m_proxy->setFilterRegularExpression(QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption));
    updateCount();
}

void RankingView::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? tr("%1 nodes").arg(total) : tr("%1 of %2 nodes").arg(shown).arg(total));
}

QString RankingView::seriesCsv() const
{
    QString csv = NodeRankingModel::csvHeader() + QLatin1Char('\n');
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        csv += m_model->csvLine(m_proxy->mapToSource(m_proxy->index(row, 0)).row()) + QLatin1Char('\n');
    return csv;
}

void RankingView::changeEvent(QEvent* event)
{
    SnapshotView::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitToFont();
}

void RankingView::resizeEvent(QResizeEvent* event)
{
    SnapshotView::resizeEvent(event);
    fitColumns();
}

void RankingView::fitToFont()
{
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().lineSpacing() + 6);
    fitColumns();
}

void RankingView::fitColumns()
{
    QHeaderView& header = *m_table->horizontalHeader();
    const QFontMetrics metrics = m_table->fontMetrics();
    const int padding = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 8;
    std::vector<int> needed;
    int total = 0;
    for (int column = 0; column < header.count(); ++column) {
        needed.push_back(std::max(header.sectionSizeHint(column),
                                  metrics.horizontalAdvance(NodeRankingModel::widestValue(column)) + padding));
        total += needed.back();
    }
    const int spare = header.count() > 0 ? std::max(0, m_table->viewport()->width() - total) / header.count() : 0;
    for (int column = 0; column < header.count(); ++column)
        header.resizeSection(column, needed[static_cast<std::size_t>(column)] + spare);
}

} // namespace reciprocal::widgets
