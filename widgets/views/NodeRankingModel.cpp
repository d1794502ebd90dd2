#include "widgets/views/NodeRankingModel.h"

#include "widgets/OkabeIto.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reciprocal::widgets {

namespace {

// A diverged run's NaN ranks last rather than breaking the sort's ordering.
float rankable(float score)
{
    return std::isfinite(score) ? score : -1.0f;
}

} // namespace

NodeRankingModel::NodeRankingModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void NodeRankingModel::setSnapshot(const TrainingSnapshot& snapshot)
{
    if (snapshot.nodeNumbering != m_nodeNumbering) {
        m_nodeNumbering = snapshot.nodeNumbering;
        m_previewedMasks.clear(); // its node numbers are gone; the next preview brings new ones
    }
    std::vector<int> layerStart{0};
    std::vector<Row> rows;
    std::vector<float> importance; // per row: |lambda|, or connectivity in direct layers
    for (int k = 0; k < std::max(0, snapshot.hiddenLayerCount()); ++k) {
        const TransferSnapshot& t = snapshot.transfers[static_cast<std::size_t>(k)];
        for (int i = 0; i < t.outputs; ++i) {
            rows.push_back({k + 1, i, t.spectral, t.spectral ? t.lamOut(i) : 0.0f, t.connectivity(i), 0,
                            t.nodeMask(i) != 0.0f});
            importance.push_back(rankable(t.nodeScore(i)));
        }
        layerStart.push_back(static_cast<int>(rows.size()));
    }
    std::vector<int> order(rows.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return importance[static_cast<std::size_t>(a)] > importance[static_cast<std::size_t>(b)];
    });
    for (std::size_t r = 0; r < order.size(); ++r)
        rows[static_cast<std::size_t>(order[r])].rank = static_cast<int>(r) + 1;
    markCandidates(rows);

    if (layerStart != m_layerStart) {
        beginResetModel();
        m_rows = std::move(rows);
        m_layerStart = std::move(layerStart);
        endResetModel();
    } else if (rows != m_rows) {
        m_rows = std::move(rows);
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnTotal - 1));
    }
}

void NodeRankingModel::setPreviewedMasks(const std::vector<Eigen::VectorXf>& kept)
{
    m_previewedMasks = kept;
    std::vector<Row> rows = m_rows;
    markCandidates(rows);
    if (rows != m_rows) {
        m_rows = std::move(rows);
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnTotal - 1));
    }
}

void NodeRankingModel::markCandidates(std::vector<Row>& rows) const
{
    for (Row& row : rows) {
        const auto layer = static_cast<std::size_t>(row.layer - 1);
        const bool known = layer < m_previewedMasks.size() && row.node < m_previewedMasks[layer].size();
        row.candidate = row.active && known && m_previewedMasks[layer](row.node) == 0.0f;
    }
}

int NodeRankingModel::rowOf(NodeRef node) const
{
    if (node.layer < 1 || node.layer >= static_cast<int>(m_layerStart.size()) || node.node < 0)
        return -1;
    const int row = m_layerStart[static_cast<std::size_t>(node.layer - 1)] + node.node;
    return row < m_layerStart[static_cast<std::size_t>(node.layer)] ? row : -1;
}

NodeRef NodeRankingModel::nodeAt(int row) const
{
    const Row& r = m_rows.at(static_cast<std::size_t>(row));
    return {r.layer, r.node};
}

int NodeRankingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int NodeRankingModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : columnTotal; }

QString NodeRankingModel::status(const Row& row) const
{
    return row.candidate ? tr("candidate") : row.active ? tr("active") : tr("pruned");
}

QString NodeRankingModel::widestValue(int column)
{
    switch (column) {
    case LayerColumn:
    case NodeColumn:
    case RankColumn:
        return QStringLiteral("9999");
    case StatusColumn:
        return std::max({tr("candidate"), tr("active"), tr("pruned")},
                        [](const QString& a, const QString& b) { return a.size() < b.size(); });
    default: // 'g' with 4 digits: the longest form before the exponent takes over
        return QLocale().toString(-0.0001234, 'g', 4);
    }
}

QVariant NodeRankingModel::number(const Row& row, int column) const
{
    switch (column) {
    case LayerColumn:
        return row.layer;
    case NodeColumn:
        return row.node;
    case LambdaColumn:
        return row.spectral ? QVariant(static_cast<double>(row.lambda)) : QVariant();
    case MagnitudeColumn:
        return row.spectral ? QVariant(std::abs(static_cast<double>(row.lambda))) : QVariant();
    case RankColumn:
        return row.rank;
    case ConnectivityColumn:
        return static_cast<double>(row.connectivity);
    default:
        return row.candidate ? 1 : row.active ? 0 : 2;
    }
}

QVariant NodeRankingModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: {
        if (column == StatusColumn)
            return status(row);
        const QVariant value = number(row, column);
        if (!value.isValid())
            return QStringLiteral("–");
        return value.typeId() == QMetaType::Double ? QLocale().toString(value.toDouble(), 'g', 4) : value.toString();
    }
    case SortRole:
        return number(row, column);
    case FilterRole: // a candidate is still active: "active" finds it too
        return tr("layer %1 %2%3").arg(row.layer).arg(status(row), row.candidate ? tr(" active") : QString());
    case Qt::ForegroundRole:
        if (row.candidate && column == StatusColumn)
            return okabeIto::vermillion;
        return row.active ? QVariant() : QVariant(QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (column == StatusColumn ? Qt::AlignLeft : Qt::AlignRight));
    case Qt::ToolTipRole:
        return !row.spectral && (column == LambdaColumn || column == MagnitudeColumn)
                   ? tr("A direct layer has no eigenvalues; its nodes are ranked by connectivity")
                   : QVariant();
    default:
        return {};
    }
}

QVariant NodeRankingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        const QString titles[] = {tr("Layer"), tr("Node"), tr("λ"), tr("|λ|"), tr("Rank"), tr("Connectivity"),
                                  tr("Status")};
        return titles[section];
    }
    if (role == Qt::ToolTipRole) {
        const QString tips[] = {tr("Hidden layer (1 = first)"),
                                tr("Node index within its layer"),
                                tr("Eigenvalue λ of the receiving node"),
                                tr("Magnitude |λ|: how important the node is"),
                                tr("Rank by |λ| pooled over all hidden layers, 1 = most important\n"
                                   "(connectivity stands in for |λ| in direct layers)"),
                                tr("Incoming connectivity Σⱼ |Wᵢⱼ|"),
                                tr("Active, pruned (masked), or a candidate: active, and removed by\n"
                                   "the pruning previewed in the pruning panel")};
        return tips[section];
    }
    return {};
}

QString NodeRankingModel::csvHeader()
{
    return QStringLiteral("layer,node,lambda,abs_lambda,rank,connectivity,status");
}

QString NodeRankingModel::csvLine(int row) const
{
    const Row& r = m_rows.at(static_cast<std::size_t>(row));
    const QString lambda = r.spectral ? QString::number(r.lambda, 'g', 9) : QString();
    const QString magnitude = r.spectral ? QString::number(std::abs(r.lambda), 'g', 9) : QString();
    return QStringLiteral("%1,%2,%3,%4,%5,%6,%7")
        .arg(r.layer)
        .arg(r.node)
        .arg(lambda, magnitude)
        .arg(r.rank)
        .arg(QString::number(r.connectivity, 'g', 9), r.candidate ? QStringLiteral("candidate")
                                                      : r.active  ? QStringLiteral("active")
                                                                  : QStringLiteral("pruned"));
}

} // namespace reciprocal::widgets
