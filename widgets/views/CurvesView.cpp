#include "widgets/views/CurvesView.h"

#include "widgets/OkabeIto.h"
#include "widgets/charts/ChartFontScale.h"
#include "widgets/views/ColourBlend.h"
#include "widgets/views/RunLabel.h"

#include <QBoxLayout>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

namespace reciprocal::widgets {

namespace {

// A data set keeps its colour in both charts.
constexpr QColor trainColour = okabeIto::blue;
constexpr QColor testColour = okabeIto::vermillion;
constexpr QColor validationColour = okabeIto::bluishGreen;
constexpr QColor batchColour = okabeIto::skyBlue;

// The batch curve is a moving average, so thinning it loses nothing visible and keeps replace()
// cheap however long the run is.
constexpr qsizetype maxBatchPointsShown = 1500;
// Beyond this many epochs the point markers merge into a thick line.
constexpr qsizetype maxEpochMarkers = 25;

// The smallest step of 1, 2 or 5 times a power of ten that is at least `rough`.
double niceStep(double rough)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(rough, 1e-9))));
    for (const double multiple : {1.0, 2.0, 5.0})
        if (multiple * magnitude >= rough)
            return multiple * magnitude;
    return 10.0 * magnitude;
}

// Sets the axis to [lower, upper] widened to whole steps, with a labelled tick per step.
void setScale(QValueAxis* axis, double lower, double upper, int intervals, double minimumStep)
{
    const double step = std::max(minimumStep, niceStep((upper - lower) / intervals));
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
    // The interval first: the axis lays its ticks out again when the range changes.
    axis->setTickInterval(step);
    axis->setRange(std::floor(lower / step + 1e-9) * step, std::ceil(upper / step - 1e-9) * step);
}

QValueAxis* addAxis(QChart* chart, const QString& title, Qt::Alignment alignment)
{
    auto* axis = new QValueAxis(chart);
    axis->setTitleText(title);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    chart->addAxis(axis, alignment);
    return axis;
}

QChart* createChart(const QString& title)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    QFont font = chart->titleFont();
    font.setBold(true);
    chart->setTitleFont(font);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QLineSeries* addSeries(QChart* chart, const QString& name, const QColor& colour, qreal width, QValueAxis* x,
                       QValueAxis* y)
{
    auto* series = new QLineSeries(chart);
    series->setName(name);
    series->setPen(QPen(colour, width));
    series->setColor(colour);
    series->setMarkerSize(4); // line series draw their points with this radius
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    return series;
}

void showPoints(QLineSeries* series, const QList<QPointF>& points, bool markers)
{
    series->replace(points);
    series->setPointsVisible(markers);
}

// Marks a series that the view's own key names instead of the chart's legend.
constexpr const char* keyedBelow = "keyedBelow";

// A series without points leaves the legend. Qt Charts 6.4 does not lay the legend out again when
// a hidden marker reappears (it stays a bare square without its label), so a marker that must
// reappear is made afresh by re-adding its series.
void syncLegend(QChart* chart)
{
    static const char* const shown = "inLegend"; // what the series' marker was last set to
    for (QAbstractSeries* series : chart->series()) {
        const bool inLegend = static_cast<QXYSeries*>(series)->count() > 0 && !series->property(keyedBelow).toBool();
        const QVariant before = series->property(shown);
        if (before.isValid() && before.toBool() == inLegend)
            continue;
        series->setProperty(shown, inLegend);
        if (inLegend && before.isValid()) {
            const QList<QAbstractAxis*> axes = series->attachedAxes();
            chart->removeSeries(series);
            chart->addSeries(series);
            for (QAbstractAxis* axis : axes)
                series->attachAxis(axis);
        }
        for (QLegendMarker* marker : chart->legend()->markers(series))
            marker->setVisible(inLegend);
    }
}

void appendMeasured(QList<QPointF>& points, int epoch, double value, double scale = 1.0)
{
    if (!std::isnan(value))
        points.append(QPointF(epoch, scale * value));
}

// The least and greatest y of the series' points, if they have any.
std::optional<std::pair<double, double>> valueRange(std::initializer_list<const QLineSeries*> series)
{
    std::optional<std::pair<double, double>> range;
    for (const QLineSeries* s : series)
        for (const QPointF& point : s->points())
            range = range ? std::pair(std::min(range->first, point.y()), std::max(range->second, point.y()))
                          : std::pair(point.y(), point.y());
    return range;
}

const EpochRecord* nearestRecord(const SharedLog<EpochRecord>& history, double epoch)
{
    const auto nearest = std::min_element(history.begin(), history.end(), [epoch](const auto& a, const auto& b) {
        return std::abs(a.epoch - epoch) < std::abs(b.epoch - epoch);
    });
    return nearest == history.end() ? nullptr : &*nearest;
}

// "epoch 3: train 0.412 · test 0.455", leaving out values that were not measured.
QString epochText(int epoch, std::initializer_list<std::pair<QString, double>> values, bool percent)
{
    QStringList parts;
    for (const auto& [name, value] : values) {
        if (std::isnan(value))
            continue;
        const QString number = percent ? CurvesView::tr("%1 %").arg(100 * value, 0, 'f', 1)
                                       : QString::number(value, 'f', 3);
        parts.append(CurvesView::tr("%1 %2").arg(name, number));
    }
    return CurvesView::tr("epoch %1: %2").arg(epoch).arg(parts.join(QStringLiteral(" · ")));
}

} // namespace

// A chart view with an empty-state caption in the middle of the plot and a hover read-out: a
// tracker line at the epoch nearest the mouse and a label with that epoch's values.
class CurvesView::HoverChartView : public QChartView {
public:
    using ReadoutFunction = std::function<std::optional<Readout>(double epoch)>;

    HoverChartView(QChart* chart, ReadoutFunction readout, QWidget* parent)
        : QChartView(chart, parent)
        , m_fontScale(font())
        , m_readout(std::move(readout))
        , m_caption(new QGraphicsSimpleTextItem(chart))
        , m_tracker(new QGraphicsLineItem(chart))
        , m_labelBox(new QGraphicsRectItem(chart))
        , m_label(new QGraphicsSimpleTextItem(m_labelBox))
    {
        setRenderHint(QPainter::Antialiasing);
        setFrameShape(QFrame::NoFrame);
        setMouseTracking(true);
        setMinimumSize(280, 200);
        QFont captionFont = m_caption->font();
        captionFont.setPointSizeF(captionFont.pointSizeF() * 1.3);
        m_caption->setFont(captionFont);
        for (QGraphicsItem* item : {static_cast<QGraphicsItem*>(m_caption), static_cast<QGraphicsItem*>(m_tracker),
                                    static_cast<QGraphicsItem*>(m_labelBox)})
            item->setZValue(100); // above the series
        m_tracker->hide();
        m_labelBox->hide();
        connect(chart, &QChart::plotAreaChanged, this, [this] {
            placeCaption();
            refreshHover();
        });
    }

    void setCaption(const QString& text)
    {
        m_caption->setText(text);
        m_caption->setVisible(!text.isEmpty());
        placeCaption();
    }

    // Reads the values under the mouse again, e.g. after the data changed.
    void refreshHover()
    {
        std::optional<Readout> readout;
        QPointF at;
        if (m_mouse) {
            at = chart()->mapFromScene(mapToScene(*m_mouse));
            if (chart()->plotArea().contains(at))
                readout = m_readout(chart()->mapToValue(at).x());
        }
        m_tracker->setVisible(readout.has_value());
        m_labelBox->setVisible(readout.has_value());
        if (!readout)
            return;
        const QRectF area = chart()->plotArea();
        const double x = chart()->mapToPosition(QPointF(readout->epoch, 0.0)).x();
        m_tracker->setLine(x, area.top(), x, area.bottom());
        m_label->setText(readout->text);
        constexpr double padding = 4.0;
        const QRectF text = m_label->boundingRect();
        m_label->setPos(padding, padding);
        m_labelBox->setRect(0, 0, text.width() + 2 * padding, text.height() + 2 * padding);
        // Beside the tracker, on the side and half of the plot away from the mouse, so the label
        // never hides the points being read.
        const QRectF box = m_labelBox->rect();
        double left = x + 2 * padding;
        if (left + box.width() > area.right())
            left = std::max(area.left(), x - 2 * padding - box.width());
        const double top = at.y() < area.center().y() ? area.bottom() - box.height() - 2 * padding
                                                       : area.top() + 2 * padding;
        m_labelBox->setPos(left, top);
    }

    void applyPalette(const QPalette& palette)
    {
        const QColor text = palette.color(QPalette::Text);
        const QColor base = palette.color(QPalette::Base);
        setBackgroundBrush(base);
        chart()->setBackgroundBrush(base);
        chart()->setBackgroundPen(Qt::NoPen);
        chart()->setTitleBrush(text);
        chart()->legend()->setLabelColor(text);
        for (QAbstractAxis* axis : chart()->axes()) {
            axis->setLabelsBrush(text);
            axis->setTitleBrush(text);
            axis->setLinePen(QPen(blend(base, text, 0.5), 1));
            axis->setGridLinePen(QPen(blend(base, text, 0.15), 1));
        }
        m_caption->setBrush(palette.color(QPalette::PlaceholderText));
        m_tracker->setPen(QPen(blend(base, text, 0.5), 1, Qt::DashLine));
        QColor boxColour = base;
        boxColour.setAlphaF(0.9f);
        m_labelBox->setBrush(boxColour);
        m_labelBox->setPen(QPen(blend(base, text, 0.4), 1));
        m_label->setBrush(text);
    }

protected:
    void changeEvent(QEvent* event) override
    {
        QChartView::changeEvent(event);
        if (event->type() != QEvent::FontChange)
            return;
        const qreal factor = m_fontScale.follow(*chart(), font());
        for (QGraphicsSimpleTextItem* text : {m_caption, m_label})
            text->setFont(scaledFont(text->font(), factor));
        placeCaption();
    }

    void mouseMoveEvent(QMouseEvent* event) override
    {
        m_mouse = event->position().toPoint();
        refreshHover();
        QChartView::mouseMoveEvent(event);
    }

    void leaveEvent(QEvent* event) override
    {
        m_mouse.reset();
        refreshHover();
        QChartView::leaveEvent(event);
    }

private:
    void placeCaption()
    {
        const QRectF area = chart()->plotArea();
        const QRectF text = m_caption->boundingRect();
        m_caption->setPos(area.center() - text.center());
    }

    ChartFontScale m_fontScale;
    ReadoutFunction m_readout;
    std::optional<QPoint> m_mouse; // in view coordinates, while the mouse is over the chart
    QGraphicsSimpleTextItem* m_caption;
    QGraphicsLineItem* m_tracker;
    QGraphicsRectItem* m_labelBox;
    QGraphicsSimpleTextItem* m_label;
};

CurvesView::CurvesView(QWidget* parent)
    : SnapshotView(parent)
    , m_snapshot(std::make_shared<TrainingSnapshot>())
{
    auto* lossChart = createChart(tr("Loss"));
    m_lossEpochAxis = addAxis(lossChart, tr("epoch"), Qt::AlignBottom);
    m_lossAxis = addAxis(lossChart, tr("loss"), Qt::AlignLeft);
    m_trainLoss = addSeries(lossChart, tr("train"), trainColour, 2.0, m_lossEpochAxis, m_lossAxis);
    m_testLoss = addSeries(lossChart, tr("test"), testColour, 2.0, m_lossEpochAxis, m_lossAxis);
    m_validationLoss = addSeries(lossChart, tr("validation"), validationColour, 2.0, m_lossEpochAxis, m_lossAxis);
    m_batchLoss = addSeries(lossChart, tr("train, per batch"), batchColour, 1.0, m_lossEpochAxis, m_lossAxis);

    auto* accuracyChart = createChart(tr("Accuracy"));
    m_accuracyEpochAxis = addAxis(accuracyChart, tr("epoch"), Qt::AlignBottom);
    m_accuracyAxis = addAxis(accuracyChart, tr("accuracy (%)"), Qt::AlignLeft);
    m_trainAccuracy = addSeries(accuracyChart, tr("train"), trainColour, 2.0, m_accuracyEpochAxis, m_accuracyAxis);
    m_testAccuracy = addSeries(accuracyChart, tr("test"), testColour, 2.0, m_accuracyEpochAxis, m_accuracyAxis);
    m_validationAccuracy =
        addSeries(accuracyChart, tr("validation"), validationColour, 2.0, m_accuracyEpochAxis, m_accuracyAxis);

    m_lossView = new HoverChartView(lossChart, [this](double epoch) { return lossReadout(epoch); }, this);
    m_accuracyView =
        new HoverChartView(accuracyChart, [this](double epoch) { return accuracyReadout(epoch); }, this);

    m_zoomAccuracy = new QCheckBox(tr("Zoom accuracy to the data"), this);
    m_zoomAccuracy->setToolTip(tr("Fit the accuracy axis to the measured values instead of showing 0-100 %"));
    connect(m_zoomAccuracy, &QCheckBox::toggled, this, &CurvesView::updateAccuracyAxis);

    m_showEarlier = new QCheckBox(tr("Earlier runs"), this);
    m_showEarlier->setChecked(true);
    m_showEarlier->setToolTip(tr("The test curves of the session's earlier runs, faded and dashed"));
    m_showEarlier->setEnabled(false);
    connect(m_showEarlier, &QCheckBox::toggled, this, [this] {
        updateEarlierRuns();
        updateEpochAxis();
        updateLossAxis();
        updateAccuracyAxis();
    });
    auto* controls = new QHBoxLayout;
    controls->addStretch();
    controls->addWidget(m_showEarlier);
    controls->addWidget(m_zoomAccuracy);
    m_charts = new QWidget(this);
    // The key of the earlier runs wraps below the charts: inside a chart's legend their settings
    // were cut to "earlier: ci…".
    m_earlierKey = new QLabel(m_charts);
    m_earlierKey->setWordWrap(true);
    m_earlierKey->setTextFormat(Qt::RichText);
    m_earlierKey->setContentsMargins(6, 2, 6, 2);
    m_earlierKey->hide();
    m_chartLayout = new QBoxLayout(QBoxLayout::TopToBottom);
    m_chartLayout->addWidget(m_lossView);
    m_chartLayout->addWidget(m_accuracyView);
    auto* figureLayout = new QVBoxLayout(m_charts);
    figureLayout->setContentsMargins(0, 0, 0, 0);
    figureLayout->addLayout(m_chartLayout, 1);
    figureLayout->addWidget(m_earlierKey);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_charts, 1);

    applyPalette();
    showSnapshot(m_snapshot);
}

QList<QChart*> CurvesView::charts() const
{
    return {m_lossView->chart(), m_accuracyView->chart()};
}

void CurvesView::keepRun(const SnapshotPtr& run)
{
    if (!run || run->history.empty())
        return;
    if (static_cast<int>(m_earlier.size()) == maxEarlierRuns) {
        delete m_earlier.front().loss;
        delete m_earlier.front().accuracy;
        m_earlier.erase(m_earlier.begin());
    }
    const int number = ++m_runsKept;
    const QString name = tr("run %1: %2").arg(number).arg(runLabel(*run));
    const QColor colour = earlierRunPen(number).color();
    EarlierRun earlier{run, number, addSeries(m_lossView->chart(), name, colour, 1.5, m_lossEpochAxis, m_lossAxis),
                       addSeries(m_accuracyView->chart(), name, colour, 1.5, m_accuracyEpochAxis, m_accuracyAxis)};
    QList<QPointF> loss, accuracy;
    for (const EpochRecord& record : run->history) {
        appendMeasured(loss, record.epoch, record.testLoss);
        appendMeasured(accuracy, record.epoch, record.testAccuracy, 100.0);
    }
    earlier.loss->replace(loss);
    earlier.accuracy->replace(accuracy);
    for (QLineSeries* series : {earlier.loss, earlier.accuracy})
        series->setProperty(keyedBelow, true);
    m_earlier.push_back(earlier);
    m_showEarlier->setEnabled(true);
    updateEarlierRuns();
    showSnapshot(m_snapshot);
}

QPen CurvesView::earlierRunPen(int number) const
{
    // Hues the current run's curves do not use (the text colour stands in for Okabe-Ito's black,
    // which the dark background would swallow), faded: earlier means quieter. Each of the runs kept
    // has a dash of its own, so two that share a hue still differ.
    const QColor hues[] = {okabeIto::reddishPurple, okabeIto::orange, palette().color(QPalette::Text)};
    static constexpr Qt::PenStyle dashes[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
    static_assert(std::size(dashes) >= static_cast<std::size_t>(maxEarlierRuns));
    QColor colour = hues[static_cast<std::size_t>(number - 1) % std::size(hues)];
    colour.setAlphaF(0.7f);
    return QPen(colour, 1.5, dashes[static_cast<std::size_t>(number - 1) % std::size(dashes)]);
}

void CurvesView::updateEarlierRuns()
{
    const auto dashText = [](Qt::PenStyle style) {
        switch (style) {
        case Qt::DotLine: return QStringLiteral("····");
        case Qt::DashDotLine: return QStringLiteral("—·—");
        case Qt::DashDotDotLine: return QStringLiteral("—··—");
        default: return QStringLiteral("— —");
        }
    };
    const bool shown = m_showEarlier->isChecked();
    QStringList names;
    QStringList settings;
    for (const EarlierRun& earlier : m_earlier) {
        const QPen pen = earlierRunPen(earlier.number);
        for (QLineSeries* series : {earlier.loss, earlier.accuracy}) {
            series->setPen(pen);
            series->setVisible(shown);
        }
        names << QStringLiteral("<b style=\"color:%1\">%2</b>&nbsp;%3")
                     .arg(pen.color().name(QColor::HexRgb), dashText(pen.style()),
                          tr("run %1: %2").arg(earlier.number).arg(shortRunLabel(*earlier.run).toHtmlEscaped()));
        settings << tr("run %1: %2").arg(earlier.number).arg(runLabel(*earlier.run));
    }
    m_earlierKey->setText(tr("Earlier runs' test curves: %1").arg(names.join(QStringLiteral("&nbsp;&nbsp;&nbsp; "))));
    m_earlierKey->setToolTip(settings.join(QLatin1Char('\n')));
    m_earlierKey->setVisible(shown && !m_earlier.empty());
}

void CurvesView::showSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot ? snapshot : std::make_shared<TrainingSnapshot>();
    updateSeries();
    updateEpochAxis();
    updateLossAxis();
    updateAccuracyAxis();
    updateCaptions();
    m_lossView->refreshHover();
    m_accuracyView->refreshHover();
}

void CurvesView::updateSeries()
{
    const auto& history = m_snapshot->history;
    QList<QPointF> trainLoss, testLoss, validationLoss, trainAccuracy, testAccuracy, validationAccuracy;
    for (QList<QPointF>* points :
         {&trainLoss, &testLoss, &validationLoss, &trainAccuracy, &testAccuracy, &validationAccuracy})
        points->reserve(static_cast<qsizetype>(history.size()));
    for (const EpochRecord& record : history) {
        appendMeasured(trainLoss, record.epoch, record.trainLoss);
        appendMeasured(testLoss, record.epoch, record.testLoss);
        appendMeasured(validationLoss, record.epoch, record.validationLoss);
        appendMeasured(trainAccuracy, record.epoch, record.trainAccuracy, 100.0);
        appendMeasured(testAccuracy, record.epoch, record.testAccuracy, 100.0);
        appendMeasured(validationAccuracy, record.epoch, record.validationAccuracy, 100.0);
    }
    const bool markers = static_cast<qsizetype>(history.size()) <= maxEpochMarkers;
    showPoints(m_trainLoss, trainLoss, markers);
    showPoints(m_testLoss, testLoss, markers);
    showPoints(m_validationLoss, validationLoss, markers);
    showPoints(m_trainAccuracy, trainAccuracy, markers);
    showPoints(m_testAccuracy, testAccuracy, markers);
    showPoints(m_validationAccuracy, validationAccuracy, markers);

    const auto& batches = m_snapshot->batchLosses;
    const auto count = static_cast<qsizetype>(batches.size());
    const qsizetype stride = (count + maxBatchPointsShown - 1) / maxBatchPointsShown;
    QList<QPointF> batchLoss;
    batchLoss.reserve(std::min(count, maxBatchPointsShown + 1));
    for (qsizetype i = 0; i < count; i += stride)
        batchLoss.append(QPointF(batches[i].epoch, batches[i].loss));
    if (count > 0 && (count - 1) % stride != 0) // the newest point always shows
        batchLoss.append(QPointF(batches.back().epoch, batches.back().loss));
    showPoints(m_batchLoss, batchLoss, false);
    for (QChart* chart : charts())
        syncLegend(chart);
}

void CurvesView::updateEpochAxis()
{
    // Up to the target from the start, so the charts do not rescale every epoch.
    double end = std::max(1, m_snapshot->targetEpochs);
    if (!m_snapshot->history.empty())
        end = std::max(end, static_cast<double>(m_snapshot->history.back().epoch));
    if (!m_snapshot->batchLosses.empty())
        end = std::max(end, std::ceil(m_snapshot->batchLosses.back().epoch));
    if (m_showEarlier->isChecked())
        for (const EarlierRun& earlier : m_earlier)
            end = std::max(end, static_cast<double>(earlier.run->history.back().epoch));
    setScale(m_lossEpochAxis, 0.0, end, 10, 1.0);
    setScale(m_accuracyEpochAxis, 0.0, end, 10, 1.0);
}

void CurvesView::updateLossAxis()
{
    auto range = valueRange({m_trainLoss, m_testLoss, m_validationLoss, m_batchLoss});
    if (m_showEarlier->isChecked())
        for (const EarlierRun& earlier : m_earlier)
            if (const auto more = valueRange({earlier.loss}))
                range = range ? std::pair(std::min(range->first, more->first), std::max(range->second, more->second)) : *more;
    const double top = range && range->second > 0.0 ? 1.05 * range->second : 1.0;
    setScale(m_lossAxis, 0.0, top, 5, 0.0);
}

void CurvesView::updateAccuracyAxis()
{
    auto range = valueRange({m_trainAccuracy, m_testAccuracy, m_validationAccuracy});
    if (m_showEarlier->isChecked())
        for (const EarlierRun& earlier : m_earlier)
            if (const auto more = valueRange({earlier.accuracy}))
                range = range ? std::pair(std::min(range->first, more->first), std::max(range->second, more->second)) : *more;
    if (!m_zoomAccuracy->isChecked() || !range) {
        setScale(m_accuracyAxis, 0.0, 100.0, 5, 0.0);
        return;
    }
    const double padding = std::max(0.5, 0.1 * (range->second - range->first));
    setScale(m_accuracyAxis, std::max(0.0, range->first - padding), std::min(100.0, range->second + padding), 5,
             0.1);
}

void CurvesView::updateCaptions()
{
    const bool trained = !m_snapshot->batchLosses.empty() || !m_snapshot->history.empty();
    const QString play = tr("Press Play to train");
    m_lossView->setCaption(trained ? QString() : play);
    if (!m_snapshot->history.empty())
        m_accuracyView->setCaption(QString());
    else
        m_accuracyView->setCaption(trained ? tr("Accuracy is measured at the end of each epoch") : play);
}

std::optional<CurvesView::Readout> CurvesView::lossReadout(double epoch) const
{
    const EpochRecord* record = nearestRecord(m_snapshot->history, epoch);
    if (record && std::abs(record->epoch - epoch) <= 0.5)
        return Readout{static_cast<double>(record->epoch),
                       epochText(record->epoch,
                                 {{tr("train"), record->trainLoss},
                                  {tr("test"), record->testLoss},
                                  {tr("validation"), record->validationLoss}},
                                 false)};
    // Between epoch records (or before the first), the per-batch curve is what there is to read.
    const auto& batches = m_snapshot->batchLosses;
    if (batches.empty())
        return std::nullopt;
    auto next = std::lower_bound(batches.begin(), batches.end(), epoch,
                                 [](const BatchPoint& point, double x) { return point.epoch < x; });
    if (next == batches.end() || (next != batches.begin() && epoch - std::prev(next)->epoch < next->epoch - epoch))
        next = std::prev(next);
    return Readout{next->epoch, tr("epoch %1: train, per batch %2")
                                    .arg(next->epoch, 0, 'f', 2)
                                    .arg(QString::number(next->loss, 'f', 3))};
}

std::optional<CurvesView::Readout> CurvesView::accuracyReadout(double epoch) const
{
    const EpochRecord* record = nearestRecord(m_snapshot->history, epoch);
    if (!record)
        return std::nullopt;
    return Readout{static_cast<double>(record->epoch),
                   epochText(record->epoch,
                             {{tr("train"), record->trainAccuracy},
                              {tr("test"), record->testAccuracy},
                              {tr("validation"), record->validationAccuracy}},
                             true)};
}

QString CurvesView::seriesCsv() const
{
    // One tidy table (a row per measured point, the series named in a column), so that any CSV
    // reader takes it as it is; numbers in the C locale. Points never measured have no row.
    QString csv = QStringLiteral("series,epoch,value\n");
    const auto row = [&csv](const char* series, double epoch, double value) {
        if (!std::isnan(value))
            csv += QStringLiteral("%1,%2,%3\n")
                       .arg(QLatin1String(series), QString::number(epoch, 'g', 10), QString::number(value, 'g', 10));
    };
    for (const EpochRecord& r : m_snapshot->history) {
        row("train_loss", r.epoch, r.trainLoss);
        row("train_accuracy", r.epoch, r.trainAccuracy);
        row("validation_loss", r.epoch, r.validationLoss);
        row("validation_accuracy", r.epoch, r.validationAccuracy);
        row("test_loss", r.epoch, r.testLoss);
        row("test_accuracy", r.epoch, r.testAccuracy);
    }
    for (const BatchPoint& point : m_snapshot->batchLosses)
        row("smoothed_batch_loss", point.epoch, point.loss); // at fractional epochs
    for (std::size_t k = 0; k < m_earlier.size(); ++k) {
        const std::string prefix = "earlier_run_" + std::to_string(k + 1) + "_test_";
        for (const EpochRecord& r : m_earlier[k].run->history) {
            row((prefix + "loss").c_str(), r.epoch, r.testLoss);
            row((prefix + "accuracy").c_str(), r.epoch, r.testAccuracy);
        }
    }
    return csv;
}

void CurvesView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    SnapshotView::changeEvent(event);
}

void CurvesView::resizeEvent(QResizeEvent* event)
{
    // Side by side when there is room for two charts across, stacked otherwise.
    m_chartLayout->setDirection(width() > 1.6 * height() ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    SnapshotView::resizeEvent(event);
}

void CurvesView::applyPalette()
{
    m_lossView->applyPalette(palette());
    m_accuracyView->applyPalette(palette());
    updateEarlierRuns(); // one hue is the text colour
}

} // namespace reciprocal::widgets
