#include "ImageChecks.h"
#include "SnapshotFixture.h"
#include "widgets/AppearancePalette.h"
#include "widgets/OkabeIto.h"
#include "widgets/views/MaskView.h"
#include "widgets/views/SequentialColourMap.h"

#include <QHelpEvent>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace reciprocal;
using namespace reciprocal::widgets;

using reciprocal::widgets::testing::distinctColours;
using reciprocal::widgets::testing::keepImage;

namespace {

// The centre of a cell of a transfer's map, in widget coordinates.
QPoint cellCentre(const MaskView& view, const TransferSnapshot& t, int transfer, int row, int column)
{
    const QRectF area = view.mapArea(transfer);
    return QPointF(area.left() +
                       (column + 0.5) * area.width() / static_cast<double>(t.weightMagnitude.cols()),
                   area.top() + (row + 0.5) * area.height() / static_cast<double>(t.weightMagnitude.rows()))
        .toPoint();
}


} // namespace

class TestMaskView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptySnapshotShowsMessage();
    void csvListsEveryCell();
    void cellsAreColouredByMagnitude();
    void prunedRowsAreGrey();
    void clickSelectsFirstActiveRowOfBlock();
    void toolTipReadsBlock();
    void highlightMarksRow();
    void manyLayersAndDirectKind();
    void darkPalette();
};

void TestMaskView::emptySnapshotShowsMessage()
{
    MaskView view;
    QCOMPARE(view.viewName(), QStringLiteral("masks"));
    view.resize(900, 600);
    view.showSnapshot(std::make_shared<TrainingSnapshot>());
    view.highlightNode({1, 3});
    const QImage image = view.grab().toImage();
    QVERIFY(distinctColours(image) > 1); // the message
    QVERIFY(view.mapArea(0).isEmpty());
    QCOMPARE(view.seriesCsv(),
             QStringLiteral("transfer,cell_row,cell_column,first_row,first_column,max_abs_w\n"));
}

void TestMaskView::csvListsEveryCell()
{
    const SnapshotPtr snapshot = testing::makeSnapshot({784, 500, 10});
    MaskView view;
    view.showSnapshot(snapshot);
    const QStringList lines = view.seriesCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const auto& first = snapshot->transfers[0];
    const auto& second = snapshot->transfers[1];
    QCOMPARE(first.weightMagnitude.rows(), 125); // 500 rows in blocks of 4
    QCOMPARE(lines.size(), 1 + first.weightMagnitude.size() + second.weightMagnitude.size());
    // Transfer 0, cell (2, 3): rows 8.., columns 12..
    const QStringList row = lines[1 + 2 * first.weightMagnitude.cols() + 3].split(QLatin1Char(','));
    QCOMPARE(row.mid(0, 5), (QStringList{"0", "2", "3", "8", "12"}));
    QCOMPARE(row[5].toFloat(), first.weightMagnitude(2, 3));
    const QStringList last = lines.last().split(QLatin1Char(','));
    QCOMPARE(last[0], QStringLiteral("1"));
    QCOMPARE(last[5].toFloat(),
             second.weightMagnitude(second.weightMagnitude.rows() - 1, second.weightMagnitude.cols() - 1));
}

void TestMaskView::cellsAreColouredByMagnitude()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    MaskView view;
    view.resize(900, 600);
    view.showSnapshot(snapshot);
    const QImage image = view.grab().toImage();
    keepImage(image, QStringLiteral("mask_view"));
    QVERIFY(distinctColours(image) > 20);
    const SequentialColourMap colours(view.palette().color(QPalette::Base));
    for (int k = 0; k < 3; ++k) {
        const TransferSnapshot& t = snapshot->transfers[static_cast<std::size_t>(k)];
        QVERIFY(!view.mapArea(k).isEmpty());
        for (const auto& [row, column] : {std::pair{5, 0}, std::pair{7, 9}, std::pair{9, 20}}) {
            const QRgb expected = colours.rgb(t.weightMagnitude(row, column) / t.maxMagnitude);
            QCOMPARE(image.pixel(cellCentre(view, t, k, row, column)), expected);
        }
    }
    // The maps do not overlap.
    QVERIFY(!view.mapArea(0).intersects(view.mapArea(1)));
    QVERIFY(!view.mapArea(1).intersects(view.mapArea(2)));
}

void TestMaskView::prunedRowsAreGrey()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    const TransferSnapshot& t = snapshot->transfers[0];
    QCOMPARE(t.nodeMask(0), 0.0f);
    MaskView view;
    view.resize(900, 600);
    view.showSnapshot(snapshot);
    const QImage image = view.grab().toImage();
    const QColor base = view.palette().color(QPalette::Base);
    const QColor pruned = image.pixelColor(cellCentre(view, t, 0, 0, 50));
    QVERIFY(pruned != base); // masked weights are 0: without the band the row would be blank
    QVERIFY(std::abs(pruned.red() - pruned.green()) < 20 && std::abs(pruned.green() - pruned.blue()) < 20);
    QVERIFY(pruned.lightness() < base.lightness());
}

void TestMaskView::clickSelectsFirstActiveRowOfBlock()
{
    const SnapshotPtr snapshot = testing::makeSnapshot({784, 500, 10});
    MaskView view;
    view.resize(900, 600);
    view.showSnapshot(snapshot);
    QSignalSpy selected(&view, &SnapshotView::nodeSelected);
    const auto& first = snapshot->transfers[0];
    QCOMPARE(first.blockRows, 4);
    // Block 0 holds rows 0..3, of which 0 and 1 are pruned.
    QTest::mouseClick(&view, Qt::LeftButton, {}, cellCentre(view, first, 0, 0, 10));
    QTest::mouseClick(&view, Qt::LeftButton, {}, cellCentre(view, first, 0, 30, 10));
    const auto& second = snapshot->transfers[1];
    QTest::mouseClick(&view, Qt::LeftButton, {}, cellCentre(view, second, 1, 7, 3));
    QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(1, 1)); // outside the maps
    QCOMPARE(selected.count(), 3);
    QCOMPARE(selected[0][0].value<NodeRef>(), (NodeRef{1, 2}));
    QCOMPARE(selected[1][0].value<NodeRef>(), (NodeRef{1, 120}));
    QCOMPARE(selected[2][0].value<NodeRef>(), (NodeRef{2, 7}));
}

void TestMaskView::toolTipReadsBlock()
{
    const SnapshotPtr snapshot = testing::makeSnapshot({784, 500, 10});
    MaskView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showSnapshot(snapshot);
    const auto& t = snapshot->transfers[0];
    const QPoint at = cellCentre(view, t, 0, 0, 2);
    QHelpEvent help(QEvent::ToolTip, at, view.mapToGlobal(at));
    QApplication::sendEvent(&view, &help);
    const QString text = QToolTip::text();
    QVERIFY2(text.contains(QStringLiteral("i = 0–3")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("j = 8–11")), qPrintable(text));
    QVERIFY2(text.contains(QString::number(t.weightMagnitude(0, 2), 'g', 3)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("2 of 4 receiving nodes pruned")), qPrintable(text));
}

void TestMaskView::highlightMarksRow()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    MaskView view;
    view.resize(900, 600);
    view.showSnapshot(snapshot);
    const auto& t = snapshot->transfers[1];
    const QPoint onRow = cellCentre(view, t, 1, 5, 30);
    const QImage unmarked = view.grab().toImage();
    view.highlightNode({2, 5});
    const QImage image = view.grab().toImage();
    keepImage(image, QStringLiteral("mask_view_highlight"));
    QVERIFY(image.pixel(onRow) != unmarked.pixel(onRow));
    // The 2-pixel marker line fully covers a pixel next to the row's centre.
    bool marked = false;
    for (int dy = -1; dy <= 1; ++dy)
        marked = marked || image.pixelColor(onRow + QPoint(0, dy)) == okabeIto::vermillion;
    QVERIFY(marked);
    // A node the view cannot show takes the marker away and draws none of its own.
    for (const NodeRef absent : {NodeRef{99, 3}, NodeRef{1, 4000}}) {
        view.highlightNode({2, 5});
        view.highlightNode(absent);
        QCOMPARE(view.grab().toImage(), unmarked);
    }
}

void TestMaskView::manyLayersAndDirectKind()
{
    for (const LayerKind kind : {LayerKind::Direct, LayerKind::Spectral1}) {
        const SnapshotPtr snapshot = testing::makeSnapshot({20, 8, 8, 8, 8, 3}, kind);
        MaskView view;
        view.resize(900, 600);
        view.showSnapshot(snapshot);
        const QImage image = view.grab().toImage();
        keepImage(image, QStringLiteral("mask_view_many_%1").arg(static_cast<int>(kind)));
        QVERIFY(distinctColours(image) > 20);
        for (int k = 0; k < 5; ++k)
            QVERIFY(!view.mapArea(k).isEmpty());
    }
    // A view far too small for its maps leaves them out, with their titles and colour bars,
    // rather than drawing them over one another: only the background shows.
    MaskView tiny;
    tiny.resize(60, 40);
    tiny.showSnapshot(testing::makeSnapshot());
    for (int k = 0; k < 3; ++k)
        QVERIFY(tiny.mapArea(k).isEmpty());
    QCOMPARE(distinctColours(tiny.grab().toImage(), 1), 1);
}

void TestMaskView::darkPalette()
{
    MaskView view;
    const QPalette dark = widgets::darkPalette(); // qualified: this test has the same name
    view.setPalette(dark);
    view.resize(900, 600);
    const SnapshotPtr snapshot = testing::makeSnapshot({784, 500, 10});
    view.showSnapshot(snapshot);
    view.highlightNode({1, 40});
    const QImage image = view.grab().toImage();
    keepImage(image, QStringLiteral("mask_view_dark"));
    // Zero is the background; the largest cell is the light end of the ramp.
    const SequentialColourMap colours(dark.color(QPalette::Base));
    QCOMPARE(QColor(colours.rgb(0.0)), dark.color(QPalette::Base));
    QVERIFY(QColor(colours.rgb(1.0)).lightness() > 140);
    // The pixel of the largest cell of the second map is that light end.
    const TransferSnapshot& t = snapshot->transfers[1];
    Eigen::Index row = 0;
    Eigen::Index column = 0;
    t.weightMagnitude.maxCoeff(&row, &column);
    QCOMPARE(image.pixel(cellCentre(view, t, 1, static_cast<int>(row), static_cast<int>(column))),
             colours.rgb(1.0));
}

QTEST_MAIN(TestMaskView)
#include "test_mask_view.moc"
