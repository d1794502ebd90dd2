#include "app/cli/CommandLine.h"
#include "app/cli/Commands.h"
#include "app/cli/CommonOptions.h"
#include "app/cli/Output.h"
#include "widgets/charts/ChartExport.h"
#include "widgets/charts/ExperimentChart.h"

#include <QChart>

#include <memory>

namespace reciprocal::cli {

int runPlot(const QStringList& arguments)
{
    CommandParser p(QStringLiteral("plot"),
                    QStringLiteral("Render an experiment's pruning curves (its <id>-summary.csv) as PNG or SVG, "
                                   "offscreen: test accuracy against the fraction of hidden nodes removed, mean and "
                                   "+-1 s.d. over seeds, with published reference curves dashed."));
    p.addOption(QStringLiteral("summary"), QStringLiteral("The experiment's <id>-summary.csv."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("reference"), QStringLiteral("Published curves: label,fraction,accuracy,sd (in %)."),
                QStringLiteral("FILE"));
    p.addOption(QStringLiteral("title"), QStringLiteral("Chart title."), QStringLiteral("TEXT"));
    p.addOption(QStringLiteral("out"), QStringLiteral("The image to write (.png or .svg)."), QStringLiteral("FILE"));
    p.addOption(QStringLiteral("width"), QStringLiteral("Width in pixels."), QStringLiteral("N"), QStringLiteral("960"));
    p.addOption(QStringLiteral("height"), QStringLiteral("Height in pixels."), QStringLiteral("N"),
                QStringLiteral("600"));
    if (!p.parse(arguments))
        return ExitSuccess;
    const std::string out = p.requiredText(QStringLiteral("out"));
    checkWritable(out);
    const QSize size(p.integer(QStringLiteral("width"), 200, 8000), p.integer(QStringLiteral("height"), 150, 8000));
    const auto summary = readSummaryCsv(p.requiredText(QStringLiteral("summary")));
    const auto references = p.isSet(QStringLiteral("reference"))
                                ? readReferenceCsv(p.text(QStringLiteral("reference")))
                                : std::vector<ReferencePoint>{};
    const std::unique_ptr<QChart> chart(
        widgets::createPruningChart(QString::fromStdString(p.text(QStringLiteral("title"))), summary, references));
    widgets::saveChart(chart.get(), QString::fromStdString(out), size);
    if (p.json())
        printJson({{"out", out}, {"width", size.width()}, {"height", size.height()}, {"series", chart->series().size()}});
    else
        printText("wrote " + out + "\n");
    return ExitSuccess;
}

} // namespace reciprocal::cli
