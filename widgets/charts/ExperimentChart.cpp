#include "widgets/charts/ExperimentChart.h"

#include "widgets/OkabeIto.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace reciprocal::widgets {

namespace {

struct Curve {
    QString name;
    QList<QPointF> mean;
    QList<QPointF> upper;
    QList<QPointF> lower;
};

void addCurve(QChart* chart, const Curve& curve, const QColor& colour, QValueAxis* x, QValueAxis* y)
{
    if (curve.upper != curve.mean) { // a band only where the seeds disagree
        auto* upper = new QLineSeries(chart);
        upper->append(curve.upper);
        auto* lower = new QLineSeries(chart);
        lower->append(curve.lower);
        auto* band = new QAreaSeries(upper, lower);
        QColor fill = colour;
        fill.setAlphaF(0.18f);
        band->setBrush(fill);
        band->setPen(Qt::NoPen);
        chart->addSeries(band);
        band->attachAxis(x);
        band->attachAxis(y);
        chart->legend()->markers(band).first()->setVisible(false);
    }
    auto* line = new QLineSeries(chart);
    line->setName(curve.name);
    line->append(curve.mean);
    line->setPen(QPen(colour, 2.5));
    line->setPointsVisible(curve.mean.size() <= 8);
    chart->addSeries(line);
    line->attachAxis(x);
    line->attachAxis(y);
}

} // namespace

QChart* createPruningChart(const QString& title, const std::vector<ExperimentSummary>& summary,
                           const std::vector<ReferencePoint>& references)
{
    std::vector<Curve> curves;
    std::map<QString, std::size_t> index;
    const auto curveNamed = [&](const QString& name) -> Curve& {
        if (!index.contains(name)) {
            index[name] = curves.size();
            curves.push_back({name, {}, {}, {}});
        }
        return curves[index[name]];
    };
    const auto add = [](Curve& curve, double fraction, double mean, double spread) {
        const double x = 100 * fraction;
        const double s = std::isfinite(spread) ? spread : 0.0;
        curve.mean.append({x, 100 * mean});
        curve.upper.append({x, 100 * (mean + s)});
        curve.lower.append({x, 100 * (mean - s)});
    };
    const auto pruning = [](const ExperimentSummary& s) {
        return (s.kind == "sweep" || s.kind == "prune") && std::isfinite(s.fraction);
    };
    // A run that sweeps or prunes at several steps (e.g. retraining two ways) gets a curve per step;
    // the run's name is left out when there is only one, so that the legend stays readable.
    std::map<std::string, std::set<int>> pruningSteps;
    for (const auto& s : summary)
        if (pruning(s))
            pruningSteps[s.run].insert(s.step);
    for (const auto& s : summary) {
        if (!pruning(s))
            continue;
        std::string label = pruningSteps.size() > 1 ? s.run + ", " : std::string();
        if (pruningSteps[s.run].size() > 1)
            label += "step " + std::to_string(s.step) + ", ";
        const QString name = QString::fromStdString(label + s.criterion);
        add(curveNamed(name + (s.kind == "prune" ? QStringLiteral(", no retraining") : QString())), s.fraction,
            s.accuracyMean, s.accuracySpread);
        if (std::isfinite(s.retrainedMean))
            add(curveNamed(name + QStringLiteral(", retrained")), s.fraction, s.retrainedMean, s.retrainedSpread);
    }

    // Pruning copies of one model alike gives the same curve before retraining at every step that
    // prunes it (E4 retrains two ways): draw it once, under its first name.
    std::vector<Curve> distinct;
    for (auto& curve : curves)
        if (std::ranges::none_of(distinct, [&](const Curve& kept) { return kept.mean == curve.mean; }))
            distinct.push_back(std::move(curve));
    curves = std::move(distinct);

    // Qt Charts lays every series out again for each one added, so 4,000 runs took half a minute,
    // and more curves than colours cannot be told apart anyway: the first ones are drawn, and the
    // title says how many there are.
    const std::size_t total = curves.size();
    if (total > maximumPlottedCurves)
        curves.resize(maximumPlottedCurves);
    auto* chart = new QChart;
    const QString shown = QObject::tr("the first %1 of %2 curves").arg(curves.size()).arg(total);
    chart->setTitle(total == curves.size() ? title
                    : title.isEmpty()      ? shown
                                           : QStringLiteral("%1 (%2)").arg(title, shown));
    QFont titleFont = chart->titleFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    // A row under the plot elides long names ("spectral1 eigenval..."); a column beside it has room
    // for them.
    std::size_t names = 0;
    for (const auto& curve : curves)
        names += static_cast<std::size_t>(curve.name.size());
    std::set<std::string> referenceLabels;
    for (const auto& point : references)
        if (referenceLabels.insert(point.label).second)
            names += point.label.size();
    chart->legend()->setAlignment(names > 110 ? Qt::AlignRight : Qt::AlignBottom);
    auto* x = new QValueAxis(chart);
    x->setRange(0, 100);
    x->setTickCount(11);
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTitleText(QObject::tr("hidden nodes removed (%)"));
    auto* y = new QValueAxis(chart);
    y->setRange(0, 100);
    y->setTickCount(11);
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(QObject::tr("test accuracy (%)"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    // Curves and reference lines take the palette's colours in turn, so no two of the first seven match.
    auto nextColour = [colour = std::size_t{0}]() mutable {
        return okabeIto::series[colour++ % okabeIto::series.size()];
    };
    for (const auto& curve : curves)
        addCurve(chart, curve, nextColour(), x, y);

    std::map<std::string, QLineSeries*> referenceSeries;
    for (const auto& point : references) {
        QLineSeries*& series = referenceSeries[point.label];
        if (!series) {
            series = new QLineSeries(chart);
            series->setName(QString::fromStdString(point.label));
            series->setPen(QPen(nextColour(), 1.5, Qt::DashLine));
            series->setPointsVisible(true);
            chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
        series->append(100 * point.fraction, point.accuracy);
    }
    return chart;
}

} // namespace reciprocal::widgets
