// SPDX-License-Identifier: MIT
// The curves view: the series hold the snapshot's numbers, the epoch axis covers the target, an
// empty snapshot shows its caption, hovering reads out the nearest epoch, the CSV has a row per
// epoch and per batch point, and the widget paints something in light and dark palettes.
#include "widgets/AppearancePalette.h"
#include "widgets/views/CurvesView.h"

#include "ImageChecks.h"
#include "SnapshotFixture.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSet>
#include <QMap>
#include <QTest>
#include <QValueAxis>

#include <cmath>

using namespace reciprocal;
using namespace reciprocal::widgets;

using reciprocal::widgets::testing::distinctColours;
using reciprocal::widgets::testing::keepImage;
using reciprocal::widgets::testing::pixelsOfColour;

namespace {

QLineSeries* seriesNamed(QChart* chart, const QString& name)
{
    for (QAbstractSeries* series : chart->series())
        if (series->name() == name)
            return qobject_cast<QLineSeries*>(series);
    return nullptr;
}

QValueAxis* axis(QChart* chart, Qt::Orientation orientation)
{
    return qobject_cast<QValueAxis*>(chart->axes(orientation).value(0));
}

// Whether the series' legend entry shows; the legend lays its entries out once the view is shown.
bool inLegend(QLineSeries* series)
{
    const auto markers = series->chart()->legend()->markers(series);
    return !markers.isEmpty() && markers.first()->isVisible();
}

// The texts of the visible plain text items drawn over the chart (caption, hover label).
QStringList overlayTexts(QChart* chart)
{
    QStringList texts;
    for (QGraphicsItem* item : chart->scene()->items())
        if (auto* text = qgraphicsitem_cast<QGraphicsSimpleTextItem*>(item); text && text->isVisible())
            texts.append(text->text());
    return texts;
}

std::shared_ptr<TrainingSnapshot> copyOf(const SnapshotPtr& snapshot)
{
    return std::make_shared<TrainingSnapshot>(*snapshot);
}

void compare(QLineSeries* series, const QList<QPointF>& expected)
{
    QVERIFY(series);
    const QList<QPointF> points = series->points();
    QCOMPARE(points.size(), expected.size());
    for (qsizetype i = 0; i < points.size(); ++i) {
        QCOMPARE(points[i].x(), expected[i].x());
        QVERIFY2(std::abs(points[i].y() - expected[i].y()) < 1e-9,
                 qPrintable(QStringLiteral("point %1 of %2: %3 != %4")
                                .arg(i)
                                .arg(series->name())
                                .arg(points[i].y())
                                .arg(expected[i].y())));
    }
}


} // namespace

class CurvesViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void seriesHoldTheSnapshotsNumbers();
    void validationJoinsTheLegendWhenMeasured();
    void epochAxisCoversTheTargetEpochs();
    void accuracyAxisZoomsToTheData();
    void longRunsThinTheBatchCurve();
    void emptySnapshotShowsTheCaption();
    void hoverReadsTheNearestEpoch();
    void csvHasARowPerEpochAndBatchPoint();
    void grabIsNotBlankInLightAndDarkPalettes();
    void wideViewsPutTheChartsSideBySide();
};

void CurvesViewTest::seriesHoldTheSnapshotsNumbers()
{
    const SnapshotPtr snapshot = testing::makeSnapshot({20, 8, 3});
    CurvesView view;
    view.showSnapshot(snapshot);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.viewName(), QStringLiteral("curves"));
    const QList<QChart*> charts = view.charts();
    QCOMPARE(charts.size(), 2);

    QList<QPointF> trainLoss, testLoss, trainAccuracy, testAccuracy, batchLoss;
    for (const EpochRecord& r : snapshot->history) {
        trainLoss.append({double(r.epoch), r.trainLoss});
        testLoss.append({double(r.epoch), r.testLoss});
        trainAccuracy.append({double(r.epoch), 100 * r.trainAccuracy});
        testAccuracy.append({double(r.epoch), 100 * r.testAccuracy});
    }
    for (const BatchPoint& point : snapshot->batchLosses)
        batchLoss.append({point.epoch, point.loss});
    compare(seriesNamed(charts[0], QStringLiteral("train")), trainLoss);
    compare(seriesNamed(charts[0], QStringLiteral("test")), testLoss);
    compare(seriesNamed(charts[0], QStringLiteral("train, per batch")), batchLoss);
    compare(seriesNamed(charts[1], QStringLiteral("train")), trainAccuracy);
    compare(seriesNamed(charts[1], QStringLiteral("test")), testAccuracy);

    // The fixture holds out no validation set: no points, no legend entry.
    QLineSeries* validation = seriesNamed(charts[1], QStringLiteral("validation"));
    QVERIFY(validation);
    QVERIFY(validation->points().isEmpty());
    QVERIFY(!inLegend(validation));
    QVERIFY(inLegend(seriesNamed(charts[1], QStringLiteral("test"))));

    // The loss axis starts at 0 and shows the highest loss.
    QValueAxis* lossAxis = axis(charts[0], Qt::Vertical);
    QCOMPARE(lossAxis->min(), 0.0);
    QVERIFY(lossAxis->max() >= snapshot->batchLosses.front().loss);
}

void CurvesViewTest::validationJoinsTheLegendWhenMeasured()
{
    auto snapshot = copyOf(testing::makeSnapshot({20, 8, 3}));
    snapshot->history = testing::edited(snapshot->history, 1, [](EpochRecord& record) {
        record.validationLoss = 0.4;
        record.validationAccuracy = 0.81;
    });
    CurvesView view;
    view.showSnapshot(snapshot);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QLineSeries* loss = seriesNamed(view.charts()[0], QStringLiteral("validation"));
    QLineSeries* accuracy = seriesNamed(view.charts()[1], QStringLiteral("validation"));
    compare(loss, {{2.0, 0.4}});
    compare(accuracy, {{2.0, 81.0}});
    QVERIFY(inLegend(loss));
    QVERIFY(inLegend(accuracy));

    // A later session without validation takes it out again.
    view.showSnapshot(testing::makeSnapshot({20, 8, 3}));
    QVERIFY(accuracy->points().isEmpty());
    QVERIFY(!inLegend(accuracy));
}

void CurvesViewTest::epochAxisCoversTheTargetEpochs()
{
    auto snapshot = copyOf(testing::makeSnapshot({20, 8, 3}));
    CurvesView view;
    for (const int target : {5, 13, 30, 200}) {
        snapshot->targetEpochs = target;
        view.showSnapshot(snapshot);
        for (QChart* chart : view.charts()) {
            QValueAxis* epochs = axis(chart, Qt::Horizontal);
            QCOMPARE(epochs->min(), 0.0);
            QVERIFY2(epochs->max() >= target && epochs->max() < 1.25 * target + 1,
                     qPrintable(QStringLiteral("target %1, axis up to %2").arg(target).arg(epochs->max())));
            QCOMPARE(epochs->tickInterval(), std::round(epochs->tickInterval())); // whole epochs
        }
    }
    // Training past the target (continued runs) stretches the axis to the last epoch.
    snapshot->targetEpochs = 1;
    view.showSnapshot(snapshot);
    QVERIFY(axis(view.charts()[0], Qt::Horizontal)->max() >= 2.0);
}

void CurvesViewTest::accuracyAxisZoomsToTheData()
{
    CurvesView view;
    view.showSnapshot(testing::makeSnapshot({20, 8, 3})); // accuracies 73 % to 80 %
    QValueAxis* accuracy = axis(view.charts()[1], Qt::Vertical);
    QCOMPARE(accuracy->min(), 0.0);
    QCOMPARE(accuracy->max(), 100.0);
    auto* zoom = view.findChild<QCheckBox*>();
    QVERIFY(zoom);
    zoom->setChecked(true);
    QVERIFY2(accuracy->min() > 50.0 && accuracy->min() <= 73.0,
             qPrintable(QString::number(accuracy->min())));
    QVERIFY2(accuracy->max() >= 80.0 && accuracy->max() <= 100.0, qPrintable(QString::number(accuracy->max())));
    zoom->setChecked(false);
    QCOMPARE(accuracy->min(), 0.0);
}

void CurvesViewTest::longRunsThinTheBatchCurve()
{
    auto snapshot = copyOf(testing::makeSnapshot({20, 8, 3}));
    snapshot->batchLosses = {};
    for (int i = 1; i <= 10000; ++i)
        snapshot->batchLosses.push_back({i / 100.0, 1.0 / i});
    CurvesView view;
    view.showSnapshot(snapshot);
    const QList<QPointF> points = seriesNamed(view.charts()[0], QStringLiteral("train, per batch"))->points();
    QVERIFY2(points.size() > 1000 && points.size() <= 1501, qPrintable(QString::number(points.size())));
    QCOMPARE(points.first(), QPointF(0.01, 1.0));
    QCOMPARE(points.last(), QPointF(100.0, 1.0 / 10000));
    // The CSV keeps every point.
    QCOMPARE(view.seriesCsv().count(QStringLiteral("smoothed_batch_loss,")), 10000);
}

void CurvesViewTest::emptySnapshotShowsTheCaption()
{
    CurvesView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view)); // so the legends are laid out and drawn
    const QString caption = QStringLiteral("Press Play to train");
    for (const SnapshotPtr& empty : {SnapshotPtr(), SnapshotPtr(std::make_shared<TrainingSnapshot>())}) {
        view.showSnapshot(empty);
        for (QChart* chart : view.charts()) {
            QVERIFY(overlayTexts(chart).contains(caption));
            for (QAbstractSeries* series : chart->series())
                QVERIFY(qobject_cast<QLineSeries*>(series)->points().isEmpty());
            QVERIFY(axis(chart, Qt::Horizontal)->isVisible());
            QVERIFY(axis(chart, Qt::Vertical)->isVisible());
        }
    }
    // Nothing drawn in any series' colour: no curve, no legend entry. The tolerance takes in a
    // thin antialiased line, which may have no pixel of exactly its colour.
    constexpr int antialiasing = 40;
    const QImage empty = view.grab().toImage();
    for (QChart* chart : view.charts())
        for (QAbstractSeries* series : chart->series())
            QCOMPARE(pixelsOfColour(empty, qobject_cast<QLineSeries*>(series)->color(), antialiasing), 0);

    // Batches but no finished epoch yet: the loss curve shows, the accuracy chart explains why not.
    auto started = std::make_shared<TrainingSnapshot>();
    started->targetEpochs = 10;
    started->batchLosses = {{0.1, 2.3}, {0.2, 2.1}};
    view.showSnapshot(started);
    const QColor batchColour = seriesNamed(view.charts()[0], QStringLiteral("train, per batch"))->color();
    QVERIFY(pixelsOfColour(view.grab().toImage(), batchColour, antialiasing) > 0);
    QVERIFY(!overlayTexts(view.charts()[0]).contains(caption));
    QVERIFY(!overlayTexts(view.charts()[1]).contains(caption));
    QVERIFY(overlayTexts(view.charts()[1]).join(QString()).contains(QStringLiteral("end of each epoch")));

    view.showSnapshot(testing::makeSnapshot({20, 8, 3}));
    for (QChart* chart : view.charts())
        QVERIFY(!overlayTexts(chart).contains(caption));
}

void CurvesViewTest::hoverReadsTheNearestEpoch()
{
    CurvesView view;
    view.resize(900, 600);
    view.showSnapshot(testing::makeSnapshot({20, 8, 3}));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const auto hover = [&view](QChart* chart, QPointF value) {
        for (QChartView* chartView : view.findChildren<QChartView*>()) {
            if (chartView->chart() != chart)
                continue;
            const QPoint at = chartView->mapFromScene(chart->mapToScene(chart->mapToPosition(value)));
            QMouseEvent move(QEvent::MouseMove, at, chartView->viewport()->mapToGlobal(at), Qt::NoButton,
                             Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(chartView->viewport(), &move);
            return chartView;
        }
        return static_cast<QChartView*>(nullptr);
    };
    // Early in the first epoch, before any epoch record, the loss chart reads the per-batch curve.
    QChart* loss = view.charts()[0];
    QVERIFY(hover(loss, QPointF(0.32, 0.5)));
    QVERIFY2(overlayTexts(loss).contains(QStringLiteral("epoch 0.30: train, per batch 0.923")),
             qPrintable(overlayTexts(loss).join(QLatin1Char('|'))));

    // Near epoch 2 (x = 1.8): the read-out names epoch 2 with its accuracies.
    QChart* accuracy = view.charts()[1];
    QChartView* chartView = hover(accuracy, QPointF(1.8, 50.0));
    QVERIFY(chartView);
    const QString expected = QStringLiteral("epoch 2: train 80.0 % · test 78.0 %");
    QVERIFY2(overlayTexts(accuracy).contains(expected), qPrintable(overlayTexts(accuracy).join(QLatin1Char('|'))));
    keepImage(view.grab().toImage(), QStringLiteral("curves-hover"));

    // New data under a resting mouse updates the read-out.
    auto changed = copyOf(testing::makeSnapshot({20, 8, 3}));
    changed->history = testing::edited(changed->history, 1, [](EpochRecord& record) { record.testAccuracy = 0.9; });
    view.showSnapshot(changed);
    QVERIFY(overlayTexts(accuracy).contains(QStringLiteral("epoch 2: train 80.0 % · test 90.0 %")));

    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(chartView, &leave);
    for (const QString& text : overlayTexts(accuracy))
        QVERIFY(!text.startsWith(QStringLiteral("epoch")));
}

void CurvesViewTest::csvHasARowPerEpochAndBatchPoint()
{
    auto snapshot = copyOf(testing::makeSnapshot({20, 8, 3}));
    snapshot->history = testing::edited(snapshot->history, 0, [](EpochRecord& record) {
        record.validationLoss = 0.5;
        record.validationAccuracy = 0.75;
    });
    CurvesView view;
    view.showSnapshot(snapshot);
    // One tidy table: series, epoch, value; a row per measured point.
    QStringList lines = view.seriesCsv().split(QLatin1Char('\n'));
    QCOMPARE(lines.takeFirst(), QStringLiteral("series,epoch,value"));
    QCOMPARE(lines.takeLast(), QString()); // ends with a newline
    QMap<QString, QList<QPointF>> series;
    for (const QString& line : lines) {
        const QStringList cells = line.split(QLatin1Char(','));
        QCOMPARE(cells.size(), 3);
        series[cells[0]] << QPointF(cells[1].toDouble(), cells[2].toDouble());
    }
    const auto epochs = static_cast<qsizetype>(snapshot->history.size());
    for (const char* name : {"train_loss", "train_accuracy", "test_loss", "test_accuracy"})
        QCOMPARE(series[QLatin1String(name)].size(), epochs);
    for (qsizetype i = 0; i < epochs; ++i) {
        const EpochRecord& r = snapshot->history[i];
        QCOMPARE(series[QStringLiteral("train_loss")][i], QPointF(r.epoch, r.trainLoss));
        QCOMPARE(series[QStringLiteral("test_accuracy")][i], QPointF(r.epoch, r.testAccuracy));
    }
    // validation was measured in the first epoch only: one row, none for the others
    QCOMPARE(series[QStringLiteral("validation_loss")], (QList<QPointF>{QPointF(snapshot->history[0].epoch, 0.5)}));
    QCOMPARE(series[QStringLiteral("validation_accuracy")].size(), 1);
    const QList<QPointF>& batches = series[QStringLiteral("smoothed_batch_loss")];
    QCOMPARE(batches.size(), static_cast<qsizetype>(snapshot->batchLosses.size()));
    for (qsizetype i = 0; i < batches.size(); ++i) {
        QVERIFY(std::abs(batches[i].x() - snapshot->batchLosses[i].epoch) < 1e-9);
        QVERIFY(std::abs(batches[i].y() - snapshot->batchLosses[i].loss) < 1e-9);
    }
}

void CurvesViewTest::grabIsNotBlankInLightAndDarkPalettes()
{
    auto snapshot = copyOf(testing::makeSnapshot({20, 8, 3}));
    snapshot->targetEpochs = 10;
    CurvesView view;
    view.resize(900, 600);
    view.showSnapshot(snapshot);
    const QImage light = view.grab().toImage();
    QVERIFY2(distinctColours(light) > 20, qPrintable(QString::number(distinctColours(light))));
    keepImage(light, QStringLiteral("curves-light"));

    const QPalette dark = darkPalette();
    view.setPalette(dark);
    // The chart background follows the palette.
    QCOMPARE(view.charts()[0]->backgroundBrush().color(), dark.color(QPalette::Base));
    const QImage darkImage = view.grab().toImage();
    QVERIFY(distinctColours(darkImage) > 20);
    keepImage(darkImage, QStringLiteral("curves-dark"));

    view.resize(600, 700); // narrow: stacked
    view.showSnapshot(std::make_shared<TrainingSnapshot>());
    keepImage(view.grab().toImage(), QStringLiteral("curves-empty"));
}

void CurvesViewTest::wideViewsPutTheChartsSideBySide()
{
    // A long run with a validation set.
    auto snapshot = copyOf(testing::makeSnapshot({20, 8, 3}));
    snapshot->targetEpochs = 60;
    snapshot->history = {};
    snapshot->batchLosses = {};
    for (int e = 1; e <= 40; ++e) {
        EpochRecord r;
        r.epoch = e;
        r.trainLoss = 0.3 + 0.6 / e;
        r.testLoss = 0.35 + 0.6 / e + 0.002 * e;
        r.validationLoss = 0.34 + 0.6 / e + 0.001 * e;
        r.trainAccuracy = 0.97 - 0.1 / e;
        r.testAccuracy = 0.95 - 0.1 / e - 0.0003 * e;
        r.validationAccuracy = 0.955 - 0.1 / e;
        snapshot->history.push_back(r);
        for (int b = 1; b <= 100; ++b)
            snapshot->batchLosses.push_back({e - 1 + b / 100.0, 0.28 + 0.8 / (e + b / 100.0)});
    }
    CurvesView view;
    view.resize(1280, 420);
    view.showSnapshot(snapshot);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.findChild<QCheckBox*>()->setChecked(true);
    QChartView* loss = nullptr;
    QChartView* accuracy = nullptr;
    for (QChartView* candidate : view.findChildren<QChartView*>())
        (candidate->chart() == view.charts()[0] ? loss : accuracy) = candidate;
    QVERIFY(loss->geometry().right() < accuracy->geometry().left());
    QCOMPARE(loss->geometry().top(), accuracy->geometry().top());
    keepImage(view.grab().toImage(), QStringLiteral("curves-wide"));
}

QTEST_MAIN(CurvesViewTest)
#include "test_curves_view.moc"
