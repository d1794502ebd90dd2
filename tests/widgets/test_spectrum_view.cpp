// SPDX-License-Identifier: MIT
// The spectrum view: the CSV and the histogram hold the snapshot's eigenvalues, ranked by |lambda|
// with pruned nodes marked; the epoch scrubber replays recorded frames and follows the live session
// at its end; clicking a ranked point selects its node, dragging sets a threshold that previews the
// nodes a pruning would remove; direct layers fall back to connectivity; the input eigenvalues are
// drawn in the samples' shape; empty snapshots show a message; the widget paints a real picture.
#include "widgets/AppearancePalette.h"
#include "widgets/views/SpectrumView.h"

#include "widgets/views/InputEigenvalueMap.h"
#include "widgets/views/SpectrumHistogram.h"
#include "widgets/views/SpectrumStrip.h"

#include "ImageChecks.h"
#include "SnapshotFixture.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QMouseEvent>
#include <QPalette>
#include <QSet>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QValueAxis>

#include <cmath>
#include <numeric>

using namespace reciprocal;
using namespace reciprocal::widgets;

using reciprocal::widgets::testing::distinctColours;
using reciprocal::widgets::testing::keepImage;
using reciprocal::widgets::testing::pixelsOfColour;

namespace {

struct CsvRow {
    QString series;
    int epoch = 0;
    int layer = 0;
    int node = 0;
    float value = 0.0f;
    float magnitude = 0.0f;
    int rank = 0;
    bool active = false;
};

// The rows of one series ("now" or "epoch end") and hidden layer (0 = every layer).
std::vector<CsvRow> parseCsv(const QString& csv, const QString& series = QStringLiteral("now"), int layer = 0)
{
    std::vector<CsvRow> rows;
    const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList f = lines[i].split(QLatin1Char(','));
        const CsvRow row{f[0],          f[1].toInt(), f[2].toInt(), f[3].toInt(), f[4].toFloat(),
                         f[5].toFloat(), f[6].toInt(), f[7] == "1"};
        if (row.series == series && (layer == 0 || row.layer == layer))
            rows.push_back(row);
    }
    return rows;
}


// Sends a left-button drag through the chart's viewport, as a user's mouse would.
void drag(QWidget* viewport, QPoint from, QPoint to)
{
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    for (int step = 1; step <= 4; ++step) {
        const QPoint at = from + (to - from) * step / 4;
        QMouseEvent move(QEvent::MouseMove, at, viewport->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(viewport, &move);
    }
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

} // namespace

class SpectrumViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptySnapshotShowsMessage();
    void csvHoldsEveryLayerAndEpoch();
    void histogramCountsEveryNode();
    void scrubberReplaysAndFollowsLive();
    void clickingAPointSelectsItsNode();
    void draggingSetsAThreshold();
    void highlightSwitchesLayer();
    void directLayersFallBackToConnectivity();
    void inputEigenvaluesFollowTheSampleShape();
    void paintsAPicture();
    void wideLayersStayCheap();
};

void SpectrumViewTest::emptySnapshotShowsMessage()
{
    SpectrumView view;
    view.resize(900, 600);
    view.show();
    // A session's spectrum first, so the message has charts to replace.
    view.showSnapshot(testing::makeSnapshot());
    QVERIFY(pixelsOfColour(view.grab().toImage(), spectrumColour::active) > 0);
    view.showSnapshot(std::make_shared<TrainingSnapshot>());
    view.highlightNode({1, 3});
    QCOMPARE(view.seriesCsv(), QStringLiteral("series,epoch,layer,node,lambda,abs_lambda,rank,active\n"));
    bool messageShown = false;
    for (const QLabel* label : view.findChildren<QLabel*>())
        messageShown |= label->isVisible() && label->text().contains("No network yet");
    QVERIFY(messageShown);
    const QImage image = view.grab().toImage();
    QVERIFY(distinctColours(image) > 1);                        // the message
    QCOMPARE(pixelsOfColour(image, spectrumColour::active), 0); // and no nodes
}

// The table holds every hidden layer now and at the end of every epoch, whatever is on screen.
void SpectrumViewTest::csvHoldsEveryLayerAndEpoch()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    SpectrumView view;
    view.showSnapshot(snapshot);
    const auto rows = parseCsv(view.seriesCsv(), QStringLiteral("now"), 1);
    const Eigen::VectorXf& lamOut = snapshot->transfers[0].lamOut;
    QCOMPARE(static_cast<int>(rows.size()), 48);
    std::vector<int> byRank(rows.size());
    for (const CsvRow& row : rows) {
        QCOMPARE(row.layer, 1);
        QCOMPARE(row.value, lamOut(row.node));
        QCOMPARE(row.magnitude, std::abs(row.value));
        QCOMPARE(row.active, row.node >= 2); // the fixture prunes nodes 0 and 1
        byRank[static_cast<std::size_t>(row.rank - 1)] = row.node;
    }
    for (std::size_t r = 1; r < byRank.size(); ++r)
        QVERIFY(std::abs(lamOut(byRank[r - 1])) >= std::abs(lamOut(byRank[r])));

    const auto second = parseCsv(view.seriesCsv(), QStringLiteral("now"), 2);
    QCOMPARE(static_cast<int>(second.size()), 24);
    QCOMPARE(second[5].value, snapshot->transfers[1].lamOut(5));
    view.findChild<QComboBox*>()->setCurrentIndex(1); // another layer on screen: the same table
    QCOMPARE(parseCsv(view.seriesCsv(), QStringLiteral("now"), 2).size(), second.size());

    const auto history = parseCsv(view.seriesCsv(), QStringLiteral("epoch end"));
    QCOMPARE(history.size(), snapshot->spectrumHistory.size() * (48 + 24));
    for (const CsvRow& row : history) {
        const auto frame = std::find_if(snapshot->spectrumHistory.begin(), snapshot->spectrumHistory.end(),
                                        [&](const SpectrumFrame& f) { return f.epoch == row.epoch; });
        QVERIFY(frame != snapshot->spectrumHistory.end());
        QCOMPARE(row.value, frame->hidden[static_cast<std::size_t>(row.layer - 1)](row.node));
    }
}

void SpectrumViewTest::histogramCountsEveryNode()
{
    SpectrumView view;
    view.showSnapshot(testing::makeSnapshot());
    const auto* histogram = view.findChild<SpectrumHistogram*>();
    const auto& counts = histogram->counts();
    const auto& active = histogram->activeCounts();
    QCOMPARE(static_cast<int>(counts.size()), SpectrumHistogram::binCount);
    QCOMPARE(std::accumulate(counts.begin(), counts.end(), 0), 48);
    QCOMPARE(std::accumulate(active.begin(), active.end(), 0), 46);
    // Symmetric range: the largest |lambda| lands in an outermost bar.
    QVERIFY(counts.front() + counts.back() >= 1);
}

void SpectrumViewTest::scrubberReplaysAndFollowsLive()
{
    auto snapshot = std::make_shared<TrainingSnapshot>(*testing::makeSnapshot());
    // Make the frames distinguishable from the live eigenvalues.
    snapshot->spectrumHistory =
        testing::edited(snapshot->spectrumHistory, 0, [](SpectrumFrame& frame) { frame.hidden[0] *= 0.5f; });
    SpectrumView view;
    view.showSnapshot(snapshot);
    auto* slider = view.findChild<QSlider*>();
    QCOMPARE(slider->maximum(), 3); // three frames, then live
    QCOMPARE(slider->value(), 3);

    slider->setValue(0);
    QCOMPARE(view.shownSpectrum().values(7), snapshot->spectrumHistory[0].hidden[0](7));
    bool labelled = false;
    for (const QLabel* label : view.findChildren<QLabel*>())
        labelled |= label->text().startsWith("epoch 0 of 5");
    QVERIFY(labelled);

    // A new epoch while replaying: the view stays on the chosen frame.
    auto later = std::make_shared<TrainingSnapshot>(*snapshot);
    SpectrumFrame third = later->spectrumHistory.back();
    third.epoch = 3;
    later->spectrumHistory.push_back(third);
    later->transfers[0].lamOut *= 2.0f;
    view.showSnapshot(later);
    QCOMPARE(slider->value(), 0);
    QCOMPARE(view.shownSpectrum().values(7), snapshot->spectrumHistory[0].hidden[0](7));

    // At the end it follows the live snapshots.
    slider->setValue(slider->maximum());
    QCOMPARE(view.shownSpectrum().values(7), later->transfers[0].lamOut(7));
    auto latest = std::make_shared<TrainingSnapshot>(*later);
    latest->spectrumHistory.push_back(latest->spectrumHistory.back());
    latest->transfers[0].lamOut *= -1.0f;
    view.showSnapshot(latest);
    QCOMPARE(slider->value(), slider->maximum());
    QCOMPARE(slider->maximum(), 5);
    QCOMPARE(view.shownSpectrum().values(7), latest->transfers[0].lamOut(7));
}

void SpectrumViewTest::clickingAPointSelectsItsNode()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    SpectrumView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showSnapshot(snapshot);
    auto* strip = view.findChild<SpectrumStrip*>();
    QSignalSpy selected(&view, &SnapshotView::nodeSelected);

    // The most important node: the top-left point of the ranked strip.
    Eigen::Index top = 0;
    snapshot->transfers[0].lamOut.cwiseAbs().maxCoeff(&top);
    const QPoint at = strip->positionOf(static_cast<int>(top));
    QCOMPARE(strip->nodeAt(at), static_cast<int>(top));
    QTest::mouseClick(strip->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<NodeRef>(), (NodeRef{1, static_cast<int>(top)}));

    // Far from every point: nothing is selected.
    QTest::mouseClick(strip->viewport(), Qt::LeftButton, {}, QPoint(strip->width() - 5, 5));
    QCOMPARE(selected.count(), 1);
}

void SpectrumViewTest::draggingSetsAThreshold()
{
    const SnapshotPtr snapshot = testing::makeSnapshot();
    SpectrumView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showSnapshot(snapshot);
    auto* strip = view.findChild<SpectrumStrip*>();
    QSignalSpy dragged(&view, &SpectrumView::thresholdDragged);
    QSignalSpy selected(&view, &SnapshotView::nodeSelected);

    const QRect plot = strip->chart()->plotArea().toRect();
    const QPoint from = strip->mapFromScene(strip->chart()->mapToScene(plot.center()));
    drag(strip->viewport(), from, from - QPoint(0, plot.height() / 4));
    QVERIFY(dragged.count() >= 1);
    QCOMPARE(selected.count(), 0);
    const double threshold = dragged.last().at(0).toDouble();
    QVERIFY(threshold > 0.0);
    QCOMPARE(view.threshold().value(), threshold);

    const Eigen::VectorXf& lamOut = snapshot->transfers[0].lamOut;
    int below = 0;
    for (int i = 2; i < lamOut.size(); ++i) // nodes 0 and 1 are pruned: grey, never "below"
        below += std::abs(lamOut(i)) < threshold ? 1 : 0;
    QVERIFY(below > 0);
    QCOMPARE(strip->belowThresholdCount(), below);

    view.clearThreshold();
    QVERIFY(!view.threshold());
    QCOMPARE(strip->belowThresholdCount(), 0);
    view.setThreshold(1e9);
    QCOMPARE(strip->belowThresholdCount(), 46);
    QCOMPARE(dragged.count(), 4); // setting it programmatically does not echo
}

void SpectrumViewTest::highlightSwitchesLayer()
{
    SpectrumView view;
    view.showSnapshot(testing::makeSnapshot());
    QSignalSpy selected(&view, &SnapshotView::nodeSelected);
    view.highlightNode({2, 4});
    QCOMPARE(view.findChild<QComboBox*>()->currentIndex(), 1);
    view.highlightNode({3, 1}); // an output node: not shown, the layer stays
    view.highlightNode({2, 99}); // no such node
    QCOMPARE(view.findChild<QComboBox*>()->currentIndex(), 1);
    QCOMPARE(selected.count(), 0);
}

void SpectrumViewTest::directLayersFallBackToConnectivity()
{
    const SnapshotPtr snapshot = testing::makeSnapshot({2, 12, 8, 3}, LayerKind::Direct);
    SpectrumView view;
    view.resize(900, 600);
    view.showSnapshot(snapshot);
    const QString csv = view.seriesCsv();
    QVERIFY(csv.startsWith("series,epoch,layer,node,connectivity,abs_connectivity,rank,active\n"));
    const auto rows = parseCsv(csv, QStringLiteral("now"), 1);
    QCOMPARE(static_cast<int>(rows.size()), 12);
    for (const CsvRow& row : rows)
        QCOMPARE(row.value, snapshot->transfers[0].connectivity(row.node));
    bool explained = false;
    for (const QLabel* label : view.findChildren<QLabel*>())
        explained |= label->text().contains("connectivity");
    QVERIFY(explained);
    QVERIFY(view.findChild<InputEigenvalueMap*>()->image().isNull());
    keepImage(view.grab().toImage(), QStringLiteral("spectrum-direct"));
}

void SpectrumViewTest::inputEigenvaluesFollowTheSampleShape()
{
    const SnapshotPtr mnist = testing::makeSnapshot();
    SpectrumView view;
    view.showSnapshot(mnist);
    const auto* map = view.findChild<InputEigenvalueMap*>();
    QCOMPARE(map->image().size(), QSize(28, 28));
    QVERIFY(map->caption().contains("28 × 28"));
    Eigen::Index largest = 0;
    Eigen::Index smallest = 0;
    mnist->transfers[0].lamIn.maxCoeff(&largest);
    mnist->transfers[0].lamIn.minCoeff(&smallest);
    const auto pixel = [&](Eigen::Index input) {
        return QColor(map->image().pixel(static_cast<int>(input % 28), static_cast<int>(input / 28)));
    };
    QVERIFY(pixel(largest).red() > pixel(largest).blue());   // positive: vermillion
    QVERIFY(pixel(smallest).blue() > pixel(smallest).red()); // negative: blue

    // CIFAR: three channel planes, drawn as their mean.
    auto cifar = std::make_shared<TrainingSnapshot>(*testing::makeSnapshot({3072, 16, 10}));
    cifar->sampleShape = {3, 32, 32};
    view.showSnapshot(cifar);
    QCOMPARE(map->image().size(), QSize(32, 32));
    QVERIFY(map->caption().contains("mean over the 3 channels"));

    // Flat samples (two spiral coordinates): a one-row strip.
    view.showSnapshot(testing::makeSnapshot({2, 12, 8, 3}));
    QCOMPARE(map->image().size(), QSize(2, 1));
    QVERIFY(map->caption().contains("2 inputs in a row"));

    // One-set layers have no input eigenvalues: a message instead.
    view.showSnapshot(testing::makeSnapshot({784, 20, 10}, LayerKind::Spectral1));
    QVERIFY(map->image().isNull());
    QVERIFY(map->caption().isEmpty());
}

void SpectrumViewTest::paintsAPicture()
{
    SpectrumView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showSnapshot(testing::makeSnapshot());
    view.highlightNode({1, 10});
    view.setThreshold(0.5 * view.findChild<SpectrumStrip*>()->yAxis()->max());
    QTest::qWait(50); // let the charts lay out their new axes, as the event loop would
    const QImage image = view.grab().toImage();
    QCOMPARE(image.size(), QSize(900, 600) * image.devicePixelRatio());
    QVERIFY(distinctColours(image) > 20);
    keepImage(image, QStringLiteral("spectrum"));

    // A dark palette: the charts' background and text follow it.
    const QPalette dark = darkPalette();
    view.setPalette(dark);
    QTest::qWait(50);
    auto* strip = view.findChild<SpectrumStrip*>();
    QCOMPARE(strip->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
    QCOMPARE(strip->yAxis()->labelsBrush().color(), dark.color(QPalette::Text));
    keepImage(view.grab().toImage(), QStringLiteral("spectrum-dark"));
}

void SpectrumViewTest::wideLayersStayCheap()
{
    const SnapshotPtr wide = testing::makeSnapshot({784, 4000, 10});
    SpectrumView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 25; ++i) {
        view.showSnapshot(wide);
        QCoreApplication::processEvents(); // paint, as the event loop would
    }
    qInfo("25 snapshots of a 4000-node layer: %lld ms", static_cast<long long>(timer.elapsed()));

    QCOMPARE(static_cast<int>(parseCsv(view.seriesCsv(), QStringLiteral("now"), 1).size()), 4000);
    keepImage(view.grab().toImage(), QStringLiteral("spectrum-wide"));
}

QTEST_MAIN(SpectrumViewTest)
#include "test_spectrum_view.moc"
