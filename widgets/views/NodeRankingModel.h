#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include <QAbstractTableModel>

#include <vector>

namespace reciprocal::widgets {

// One row per hidden node of every hidden layer: its eigenvalue lambda, its rank by |lambda| pooled
// over all hidden layers (1 = most important; connectivity stands in for |lambda| in direct layers,
// as for pruning), its incoming connectivity sum_j |W_ij| and its status: active, pruned, or a
// candidate that the pruning previewed last would remove. Cells show
// compact numbers; SortRole gives the numbers themselves, so a proxy sorts numerically.
class NodeRankingModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { LayerColumn, NodeColumn, LambdaColumn, MagnitudeColumn, RankColumn, ConnectivityColumn, StatusColumn };
    static constexpr int columnTotal = StatusColumn + 1;
    enum Role {
        SortRole = Qt::UserRole, // numbers as double or int; no value for direct layers' lambda
        FilterRole,              // "layer 2 pruned", what the filter line matches
    };

    explicit NodeRankingModel(QObject* parent = nullptr);

    // Updates the rows in place (dataChanged) while the hidden layers keep their widths, so views
    // keep their sorting, selection and scroll position; resets the model when the shape changes.
    void setSnapshot(const TrainingSnapshot& snapshot);
    // The kept-node masks of the preview shown in the pruning panel (1 = kept, per hidden layer):
    // active nodes it would remove become candidates, until the nodes are renumbered.
    void setPreviewedMasks(const std::vector<Eigen::VectorXf>& kept);

    int rowOf(NodeRef node) const; // -1 unless node is one of the rows
    NodeRef nodeAt(int row) const;

    static QString csvHeader(); // layer,node,lambda,abs_lambda,rank,connectivity,status
    // About the longest text the column shows, for its width: what a view sizes it by, so that
    // columns keep their widths while the values change.
    static QString widestValue(int column);
    QString csvLine(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int layer = 0;
        int node = 0;
        bool spectral = true;
        float lambda = 0.0f;
        float connectivity = 0.0f;
        int rank = 0;
        bool active = true;
        bool candidate = false; // active, and removed by the previewed pruning
        friend bool operator==(const Row&, const Row&) = default;
    };

    QVariant number(const Row& row, int column) const;
    QString status(const Row& row) const;
    // Marks the candidates of m_previewedMasks in these rows.
    void markCandidates(std::vector<Row>& rows) const;

    std::vector<Row> m_rows;
    std::vector<int> m_layerStart; // per hidden layer its first row, then the row count
    std::vector<Eigen::VectorXf> m_previewedMasks;
    std::uint64_t m_nodeNumbering = ~std::uint64_t(0); // of the rows; a new numbering voids the preview
};

} // namespace reciprocal::widgets
