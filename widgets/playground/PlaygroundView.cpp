#include "widgets/playground/PlaygroundView.h"

#include "widgets/playground/NodeMapGrid.h"
#include "widgets/playground/PlaneCanvas.h"
#include "widgets/playground/PlaneImages.h"
#include "widgets/views/RunLabel.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace reciprocal::widgets {

namespace {

QString testAccuracyText(const TrainingSnapshot& s)
{
    return std::isnan(s.testAccuracy) ? PlaygroundView::tr("not measured")
                                      : QStringLiteral("%1 %").arg(100.0 * s.testAccuracy, 0, 'f', 1);
}

// "<b>Previous run</b> after epoch 200: test accuracy 94.4 %" and the run's settings below: the
// titles of the two runs compared say the same things.
QString runTitle(const QString& heading, const TrainingSnapshot& s)
{
    return PlaygroundView::tr("<b>%1</b> after epoch %2: test accuracy %3<br>%4")
        .arg(heading)
        .arg(s.epoch)
        .arg(testAccuracyText(s), runLabel(s).toHtmlEscaped());
}

} // namespace

PlaygroundView::PlaygroundView(QWidget* parent)
    : SnapshotView(parent)
    , m_figure(new QWidget(this))
    , m_canvas(new PlaneCanvas(m_figure))
    , m_nodeMaps(new NodeMapGrid(m_figure))
    , m_title(new QLabel(m_figure))
    , m_caption(new QLabel(this))
    , m_placeholder(new QLabel(this))
    , m_trainingPoints(new QCheckBox(tr("Training points"), this))
    , m_testPoints(new QCheckBox(tr("Test points"), this))
    , m_planes(new QGridLayout)
    , m_previousCanvas(new PlaneCanvas(m_figure))
    , m_previousTitle(new QLabel(m_figure))
    , m_showPrevious(new QCheckBox(tr("Previous run"), this))
{
    m_showPrevious->setEnabled(false);
    m_showPrevious->setToolTip(tr("The previous run's final boundary beside this one"));
    m_trainingPoints->setChecked(true);
    m_testPoints->setChecked(true);
    m_caption->setWordWrap(true);
    for (QLabel* title : {m_title, m_previousTitle}) {
        title->setWordWrap(true);
        title->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    }
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setText(tr("The playground shows what a network with two inputs does over its input plane. "
                              "Choose a generated set (spirals, circles, XOR or blobs) in the setup panel."));

    m_planes->addWidget(m_title, 0, 0);
    m_planes->addWidget(m_canvas, 1, 0);
    m_planes->addWidget(m_previousTitle, 0, 1);
    m_planes->addWidget(m_previousCanvas, 1, 1);
    m_planes->setRowStretch(1, 1);
    m_planes->setColumnStretch(0, 1);
    auto* figureLayout = new QHBoxLayout(m_figure);
    figureLayout->setContentsMargins(0, 0, 0, 0);
    figureLayout->addLayout(m_planes, 2);
    figureLayout->addWidget(m_nodeMaps, 1);

    auto* toggles = new QHBoxLayout;
    toggles->addWidget(m_trainingPoints);
    toggles->addWidget(m_testPoints);
    toggles->addWidget(m_showPrevious);
    toggles->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_placeholder, 1);
    layout->addWidget(m_figure, 1);
    layout->addLayout(toggles);
    layout->addWidget(m_caption);

    const auto showPoints = [this] {
        for (PlaneCanvas* canvas : {m_canvas, m_previousCanvas})
            canvas->setPointsShown(m_trainingPoints->isChecked(), m_testPoints->isChecked());
    };
    connect(m_trainingPoints, &QCheckBox::toggled, this, showPoints);
    connect(m_testPoints, &QCheckBox::toggled, this, showPoints);
    connect(m_showPrevious, &QCheckBox::toggled, this, &PlaygroundView::showPrevious);
    connect(m_nodeMaps, &NodeMapGrid::nodeHovered, this, &PlaygroundView::showNodeLarge);
    connect(m_nodeMaps, &NodeMapGrid::nodeSelected, this, &SnapshotView::nodeSelected);
    connect(m_canvas, &PlaneCanvas::planePointHovered, this, &PlaygroundView::planePointHovered);
    showPrevious(false);
    showSnapshot(nullptr);
}

void PlaygroundView::showPrevious(bool shown)
{
    m_previousTitle->setVisible(shown);
    m_previousCanvas->setVisible(shown);
    m_planes->setColumnStretch(1, shown ? 1 : 0); // an empty column with a stretch would still take room
    // Beside two planes, the thumbnails would leave each too little room.
    m_nodeMaps->setVisible(!shown);
    if (m_snapshot && m_snapshot->plane)
        showNodeLarge({}); // no thumbnail is under the mouse any more; the titles change
}

QWidget& PlaygroundView::figure() { return *m_figure; }

void PlaygroundView::showSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot;
    const PlanePicture* picture = snapshot ? snapshot->plane.get() : nullptr;
    m_placeholder->setVisible(!picture);
    m_figure->setVisible(picture);
    for (QWidget* planeOnly : std::initializer_list<QWidget*>{m_trainingPoints, m_testPoints, m_showPrevious, m_caption})
        planeOnly->setVisible(picture);
    if (!picture) {
        m_hovered = {};
        return;
    }
    m_canvas->setPoints(picture->points);
    m_nodeMaps->showPicture(snapshot);
    if (m_hovered.isValid() && !m_nodeMaps->thumbnailRect(m_hovered).isValid())
        m_hovered = {}; // the node is no longer shown (pruned, or another network)
    refreshPicture();
    refreshCaption();
}

void PlaygroundView::highlightNode(NodeRef node) { m_nodeMaps->highlightNode(node); }

void PlaygroundView::keepRun(const SnapshotPtr& run)
{
    if (!run || !run->plane)
        return;
    m_previous = run;
    m_previousTitle->setText(runTitle(tr("Previous run"), *run));
    m_previousCanvas->setPoints(run->plane->points);
    m_previousCanvas->setPicture(boundaryImage(*run->plane, palette().color(QPalette::Base)), run->plane->points->window);
    m_showPrevious->setEnabled(true);
}

void PlaygroundView::showNodeLarge(NodeRef node)
{
    m_hovered = node.layer >= 1 ? node : NodeRef{}; // inputs have no map of their own: x1 is x1
    refreshPicture();
    refreshCaption();
}

void PlaygroundView::refreshPicture()
{
    const PlanePicture& picture = *m_snapshot->plane;
    const QColor base = palette().color(QPalette::Base);
    if (m_hovered.isValid()) {
        const auto& shown = m_snapshot->diagramNodes.at(static_cast<std::size_t>(m_hovered.layer));
        const auto row = std::find(shown.begin(), shown.end(), m_hovered.node) - shown.begin();
        m_canvas->setPicture(nodeImage(picture, m_hovered.layer - 1, static_cast<int>(row), base), picture.points->window);
    } else {
        m_canvas->setPicture(boundaryImage(picture, base), picture.points->window);
    }
}

void PlaygroundView::refreshCaption()
{
    const TrainingSnapshot& s = *m_snapshot;
    if (m_hovered.isValid()) {
        const TransferSnapshot& transfer = s.transfers.at(static_cast<std::size_t>(m_hovered.layer - 1));
        m_title->setText(tr("<b>Hidden node %1 of layer %2</b>%3: its activation over the plane")
                             .arg(m_hovered.node)
                             .arg(m_hovered.layer)
                             .arg(transfer.spectral ? QStringLiteral(", λ<sub>out</sub> = %1")
                                                          .arg(transfer.lamOut(m_hovered.node), 0, 'g', 3)
                                                    : QString()));
        m_caption->setText(tr("Blue: below zero, vermillion: above, pale: near zero (scaled to the node's largest "
                              "|activation|). Move off the thumbnails for the decision boundary."));
        return;
    }
    const bool comparing = m_showPrevious->isChecked();
    m_title->setText(comparing ? runTitle(tr("This run"), s)
                               : tr("<b>Decision boundary</b> of %1 after epoch %2: test accuracy %3")
                                     .arg(QString::fromStdString(s.datasetName))
                                     .arg(s.epoch)
                                     .arg(testAccuracyText(s)));
    QString legend;
    for (int c = 0; c < s.plane->points->classCount; ++c)
        legend += QStringLiteral("<span style=\"color:%1\">■</span> %2 &nbsp; ").arg(classColour(c).name()).arg(c);
    m_caption->setText(tr("Colour: the predicted class (%1); the paler, the less sure. Filled points: training "
                          "samples; rings: test samples. %2")
                           .arg(legend.trimmed(),
                                comparing ? tr("Untick Previous run for the hidden nodes' thumbnails.")
                                          : tr("Hover a node's thumbnail to see its map large.")));
}

QString PlaygroundView::seriesCsv() const
{
    const PlanePicture* picture = m_snapshot ? m_snapshot->plane.get() : nullptr;
    if (!picture)
        return QStringLiteral("x1,x2,predicted_class,confidence\n");
    QString csv = QStringLiteral("x1,x2,predicted_class,confidence");
    for (Eigen::Index c = 0; c < picture->probabilities.rows(); ++c)
        csv += QStringLiteral(",p_%1").arg(c);
    csv += QLatin1Char('\n');
    const Eigen::MatrixXf grid = planeGrid(picture->points->window, picture->resolution);
    for (Eigen::Index cell = 0; cell < grid.cols(); ++cell) {
        Eigen::Index predicted = 0;
        const float confidence = picture->probabilities.col(cell).maxCoeff(&predicted);
        csv += QStringLiteral("%1,%2,%3,%4").arg(grid(0, cell)).arg(grid(1, cell)).arg(predicted).arg(confidence);
        for (Eigen::Index c = 0; c < picture->probabilities.rows(); ++c)
            csv += QStringLiteral(",%1").arg(picture->probabilities(c, cell));
        csv += QLatin1Char('\n');
    }
    return csv;
}

} // namespace reciprocal::widgets
