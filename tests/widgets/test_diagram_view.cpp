#include "ImageChecks.h"
#include "SnapshotFixture.h"
#include "widgets/AppearancePalette.h"
#include "widgets/views/DiagramView.h"

#include <QHelpEvent>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <cmath>

using namespace reciprocal;
using namespace reciprocal::widgets;

using reciprocal::widgets::testing::distinctColours;
using reciprocal::widgets::testing::keepImage;

namespace {

// As the view writes numbers: three significant digits, a true minus sign.
QString number(double value)
{
    return QString::number(value, 'g', 3).replace(QLatin1Char('-'), QChar(0x2212));
}

QString toolTipAt(QWidget& view, QPoint at)
{
    QHelpEvent help(QEvent::ToolTip, at, view.mapToGlobal(at));
    QApplication::sendEvent(&view, &help);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

// A point on the edge, just outside its emitting node's circle, where no other edge is as close.
QPoint nearEmitter(const DiagramView& view, int transfer, const EdgeSample& edge)
{
    const QPointF from = *view.layout().position({transfer, edge.from});
    const QPointF to = *view.layout().position({transfer + 1, edge.to});
    const QPointF direction = (to - from) / std::hypot(to.x() - from.x(), to.y() - from.y());
    return (from + (view.layout().nodeRadius() + 8) * direction).toPoint();
}

const EdgeSample& edgeBetween(const TransferSnapshot& t, int from, int to)
{
    for (const EdgeSample& edge : t.edges)
        if (edge.from == from && edge.to == to)
            return edge;
    qFatal("no edge %d -> %d", from, to);
}

std::unique_ptr<DiagramView> shownView(const SnapshotPtr& snapshot)
{
    auto view = std::make_unique<DiagramView>();
    view->resize(900, 600);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        qFatal("window not exposed");
    view->showSnapshot(snapshot);
    return view;
}


} // namespace

class TestDiagramView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptySnapshotShowsMessage();
    void csvListsEveryEdge();
    void nodesFollowTheSnapshot();
    void clickSelectsNode();
    void edgeToolTipShowsFormula();
    void nodeToolTipShowsValues();
    void highlightRingsOrExplains();
    void screenshots();
};

void TestDiagramView::emptySnapshotShowsMessage()
{
    DiagramView view;
    QCOMPARE(view.viewName(), QStringLiteral("diagram"));
    view.resize(900, 600);
    view.showSnapshot(std::make_shared<TrainingSnapshot>());
    view.highlightNode({1, 2});
    QVERIFY(distinctColours(view.grab().toImage(), 2) > 1);
    QVERIFY(view.caption().isEmpty());
    QCOMPARE(view.layout().layerCount(), 0);
    QCOMPARE(view.seriesCsv(), QStringLiteral("transfer,from,to,w,phi,lam_in,lam_out\n"));
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(450, 300));
}

void TestDiagramView::csvListsEveryEdge()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    DiagramView view;
    view.showSnapshot(snapshot);
    const QStringList lines = view.seriesCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    std::size_t edges = 0;
    for (const auto& t : snapshot->transfers)
        edges += t.edges.size();
    QCOMPARE(edges, std::size_t{24 * 24 + 24 * 24 + 24 * 10});
    QCOMPARE(static_cast<std::size_t>(lines.size()), 1 + edges);
    const EdgeSample& edge = snapshot->transfers[1].edges[5];
    const QStringList row = lines[1 + 24 * 24 + 5].split(QLatin1Char(','));
    QCOMPARE(row.size(), 7);
    QCOMPARE(row[0], QStringLiteral("1"));
    QCOMPARE(row[1].toInt(), edge.from);
    QCOMPARE(row[2].toInt(), edge.to);
    QCOMPARE(row[3].toFloat(), edge.weight);
    QCOMPARE(row[4].toFloat(), edge.eigenvector);
    QCOMPARE(row[5].toFloat(), edge.lamIn);
    QCOMPARE(row[6].toFloat(), edge.lamOut);

    view.showSnapshot(testing::makeSnapshot({6, 4, 3}, LayerKind::Direct));
    const QStringList direct = view.seriesCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(direct.size(), 1 + 6 * 4 + 4 * 3);
    QVERIFY(direct[1].endsWith(QStringLiteral(",,,"))); // no phi or lambda in a direct layer
}

void TestDiagramView::nodesFollowTheSnapshot()
{
    const SnapshotPtr snapshot = testing::makeSnapshot({784, 500, 10});
    const auto view = shownView(snapshot);
    const DiagramLayout& layout = view->layout();
    QCOMPARE(layout.layerCount(), 3);
    for (int layer = 0; layer < 3; ++layer) {
        QCOMPARE(layout.shownNodes(layer), snapshot->diagramNodes[static_cast<std::size_t>(layer)]);
        if (layer > 0)
            QVERIFY(layout.columnX(layer) > layout.columnX(layer - 1) + 4 * layout.nodeRadius());
        for (int slot = 1; slot < static_cast<int>(layout.shownNodes(layer).size()); ++slot)
            QVERIFY(layout.position(layer, slot).y() - layout.position(layer, slot - 1).y() >=
                    2 * layout.nodeRadius());
    }
    QCOMPARE(layout.shownNodes(1).size(), std::size_t{24});
    // Every node lies inside the view, clear of the labels and caption at top and bottom.
    for (int layer = 0; layer < 3; ++layer)
        for (const int node : layout.shownNodes(layer)) {
            const QPointF at = *layout.position({layer, node});
            QVERIFY(at.y() - layout.nodeRadius() > 15 && at.y() + layout.nodeRadius() < 600 - 40);
            QVERIFY(at.x() > 0 && at.x() < 900);
        }
    QVERIFY(layout.nodeRadius() > 4);
}

void TestDiagramView::clickSelectsNode()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    const auto view = shownView(snapshot);
    QSignalSpy selected(view.get(), &SnapshotView::nodeSelected);
    const NodeRef hidden{2, snapshot->diagramNodes[2][3]};
    const NodeRef input{0, snapshot->diagramNodes[0][10]};
    QTest::mouseClick(view.get(), Qt::LeftButton, {},
                      view->layout().position(hidden)->toPoint() + QPoint(2, 1));
    QTest::mouseClick(view.get(), Qt::LeftButton, {}, view->layout().position(input)->toPoint());
    QTest::mouseClick(view.get(), Qt::LeftButton, {}, QPoint(3, 3)); // nothing there
    QCOMPARE(selected.count(), 2);
    QCOMPARE(selected[0][0].value<NodeRef>(), hidden);
    QCOMPARE(selected[1][0].value<NodeRef>(), input);
}

void TestDiagramView::edgeToolTipShowsFormula()
{
    {
        const SnapshotPtr snapshot = testing::makeSnapshot({4, 3, 2}, LayerKind::Spectral2);
        const auto view = shownView(snapshot);
        // Hidden node 2 is active (0 and 1 are pruned), so its outgoing weight is the formula's.
        const EdgeSample& edge = edgeBetween(snapshot->transfers[1], 2, 0);
        const QString text = toolTipAt(*view, nearEmitter(*view, 1, edge));
        QVERIFY2(text.contains(QStringLiteral("W_ij = φ_ij (λin_j − λout_i)")), qPrintable(text));
        const QString lamOut =
            edge.lamOut < 0 ? QStringLiteral("(%1)").arg(number(edge.lamOut)) : number(edge.lamOut);
        const QString numbers =
            QStringLiteral("= %1 (%2 − %3) = %4")
                .arg(number(edge.eigenvector), number(edge.lamIn), lamOut, number(edge.weight));
        QVERIFY2(text.contains(numbers), qPrintable(text + " / " + numbers));
        QVERIFY(text.contains(QStringLiteral("j = 2 (layer 1) → i = 0 (layer 2)")));
        QVERIFY(std::abs(edge.weight - edge.eigenvector * (edge.lamIn - edge.lamOut)) < 1e-5f);

        // Into pruned hidden node 0 the weight is masked to zero, though the formula is not.
        const EdgeSample& masked = edgeBetween(snapshot->transfers[0], 1, 0);
        QCOMPARE(masked.weight, 0.0f);
        const QString maskedText = toolTipAt(*view, nearEmitter(*view, 0, masked));
        QVERIFY2(maskedText.contains(QStringLiteral("masked to 0")), qPrintable(maskedText));
    }
    {
        const SnapshotPtr snapshot = testing::makeSnapshot({4, 3, 2}, LayerKind::Spectral1);
        const auto view = shownView(snapshot);
        const EdgeSample& edge = edgeBetween(snapshot->transfers[1], 2, 1);
        const QString text = toolTipAt(*view, nearEmitter(*view, 1, edge));
        QVERIFY2(text.contains(QStringLiteral("W_ij = −λout_i φ_ij")), qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral(" = ") + number(edge.weight)), qPrintable(text));
        QVERIFY(std::abs(edge.weight + edge.lamOut * edge.eigenvector) < 1e-5f);
    }
    {
        const SnapshotPtr snapshot = testing::makeSnapshot({4, 3, 2}, LayerKind::Direct);
        const auto view = shownView(snapshot);
        const EdgeSample& edge = edgeBetween(snapshot->transfers[1], 2, 1);
        const QString text = toolTipAt(*view, nearEmitter(*view, 1, edge));
        QVERIFY2(text.contains(QStringLiteral("W_ij = %1 (direct layer").arg(number(edge.weight))),
                 qPrintable(text));
        QVERIFY(view->caption().join(' ').contains(QStringLiteral("connectivity")));
    }
}

void TestDiagramView::nodeToolTipShowsValues()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    const auto view = shownView(snapshot);
    const auto& hidden = snapshot->transfers[0];
    const int node = snapshot->diagramNodes[1][4];
    const QString text = toolTipAt(*view, view->layout().position({1, node})->toPoint());
    QVERIFY2(text.contains(QStringLiteral("hidden layer 1, node %1").arg(node)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("λout = ") + number(hidden.lamOut(node))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("= ") + number(hidden.connectivity(node))), qPrintable(text));
    QVERIFY(
        text.contains(hidden.nodeMask(node) == 0.0f ? QStringLiteral("pruned") : QStringLiteral("active")));

    const int input = snapshot->diagramNodes[0][0];
    const QString inputText = toolTipAt(*view, view->layout().position({0, input})->toPoint());
    QVERIFY2(inputText.contains(QStringLiteral("λin = ") + number(hidden.lamIn(input))),
             qPrintable(inputText));
}

void TestDiagramView::highlightRingsOrExplains()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    const auto view = shownView(snapshot);
    const QImage plain = view->grab().toImage();
    const NodeRef shown{1, snapshot->diagramNodes[1][20]};
    view->highlightNode(shown);
    QVERIFY(view->grab().toImage() != plain);
    QVERIFY(!view->caption().join(' ').contains(QStringLiteral("not among")));

    int hidden = 0; // an input node the diagram leaves out
    while (std::find(snapshot->diagramNodes[0].begin(), snapshot->diagramNodes[0].end(), hidden) !=
           snapshot->diagramNodes[0].end())
        ++hidden;
    view->highlightNode({0, hidden});
    QVERIFY(view->caption().join(' ').contains(
        QStringLiteral("Node %1 of layer 0 is not among the 24 shown").arg(hidden)));
    // Nodes that do not exist are ignored.
    view->highlightNode({0, 5000});
    QVERIFY(!view->caption().join(' ').contains(QStringLiteral("not among")));
    view->highlightNode({9, 1});
    QVERIFY(!view->caption().join(' ').contains(QStringLiteral("not among")));
}

void TestDiagramView::screenshots()
{
    const auto check = [](DiagramView& view, const QString& name) {
        const QImage image = view.grab().toImage();
        keepImage(image, QStringLiteral("diagram_") + name);
        QVERIFY(distinctColours(image, 2) > 20);
    };
    const SnapshotPtr snapshot = testing::makeSnapshot();
    {
        const auto view = shownView(snapshot);
        view->highlightNode({2, snapshot->diagramNodes[2][5]});
        check(*view, QStringLiteral("default"));
        view->setPalette(darkPalette());
        check(*view, QStringLiteral("dark"));
    }
    {
        const auto view = shownView(testing::makeSnapshot({20, 8, 8, 8, 8, 3}, LayerKind::Direct));
        check(*view, QStringLiteral("direct"));
        view->resize(400, 280);
        check(*view, QStringLiteral("small"));
    }
    {
        const auto view = shownView(testing::makeSnapshot({784, 500, 10}, LayerKind::Spectral1));
        check(*view, QStringLiteral("onefset"));
    }
}

QTEST_MAIN(TestDiagramView)
#include "test_diagram_view.moc"
