// SPDX-License-Identifier: MIT
// The ranking view: one row per hidden node holding the snapshot's numbers, ranked by |lambda|
// pooled over the hidden layers; sorting is numeric; pruned rows are greyed; the filter keeps a
// layer or a status; selecting a row emits its node and highlighting selects and scrolls to it;
// new snapshots keep the sort column, selection and scroll position unless the shape changes; the
// CSV follows the shown order; empty snapshots show a message; the widget paints a real picture.
#include "widgets/views/NodeRankingModel.h"
#include "widgets/views/RankingView.h"

#include "ImageChecks.h"
#include "SnapshotFixture.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include <cmath>

using namespace reciprocal;
using namespace reciprocal::widgets;

namespace {

using Column = NodeRankingModel::Column;
using testing::distinctColours;
using testing::keepImage;

// The shown rows' values of one column, as numbers, top to bottom.
std::vector<double> columnValues(const QTableView* table, Column column)
{
    std::vector<double> values;
    const QAbstractItemModel* model = table->model();
    for (int row = 0; row < model->rowCount(); ++row)
        values.push_back(model->index(row, column).data(NodeRankingModel::SortRole).toDouble());
    return values;
}

NodeRef currentNode(const QTableView* table)
{
    const QModelIndex current = table->currentIndex();
    const QAbstractItemModel* model = table->model();
    return {model->index(current.row(), Column::LayerColumn).data(NodeRankingModel::SortRole).toInt(),
            model->index(current.row(), Column::NodeColumn).data(NodeRankingModel::SortRole).toInt()};
}

} // namespace

class RankingViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsHoldTheSnapshot();
    void ranksArePooledOverLayers();
    void sortsNumerically();
    void prunedRowsAreGreyed();
    void filterKeepsLayerOrStatus();
    void previewCandidatesAreMarkedAndFiltered();
    void selectingARowEmitsItsNode();
    void highlightSelectsAndScrolls();
    void updatesKeepSortSelectionAndScroll();
    void shapeChangeResetsAndRestoresSelection();
    void csvFollowsTheShownOrder();
    void emptySnapshotShowsMessage();
    void paintsAPicture();
    void wideNetworksStayCheap();

private:
    RankingView* m_view = nullptr;
    QTableView* m_table = nullptr;
    SnapshotPtr m_snapshot;
};

void RankingViewTest::init()
{
    m_view = new RankingView;
    m_view->resize(900, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_snapshot = testing::makeSnapshot();
    m_view->showSnapshot(m_snapshot);
    m_table = m_view->findChild<QTableView*>();
}

void RankingViewTest::cleanup() { delete m_view; }

void RankingViewTest::rowsHoldTheSnapshot()
{
    const QAbstractItemModel* model = m_table->model();
    QCOMPARE(model->rowCount(), 48 + 24);
    QCOMPARE(model->columnCount(), NodeRankingModel::columnTotal);
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto value = [&](Column column) { return model->index(row, column).data(NodeRankingModel::SortRole); };
        const int layer = value(Column::LayerColumn).toInt();
        const int node = value(Column::NodeColumn).toInt();
        const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(layer - 1)];
        QCOMPARE(value(Column::LambdaColumn).toDouble(), static_cast<double>(t.lamOut(node)));
        QCOMPARE(value(Column::MagnitudeColumn).toDouble(), std::abs(static_cast<double>(t.lamOut(node))));
        QCOMPARE(value(Column::ConnectivityColumn).toDouble(), static_cast<double>(t.connectivity(node)));
        QCOMPARE(model->index(row, Column::StatusColumn).data().toString(),
                 layer == 1 && node < 2 ? QStringLiteral("pruned") : QStringLiteral("active"));
        // Compact numbers: at most four significant digits.
        QVERIFY(model->index(row, Column::LambdaColumn).data().toString().size() <= 11);
    }
}

void RankingViewTest::ranksArePooledOverLayers()
{
    // Sorted by rank (the default), |lambda| never increases, across both layers.
    QCOMPARE(m_table->horizontalHeader()->sortIndicatorSection(), static_cast<int>(Column::RankColumn));
    const auto ranks = columnValues(m_table, Column::RankColumn);
    const auto magnitudes = columnValues(m_table, Column::MagnitudeColumn);
    for (std::size_t r = 0; r < ranks.size(); ++r) {
        QCOMPARE(ranks[r], static_cast<double>(r + 1));
        if (r > 0)
            QVERIFY(magnitudes[r - 1] >= magnitudes[r]);
    }
    QSet<double> layers;
    for (const double layer : columnValues(m_table, Column::LayerColumn))
        layers.insert(layer);
    QCOMPARE(layers.size(), 2);
}

void RankingViewTest::sortsNumerically()
{
    m_table->sortByColumn(Column::NodeColumn, Qt::AscendingOrder);
    const auto nodes = columnValues(m_table, Column::NodeColumn);
    QVERIFY(std::is_sorted(nodes.begin(), nodes.end())); // a string sort puts 10 before 2
    QCOMPARE(m_table->model()->index(4, Column::NodeColumn).data().toString(), QStringLiteral("2"));

    m_table->sortByColumn(Column::LambdaColumn, Qt::DescendingOrder);
    const auto lambdas = columnValues(m_table, Column::LambdaColumn);
    QVERIFY(std::is_sorted(lambdas.rbegin(), lambdas.rend()));
    QVERIFY(lambdas.front() > 0.0 && lambdas.back() < 0.0);
}

void RankingViewTest::prunedRowsAreGreyed()
{
    auto* model = m_view->findChild<NodeRankingModel*>();
    const QVariant pruned = model->index(model->rowOf({1, 0}), Column::LambdaColumn).data(Qt::ForegroundRole);
    QCOMPARE(pruned.value<QColor>(), QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
    QVERIFY(!model->index(model->rowOf({1, 5}), Column::LambdaColumn).data(Qt::ForegroundRole).isValid());
}

void RankingViewTest::filterKeepsLayerOrStatus()
{
    auto* filter = m_view->findChild<QLineEdit*>();
    filter->setText("2");
    QCOMPARE(m_table->model()->rowCount(), 24);
    for (const double layer : columnValues(m_table, Column::LayerColumn))
        QCOMPARE(layer, 2.0);
    filter->setText("prun");
    QCOMPARE(m_table->model()->rowCount(), 2);
    filter->setText("1 active");
    QCOMPARE(m_table->model()->rowCount(), 46);
    filter->setText("12");
    QCOMPARE(m_table->model()->rowCount(), 0);
    filter->clear();
    QCOMPARE(m_table->model()->rowCount(), 72);
}

// The pruning panel's preview marks the active nodes it would remove; the filter finds them, and
// a renumbering of the nodes (a committed pruning, a new session) voids the marks.
void RankingViewTest::previewCandidatesAreMarkedAndFiltered()
{
    PruningPreview preview;
    Eigen::VectorXf first = Eigen::VectorXf::Ones(48);
    first.head(5).setZero(); // nodes 0 and 1 are pruned already: three candidates
    preview.plan.masks = {first, Eigen::VectorXf::Ones(24)};
    m_view->showPreview(preview);
    auto* filter = m_view->findChild<QLineEdit*>();
    filter->setText("candidate");
    QCOMPARE(m_table->model()->rowCount(), 3);
    filter->setText("1 active");
    QCOMPARE(m_table->model()->rowCount(), 46); // candidates are active
    filter->setText("prun");
    QCOMPARE(m_table->model()->rowCount(), 2);
    filter->clear();
    QCOMPARE(m_view->seriesCsv().count(QStringLiteral(",candidate\n")), 3);

    auto renumbered = std::make_shared<TrainingSnapshot>(*m_snapshot);
    ++renumbered->nodeNumbering;
    m_view->showSnapshot(renumbered);
    filter->setText("candidate");
    QCOMPARE(m_table->model()->rowCount(), 0);
}

void RankingViewTest::selectingARowEmitsItsNode()
{
    QSignalSpy selected(m_view, &SnapshotView::nodeSelected);
    const QRect cell = m_table->visualRect(m_table->model()->index(3, Column::NodeColumn));
    QTest::mouseClick(m_table->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<NodeRef>(), currentNode(m_table));
    QTest::keyClick(m_table, Qt::Key_Down);
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected.at(1).at(0).value<NodeRef>(), currentNode(m_table));
}

void RankingViewTest::highlightSelectsAndScrolls()
{
    QSignalSpy selected(m_view, &SnapshotView::nodeSelected);
    m_table->sortByColumn(Column::NodeColumn, Qt::AscendingOrder);
    QCOMPARE(m_table->verticalScrollBar()->value(), 0);
    m_view->highlightNode({2, 23}); // the last row in node order
    QCOMPARE(currentNode(m_table), (NodeRef{2, 23}));
    QVERIFY(m_table->verticalScrollBar()->value() > 0);
    QCOMPARE(m_table->selectionModel()->selectedRows().size(), 1);
    m_view->highlightNode({0, 5}); // an input node: not in the table
    QVERIFY(!m_table->selectionModel()->hasSelection());
    QCOMPARE(selected.count(), 0);
}

void RankingViewTest::updatesKeepSortSelectionAndScroll()
{
    m_table->sortByColumn(Column::MagnitudeColumn, Qt::DescendingOrder);
    m_view->highlightNode({1, 30});
    m_table->verticalScrollBar()->setValue(7);
    auto* model = m_view->findChild<NodeRankingModel*>();
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    QSignalSpy selected(m_view, &SnapshotView::nodeSelected);

    // Same shape, new eigenvalues in a new order.
    auto next = std::make_shared<TrainingSnapshot>(*m_snapshot);
    for (Eigen::Index i = 0; i < next->transfers[0].lamOut.size(); ++i)
        next->transfers[0].lamOut(i) = 0.01f * static_cast<float>(i);
    m_view->showSnapshot(next);

    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(selected.count(), 0);
    QCOMPARE(m_table->horizontalHeader()->sortIndicatorSection(), static_cast<int>(Column::MagnitudeColumn));
    QCOMPARE(m_table->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);
    const auto magnitudes = columnValues(m_table, Column::MagnitudeColumn);
    QVERIFY(std::is_sorted(magnitudes.rbegin(), magnitudes.rend()));
    QCOMPARE(currentNode(m_table), (NodeRef{1, 30}));
    QCOMPARE(m_table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(m_table->verticalScrollBar()->value(), 7);

    m_view->showSnapshot(next); // nothing changed: nothing to repaint
    QCOMPARE(changed.count(), 1);
}

void RankingViewTest::shapeChangeResetsAndRestoresSelection()
{
    m_view->highlightNode({2, 3});
    auto* model = m_view->findChild<NodeRankingModel*>();
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy selected(m_view, &SnapshotView::nodeSelected);
    m_view->showSnapshot(testing::makeSnapshot({784, 30, 24, 16, 10}));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_table->model()->rowCount(), 30 + 24 + 16);
    QCOMPARE(currentNode(m_table), (NodeRef{2, 3}));
    QCOMPARE(selected.count(), 0);
}

void RankingViewTest::csvFollowsTheShownOrder()
{
    m_table->sortByColumn(Column::ConnectivityColumn, Qt::AscendingOrder);
    m_view->findChild<QLineEdit*>()->setText("1");
    const QStringList lines = m_view->seriesCsv().split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("layer,node,lambda,abs_lambda,rank,connectivity,status"));
    QCOMPARE(lines.size(), 1 + 48);
    float previous = -1.0f;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = lines[i].split(',');
        QCOMPARE(fields.size(), 7);
        QCOMPARE(fields[0], QStringLiteral("1"));
        const int node = fields[1].toInt();
        QCOMPARE(fields[2].toFloat(), m_snapshot->transfers[0].lamOut(node));
        const float connectivity = fields[5].toFloat();
        QCOMPARE(connectivity, m_snapshot->transfers[0].connectivity(node));
        QVERIFY(connectivity >= previous);
        previous = connectivity;
        QCOMPARE(fields[6], node < 2 ? QStringLiteral("pruned") : QStringLiteral("active"));
    }
}

void RankingViewTest::emptySnapshotShowsMessage()
{
    m_view->highlightNode({1, 4});
    m_view->showSnapshot(std::make_shared<TrainingSnapshot>());
    QCOMPARE(m_view->seriesCsv(), QStringLiteral("layer,node,lambda,abs_lambda,rank,connectivity,status\n"));
    bool messageShown = false;
    for (const QLabel* label : m_view->findChildren<QLabel*>())
        messageShown |= label->isVisible() && label->text().contains("No network yet");
    QVERIFY(messageShown);
    m_view->highlightNode({1, 4});
    // Direct layers: no eigenvalues, ranked by connectivity.
    m_view->showSnapshot(testing::makeSnapshot({2, 12, 8, 3}, LayerKind::Direct));
    QCOMPARE(m_table->model()->rowCount(), 20);
    QCOMPARE(m_table->model()->index(0, Column::LambdaColumn).data().toString(), QStringLiteral("–"));
    const auto connectivity = columnValues(m_table, Column::ConnectivityColumn);
    QVERIFY(std::is_sorted(connectivity.rbegin(), connectivity.rend()));
}

void RankingViewTest::paintsAPicture()
{
    m_view->highlightNode({1, 7});
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.size(), QSize(900, 600) * image.devicePixelRatio());
    QVERIFY(distinctColours(image, 2) > 10);
    keepImage(image, QStringLiteral("ranking"));
}

void RankingViewTest::wideNetworksStayCheap()
{
    const SnapshotPtr wide = testing::makeSnapshot({784, 4000, 4000, 4000, 10});
    auto changed = std::make_shared<TrainingSnapshot>(*wide);
    changed->transfers[1].lamOut *= -1.5f;
    m_table->sortByColumn(Column::MagnitudeColumn, Qt::DescendingOrder);
    m_view->showSnapshot(wide);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 25; ++i) {
        m_view->showSnapshot(i % 2 ? wide : changed);
        QCoreApplication::processEvents();
    }
    qInfo("25 snapshots of 12000 hidden nodes: %lld ms", static_cast<long long>(timer.elapsed()));
    QCOMPARE(m_table->model()->rowCount(), 12000);
}

QTEST_MAIN(RankingViewTest)
#include "test_ranking_view.moc"
