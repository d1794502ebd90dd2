#include "widgets/views/DiagramView.h"

#include "widgets/OkabeIto.h"
#include "widgets/playground/PlaneImages.h"
#include "widgets/views/ColourBlend.h"
#include "widgets/views/SequentialColourMap.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace reciprocal::widgets {

namespace {

// The sign of a weight.
constexpr QColor negativeColour = okabeIto::blue;
constexpr QColor positiveColour = okabeIto::vermillion;
const QColor prunedColour(150, 150, 150);
constexpr double maxNodeRadius = 16.0;
constexpr double hitTolerance = 4.0;
constexpr double faintOpacity = 0.07;

// Three significant digits with a true minus sign.
QString number(double value)
{
    return QString::number(value, 'g', 3).replace(QLatin1Char('-'), QChar(0x2212));
}

// A number that follows an operator: negative ones in parentheses.
QString operand(double value)
{
    return value < 0 ? QStringLiteral("(%1)").arg(number(value)) : number(value);
}

double distanceToSegment(QPointF point, const QLineF& segment)
{
    const QPointF d = segment.p2() - segment.p1();
    const double length2 = QPointF::dotProduct(d, d);
    const double t =
        length2 > 0.0 ? std::clamp(QPointF::dotProduct(point - segment.p1(), d) / length2, 0.0, 1.0) : 0.0;
    return QLineF(point, segment.p1() + t * d).length();
}

} // namespace

DiagramView::DiagramView(QWidget* parent)
    : SnapshotView(parent)
    , m_snapshot(std::make_shared<TrainingSnapshot>())
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void DiagramView::showSnapshot(const SnapshotPtr& snapshot)
{
    m_snapshot = snapshot ? snapshot : std::make_shared<TrainingSnapshot>();
    m_layerScale.clear();
    m_shownRange.clear();
    if (hasDiagram())
        for (int layer = 0; layer < static_cast<int>(m_snapshot->diagramNodes.size()); ++layer) {
            const Eigen::VectorXf* values = nodeValues(layer);
            m_layerScale.push_back(values && values->size() ? values->cwiseAbs().maxCoeff() : 0.0f);
            std::pair<float, float> range{std::numeric_limits<float>::infinity(), 0.0f};
            for (const int node : m_snapshot->diagramNodes[static_cast<std::size_t>(layer)])
                if (values && node < values->size() && !isPruned({layer, node})) {
                    const float magnitude = std::abs((*values)(node));
                    range = {std::min(range.first, magnitude), std::max(range.second, magnitude)};
                }
            m_shownRange.push_back(range);
        }
    rankEdges();
    arrange();
    update();
}

void DiagramView::highlightNode(NodeRef node)
{
    m_highlighted = node;
    arrange(); // the caption may gain or lose a line
    update();
}

bool DiagramView::hasDiagram() const
{
    return !m_snapshot->transfers.empty() &&
           m_snapshot->diagramNodes.size() == m_snapshot->transfers.size() + 1;
}

void DiagramView::resizeEvent(QResizeEvent* event)
{
    arrange();
    SnapshotView::resizeEvent(event);
}

// Room for a layer name above each column, its width below, and the caption at the bottom.
void DiagramView::arrange()
{
    if (!hasDiagram()) {
        m_layout = DiagramLayout();
        return;
    }
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    const double side = 0.5 * metrics.horizontalAdvance(tr("%1 nodes, %2 shown").arg(4000).arg(24)) + 4;
    const double captionHeight =
        metrics
            .boundingRect(captionArea(), Qt::AlignLeft | Qt::TextWordWrap, caption().join(QLatin1Char('\n')))
            .height();
    const QRectF area =
        QRectF(rect()).adjusted(std::min(side, 0.15 * width()), 1.5 * line, -std::min(side, 0.15 * width()),
                                -1.5 * line - captionHeight - 4);
    m_layout = DiagramLayout(m_snapshot->diagramNodes, area, maxNodeRadius);
}

// Per receiving node, its strongest incoming edges from active nodes are bold.
void DiagramView::rankEdges()
{
    const auto& transfers = m_snapshot->transfers;
    m_emphasis.resize(hasDiagram() ? transfers.size() : 0);
    for (std::size_t k = 0; k < m_emphasis.size(); ++k) {
        const auto& edges = transfers[k].edges;
        EdgeEmphasis& emphasis = m_emphasis[k];
        const auto strength = [&](int e) {
            const EdgeSample& edge = edges[static_cast<std::size_t>(e)];
            return isPruned(NodeRef{static_cast<int>(k), edge.from}) ? 0.0f : std::abs(edge.weight);
        };
        auto& order = emphasis.drawOrder;
        order.resize(edges.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) {
            const int toA = edges[static_cast<std::size_t>(a)].to;
            const int toB = edges[static_cast<std::size_t>(b)].to;
            return toA != toB ? toA < toB : strength(a) > strength(b);
        });
        emphasis.strong.assign(edges.size(), 0);
        emphasis.maxWeight = 0.0f;
        for (std::size_t n = 0, rank = 0; n < order.size(); ++n) {
            const int e = order[n];
            rank = n > 0 && edges[static_cast<std::size_t>(order[n - 1])].to ==
                                edges[static_cast<std::size_t>(e)].to
                       ? rank + 1
                       : 0;
            emphasis.strong[static_cast<std::size_t>(e)] =
                rank < static_cast<std::size_t>(strongEdgesPerNode) && strength(e) > 0.0f;
            emphasis.maxWeight =
                std::max(emphasis.maxWeight, std::abs(edges[static_cast<std::size_t>(e)].weight));
        }
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const char strongA = emphasis.strong[static_cast<std::size_t>(a)];
            const char strongB = emphasis.strong[static_cast<std::size_t>(b)];
            return strongA != strongB ? strongA < strongB : strength(a) < strength(b);
        });
    }
}

const Eigen::VectorXf* DiagramView::nodeValues(int layer) const
{
    const auto& transfers = m_snapshot->transfers;
    if (layer == 0)
        return transfers.front().lamIn.size() ? &transfers.front().lamIn : nullptr;
    return &transfers[static_cast<std::size_t>(layer - 1)].nodeValues();
}

int DiagramView::layerWidth(int layer) const
{
    const auto& transfers = m_snapshot->transfers;
    return layer == 0 ? transfers.front().inputs : transfers[static_cast<std::size_t>(layer - 1)].outputs;
}

bool DiagramView::isPruned(NodeRef node) const
{
    return node.layer > 0 &&
           m_snapshot->transfers[static_cast<std::size_t>(node.layer - 1)].nodeMask(node.node) == 0.0f;
}

// Area, not radius, grows with |value| over the shown nodes' range, so a node twice as important
// does not look four times so.
double DiagramView::circleRadius(NodeRef node) const
{
    const double full = m_layout.nodeRadius();
    const Eigen::VectorXf* values = nodeValues(node.layer);
    const auto [smallest, largest] = m_shownRange[static_cast<std::size_t>(node.layer)];
    if (isPruned(node) || !values || !(largest > smallest))
        return 0.6 * full;
    const double share = (std::abs((*values)(node.node)) - smallest) / (largest - smallest);
    return full * std::sqrt(0.12 + 0.88 * std::clamp(share, 0.0, 1.0));
}

QLineF DiagramView::edgeLine(int transfer, const EdgeSample& edge) const
{
    return {m_layout.position(NodeRef{transfer, edge.from}).value_or(QPointF()),
            m_layout.position(NodeRef{transfer + 1, edge.to}).value_or(QPointF())};
}

std::optional<DiagramView::EdgeRef> DiagramView::edgeAt(QPointF point) const
{
    std::optional<EdgeRef> nearest;
    double best = hitTolerance;
    float bestWeight = 0.0f;
    for (int k = 0; k < static_cast<int>(m_emphasis.size()); ++k) {
        if (point.x() < m_layout.columnX(k) || point.x() > m_layout.columnX(k + 1))
            continue;
        const auto& edges = m_snapshot->transfers[static_cast<std::size_t>(k)].edges;
        for (int e = 0; e < static_cast<int>(edges.size()); ++e) {
            const EdgeSample& edge = edges[static_cast<std::size_t>(e)];
            const double d = distanceToSegment(point, edgeLine(k, edge));
            // Where edges cross, the stronger one is the one you see, so it is the one you get.
            if (d < best || (d == best && std::abs(edge.weight) > bestWeight)) {
                best = d;
                bestWeight = std::abs(edge.weight);
                nearest = EdgeRef{k, e};
            }
        }
    }
    return nearest;
}

QString DiagramView::nodeToolTip(NodeRef node) const
{
    const int layers = static_cast<int>(m_snapshot->transfers.size());
    const QString name = node.layer == 0 ? tr("input node %1").arg(node.node)
                         : node.layer == layers
                             ? tr("output node %1").arg(node.node)
                             : tr("hidden layer %1, node %2").arg(node.layer).arg(node.node);
    QStringList lines{name};
    if (node.layer == 0) {
        const auto& lamIn = m_snapshot->transfers.front().lamIn;
        lines << (lamIn.size() ? tr("λin = %1").arg(number(lamIn(node.node)))
                               : tr("no input eigenvalues (the first layer has one set or none)"));
    } else {
        const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(node.layer - 1)];
        lines << (t.spectral ? tr("λout = %1").arg(number(t.lamOut(node.node)))
                             : tr("no eigenvalues (direct layer)"))
              << tr("connectivity Σ_j |W_ij| = %1").arg(number(t.connectivity(node.node)));
    }
    lines << (isPruned(node) ? tr("pruned") : tr("active"));
    return lines.join(QLatin1Char('\n'));
}

QString DiagramView::edgeToolTip(EdgeRef ref) const
{
    const TransferSnapshot& t = m_snapshot->transfers[static_cast<std::size_t>(ref.transfer)];
    const EdgeSample& edge = t.edges[static_cast<std::size_t>(ref.edge)];
    QStringList lines{tr("j = %1 (layer %2) → i = %3 (layer %4)")
                          .arg(edge.from)
                          .arg(ref.transfer)
                          .arg(edge.to)
                          .arg(ref.transfer + 1)};
    if (!t.spectral)
        return (lines << tr("W_ij = %1 (direct layer: W is trained as it is)").arg(number(edge.weight)))
            .join(QLatin1Char('\n'));
    const double composed =
        t.lamIn.size() ? edge.eigenvector * (edge.lamIn - edge.lamOut) : -edge.lamOut * edge.eigenvector;
    // The mask zeroes W, not phi or lambda, so a masked weight's formula does not give 0.
    const QString result = edge.weight == 0.0f && composed != 0.0
                               ? tr("%1, masked to 0").arg(number(composed))
                               : number(edge.weight);
    if (t.lamIn.size())
        lines << tr("W_ij = φ_ij (λin_j − λout_i)")
              << tr("= %1 (%2 − %3) = %4")
                     .arg(number(edge.eigenvector), number(edge.lamIn), operand(edge.lamOut), result);
    else
        lines << tr("W_ij = −λout_i φ_ij")
              << tr("= −%1 · %2 = %3").arg(operand(edge.lamOut), operand(edge.eigenvector), result);
    return lines.join(QLatin1Char('\n'));
}

bool DiagramView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && hasDiagram()) {
        const auto* help = static_cast<QHelpEvent*>(event);
        if (const auto node = m_layout.nodeAt(help->pos(), m_layout.nodeRadius() + hitTolerance))
            QToolTip::showText(help->globalPos(), nodeToolTip(*node), this);
        else if (const auto edge = edgeAt(help->pos()))
            QToolTip::showText(help->globalPos(), edgeToolTip(*edge), this);
        else
            QToolTip::hideText();
        return true;
    }
    return SnapshotView::event(event);
}

void DiagramView::mousePressEvent(QMouseEvent* event)
{
    const auto node = event->button() == Qt::LeftButton && hasDiagram()
                          ? m_layout.nodeAt(event->position(), m_layout.nodeRadius() + hitTolerance)
                          : std::nullopt;
    if (node)
        Q_EMIT nodeSelected(*node);
    else
        SnapshotView::mousePressEvent(event);
}

QRectF DiagramView::captionArea() const
{
    return QRectF(rect()).adjusted(4, 0, -4, -4);
}

QStringList DiagramView::caption() const
{
    if (!hasDiagram())
        return {};
    const auto& transfers = m_snapshot->transfers;
    const bool direct =
        std::any_of(transfers.begin(), transfers.end(), [](const auto& t) { return !t.spectral; });
    QString nodes = tr("Circles: |λ| by colour, and by size from the smallest to the largest shown (λout; λin for "
                       "inputs)");
    if (direct)
        nodes += tr("; connectivity Σ|W| in direct layers (no eigenvalues)");
    if (!transfers.front().lamIn.size())
        nodes += tr("; inputs without λin plain");
    if (m_snapshot->plane)
        nodes += tr("; a large hidden circle holds the node's map over the input plane");
    QStringList lines{nodes + tr("; pruned hollow grey."),
                      tr("Edges: blue W < 0, vermillion W > 0; the %1 strongest into each node bold.")
                          .arg(strongEdgesPerNode)};
    const NodeRef h = m_highlighted;
    const auto& shown = m_snapshot->diagramNodes;
    if (h.isValid() && h.layer < static_cast<int>(shown.size()) && h.node < layerWidth(h.layer)) {
        const auto& column = shown[static_cast<std::size_t>(h.layer)];
        if (std::find(column.begin(), column.end(), h.node) == column.end())
            lines << tr("Node %1 of layer %2 is not among the %3 shown.")
                         .arg(h.node)
                         .arg(h.layer)
                         .arg(column.size());
    }
    return lines;
}

void DiagramView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette& colours = palette();
    painter.fillRect(rect(), colours.color(QPalette::Base));
    if (!hasDiagram()) {
        painter.setPen(colours.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No network yet: the diagram appears when a session starts."));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing);
    paintEdges(painter);
    paintNodes(painter);
    paintLabels(painter);
}

void DiagramView::paintEdges(QPainter& painter) const
{
    const bool highlighted = m_layout.slotOf(m_highlighted) >= 0;
    const auto touches = [&](int k, const EdgeSample& edge) {
        return (m_highlighted.layer == k && m_highlighted.node == edge.from) ||
               (m_highlighted.layer == k + 1 && m_highlighted.node == edge.to);
    };
    // The highlighted node's edges go last, over the others.
    for (const bool emphasised : {false, true})
        for (int k = 0; k < static_cast<int>(m_emphasis.size()); ++k) {
            const EdgeEmphasis& emphasis = m_emphasis[static_cast<std::size_t>(k)];
            const auto& edges = m_snapshot->transfers[static_cast<std::size_t>(k)].edges;
            for (const int e : emphasis.drawOrder) {
                const EdgeSample& edge = edges[static_cast<std::size_t>(e)];
                const bool touching = highlighted && touches(k, edge);
                if (touching != emphasised)
                    continue;
                // Squared, so that only the truly strongest edges stand out of many similar ones.
                const double strength = emphasis.maxWeight > 0.0f
                                            ? std::pow(std::abs(edge.weight) / emphasis.maxWeight, 2.0)
                                            : 0.0;
                const bool strong = emphasis.strong[static_cast<std::size_t>(e)];
                double opacity = strong ? 0.2 + 0.8 * strength : faintOpacity;
                double width = strong ? 0.5 + 2.5 * strength : 0.6;
                if (touching) {
                    opacity = std::max(opacity, 0.35 + 0.65 * strength);
                    width += 0.5;
                } else if (highlighted) {
                    opacity *= 0.35;
                }
                QColor colour = edge.weight < 0.0f ? negativeColour : positiveColour;
                colour.setAlphaF(static_cast<float>(opacity));
                painter.setPen(QPen(colour, width, Qt::SolidLine, Qt::RoundCap));
                painter.drawLine(edgeLine(k, edge));
            }
        }
}

void DiagramView::paintNodes(QPainter& painter) const
{
    const QPalette& colours = palette();
    const QColor base = colours.color(QPalette::Base);
    const QColor text = colours.color(QPalette::Text);
    const SequentialColourMap colourMap(base);
    const QPen outline(blend(base, text, 0.6), 1.0);
    for (int layer = 0; layer < m_layout.layerCount(); ++layer) {
        const Eigen::VectorXf* values = nodeValues(layer);
        const float scale = m_layerScale[static_cast<std::size_t>(layer)];
        for (const int index : m_layout.shownNodes(layer)) {
            const NodeRef node{layer, index};
            const QPointF centre = *m_layout.position(node);
            const double radius = circleRadius(node);
            if (isPruned(node)) {
                painter.setPen(QPen(prunedColour, 1.5));
                painter.setBrush(Qt::NoBrush);
            } else {
                painter.setPen(outline);
                // Colours start a little above the base colour so weak nodes still show.
                painter.setBrush(values && scale > 0.0f
                                     ? colourMap.colour(0.15 + 0.85 * std::abs((*values)(index)) / scale)
                                     : blend(base, text, 0.25));
            }
            painter.drawEllipse(centre, radius, radius);
            if (!isPruned(node))
                paintNodeMap(painter, node, centre, radius);
            if (node == m_highlighted) {
                const double ring = m_layout.nodeRadius() + 3.0;
                painter.setPen(QPen(text, 2.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawEllipse(centre, ring, ring);
            }
        }
    }
}

void DiagramView::paintNodeMap(QPainter& painter, NodeRef node, QPointF centre, double radius) const
{
    const PlanePicture* picture = m_snapshot->plane.get();
    if (!picture || node.layer < 1 || node.layer > static_cast<int>(picture->nodeMaps.size()) ||
        radius < minimumMapRadius)
        return;
    const std::vector<int>& shown = m_snapshot->diagramNodes.at(static_cast<std::size_t>(node.layer));
    const auto row = std::find(shown.begin(), shown.end(), node.node) - shown.begin();
    if (row == static_cast<std::ptrdiff_t>(shown.size()))
        return;
    // The map fills the circle inside a ring that keeps the circle's |λ| colour.
    const double inner = radius - 2.5;
    painter.save();
    QPainterPath circle;
    circle.addEllipse(centre, inner, inner);
    painter.setClipPath(circle);
    painter.drawImage(QRectF(centre.x() - inner, centre.y() - inner, 2 * inner, 2 * inner),
                      nodeImage(*picture, node.layer - 1, static_cast<int>(row), palette().color(QPalette::Base)));
    painter.restore();
}

void DiagramView::paintLabels(QPainter& painter) const
{
    const QPalette& colours = palette();
    const QFontMetricsF metrics(font());
    const double line = metrics.height();
    const int layers = m_layout.layerCount();
    const double labelWidth = layers > 1 ? m_layout.columnSpacing() - 4 : width();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF boldMetrics(bold);
    // Names above and widths below the tallest column, in line across the diagram.
    double top = height();
    double bottom = 0.0;
    for (int layer = 0; layer < layers; ++layer)
        if (const auto shown = static_cast<int>(m_layout.shownNodes(layer).size()); shown > 0) {
            top = std::min(top, m_layout.position(layer, 0).y());
            bottom = std::max(bottom, m_layout.position(layer, shown - 1).y());
        }
    const double radius = m_layout.nodeRadius();
    for (int layer = 0; layer < layers; ++layer) {
        const double x = m_layout.columnX(layer);
        QString name = layer == 0            ? tr("input")
                       : layer == layers - 1 ? tr("output")
                                             : tr("hidden %1").arg(layer);
        if (boldMetrics.horizontalAdvance(name) > labelWidth && layer > 0 && layer < layers - 1)
            name = tr("h%1", "hidden layer, short").arg(layer);
        const int widthOfLayer = layerWidth(layer);
        const auto shown = static_cast<int>(m_layout.shownNodes(layer).size());
        const QString size = shown == widthOfLayer ? tr("%1 nodes").arg(widthOfLayer)
                                                   : tr("%1 nodes, %2 shown").arg(widthOfLayer).arg(shown);
        painter.setFont(bold);
        painter.setPen(colours.color(QPalette::Text));
        painter.drawText(QRectF(x - labelWidth / 2, top - radius - line - 4, labelWidth, line),
                         Qt::AlignCenter, boldMetrics.elidedText(name, Qt::ElideRight, labelWidth));
        painter.setFont(font());
        painter.drawText(QRectF(x - labelWidth / 2, bottom + radius + 4, labelWidth, line), Qt::AlignCenter,
                         metrics.elidedText(size, Qt::ElideRight, labelWidth));
    }
    painter.setPen(colours.color(QPalette::PlaceholderText));
    painter.drawText(captionArea(), Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap,
                     caption().join(QLatin1Char('\n')));
}

QString DiagramView::seriesCsv() const
{
    const auto cell = [](float value) {
        return std::isnan(value) ? QString() : QString::number(value, 'g', 8);
    };
    QString csv = QStringLiteral("transfer,from,to,w,phi,lam_in,lam_out\n");
    for (std::size_t k = 0; k < m_snapshot->transfers.size(); ++k)
        for (const EdgeSample& edge : m_snapshot->transfers[k].edges)
            csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                       .arg(k)
                       .arg(edge.from)
                       .arg(edge.to)
                       .arg(cell(edge.weight), cell(edge.eigenvector), cell(edge.lamIn), cell(edge.lamOut));
    return csv;
}

} // namespace reciprocal::widgets
