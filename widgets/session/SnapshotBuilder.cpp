#include "widgets/session/SnapshotBuilder.h"

#include "core/layers/SpectralLayer.h"
#include "core/pruning/NodePruning.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace reciprocal::widgets {

namespace {

const SpectralLayer<float>* asSpectral(const Layer<float>& layer)
{
    return dynamic_cast<const SpectralLayer<float>*>(&layer);
}

int blockSize(Eigen::Index extent, int maxCells)
{
    return static_cast<int>((extent + maxCells - 1) / maxCells);
}

// The indices of the count largest scores, returned in increasing index order.
std::vector<int> strongest(const Eigen::VectorXf& score, int count)
{
    std::vector<int> order(static_cast<std::size_t>(score.size()));
    std::iota(order.begin(), order.end(), 0);
    if (static_cast<int>(order.size()) > count) {
        std::partial_sort(order.begin(), order.begin() + count, order.end(),
                          [&](int a, int b) { return score(a) > score(b); });
        order.resize(static_cast<std::size_t>(count));
    }
    std::sort(order.begin(), order.end());
    return order;
}

} // namespace

TransferSnapshot snapshotTransfer(const Layer<float>& layer)
{
    TransferSnapshot t;
    t.inputs = layer.inputCount();
    t.outputs = layer.outputCount();
    const Matrix<float>& weights = layer.effectiveWeights();
    if (const auto* spectral = asSpectral(layer)) {
        t.spectral = true;
        t.lamOut = spectral->outputEigenvalues().col(0);
        if (spectral->hasTwoSets())
            t.lamIn = spectral->inputEigenvalues().col(0);
    }
    if (layer.hasBias())
        t.bias = layer.bias().col(0);
    t.connectivity = weights.cwiseAbs().rowwise().sum();
    t.nodeMask = layer.nodeMask().size() ? Eigen::VectorXf(layer.nodeMask()) : Eigen::VectorXf::Ones(t.outputs);

    t.blockRows = blockSize(weights.rows(), TrainingSnapshot::maxMaskRows);
    t.blockColumns = blockSize(weights.cols(), TrainingSnapshot::maxMaskColumns);
    const auto cellRows = (weights.rows() + t.blockRows - 1) / t.blockRows;
    const auto cellColumns = (weights.cols() + t.blockColumns - 1) / t.blockColumns;
    t.weightMagnitude.resize(cellRows, cellColumns);
    for (Eigen::Index c = 0; c < cellColumns; ++c) {
        const Eigen::Index column = c * t.blockColumns;
        const Eigen::Index width = std::min<Eigen::Index>(t.blockColumns, weights.cols() - column);
        for (Eigen::Index r = 0; r < cellRows; ++r) {
            const Eigen::Index row = r * t.blockRows;
            const Eigen::Index height = std::min<Eigen::Index>(t.blockRows, weights.rows() - row);
            t.weightMagnitude(r, c) = weights.block(row, column, height, width).cwiseAbs().maxCoeff();
        }
    }
    t.maxMagnitude = t.weightMagnitude.size() ? t.weightMagnitude.maxCoeff() : 0.0f;
    t.zeroFraction = weights.size() ? static_cast<double>((weights.array() == 0.0f).count()) /
                                          static_cast<double>(weights.size())
                                    : 0.0;
    return t;
}

std::vector<std::vector<int>> chooseDiagramNodes(const Network<float>& network,
                                                 const std::vector<TransferSnapshot>& transfers)
{
    const int limit = TrainingSnapshot::maxDiagramNodes;
    std::vector<std::vector<int>> nodes;
    // Input nodes: by |lam_in| for two-set layers, else by how much weight leaves them.
    const TransferSnapshot& first = transfers.front();
    const Eigen::VectorXf inputScore = first.lamIn.size() ? Eigen::VectorXf(first.lamIn.cwiseAbs())
                                                          : Eigen::VectorXf(network.layer(0).effectiveWeights()
                                                                                .cwiseAbs()
                                                                                .colwise()
                                                                                .sum()
                                                                                .transpose());
    nodes.push_back(strongest(inputScore, limit));
    for (const TransferSnapshot& t : transfers)
        nodes.push_back(strongest(t.nodeValues().cwiseAbs(), limit));
    return nodes;
}

void sampleDiagramEdges(const Network<float>& network, const std::vector<std::vector<int>>& nodes,
                        std::vector<TransferSnapshot>& transfers)
{
    constexpr float notSpectral = std::numeric_limits<float>::quiet_NaN();
    for (std::size_t k = 0; k < transfers.size(); ++k) {
        const Layer<float>& layer = network.layer(static_cast<int>(k));
        const Matrix<float>& weights = layer.effectiveWeights();
        const auto* spectral = asSpectral(layer);
        TransferSnapshot& t = transfers[k];
        t.edges.clear();
        for (const int i : nodes[k + 1])
            for (const int j : nodes[k]) {
                EdgeSample edge{j, i, weights(i, j), notSpectral, notSpectral, notSpectral};
                if (spectral) {
                    edge.eigenvector = spectral->eigenvectors()(i, j);
                    edge.lamIn = t.lamIn.size() ? t.lamIn(j) : 0.0f;
                    edge.lamOut = t.lamOut(i);
                }
                t.edges.push_back(edge);
            }
    }
}

SpectrumFrame spectrumFrame(const Network<float>& network, int epoch)
{
    SpectrumFrame frame;
    frame.epoch = epoch;
    for (int k = 0; k + 1 < network.layerCount(); ++k) {
        const Layer<float>& layer = network.layer(k);
        if (const auto* spectral = asSpectral(layer))
            frame.hidden.push_back(spectral->outputEigenvalues().col(0));
        else
            frame.hidden.push_back(layer.effectiveWeights().cwiseAbs().rowwise().sum());
    }
    return frame;
}

void describeRun(TrainingSnapshot& snapshot, const Network<float>& network, const SharedLog<EpochRecord>& history,
                 const SharedLog<BatchPoint>& batchLosses, const SharedLog<SpectrumFrame>& spectrum)
{
    snapshot.history = history;
    snapshot.batchLosses = batchLosses;
    snapshot.spectrumHistory = spectrum;
    for (int k = 0; k < network.layerCount(); ++k)
        snapshot.transfers.push_back(snapshotTransfer(network.layer(k)));
    snapshot.diagramNodes = chooseDiagramNodes(network, snapshot.transfers);
    sampleDiagramEdges(network, snapshot.diagramNodes, snapshot.transfers);
}

std::shared_ptr<const PlanePoints> planePoints(const DataSplit& data, const DatasetSpec& spec)
{
    // Two coordinates, and the features of a generated set computed from them.
    const int width = 2 + static_cast<int>(spec.toyFeatures.size());
    if (data.train.featureCount() != width || data.test.featureCount() != width ||
        (!spec.toyFeatures.empty() && data.name != spec.name))
        return nullptr;
    auto points = std::make_shared<PlanePoints>();
    points->features = spec.toyFeatures;
    points->train = data.train.features.topRows(2);
    points->trainLabels = data.train.labels;
    points->test = data.test.features.topRows(2);
    points->testLabels = data.test.labels;
    points->classCount = data.train.classCount;
    Eigen::MatrixXf all(2, points->train.cols() + points->test.cols());
    all << points->train, points->test;
    points->window = windowAround(all);
    return points;
}

std::shared_ptr<const PlanePicture> pictureOnPlane(const Network<float>& network,
                                                   const std::shared_ptr<const PlanePoints>& points,
                                                   const std::vector<std::vector<int>>& diagramNodes,
                                                   Network<float>::ForwardBuffers& buffers)
{
    if (!points || network.architecture().inputWidth() != 2 + static_cast<int>(points->features.size()))
        return nullptr;
    auto picture = std::make_shared<PlanePicture>();
    picture->points = points;
    const int resolution = affordableResolution(forwardMultiplyAdds(network));
    picture->resolution = resolution;
    // One pass over one grid: a second grid of another size made the buffers reallocate (and fault
    // in fresh pages) twice per snapshot.
    picture->probabilities = respondOnPlane(network, points->window, resolution, points->features, buffers);
    const std::vector<Matrix<float>>& hidden = buffers.activations;
    // Thumbnails take every stride-th cell (their centres), about 32 a side: enough for 60 pixels.
    const int stride = std::max(1, resolution / 32);
    const int side = (resolution + stride - 1) / stride;
    picture->nodeResolution = side;
    for (std::size_t k = 0; k < hidden.size(); ++k) {
        const std::vector<int>& shown = diagramNodes.at(k + 1);
        Eigen::MatrixXf maps(static_cast<Eigen::Index>(shown.size()), static_cast<Eigen::Index>(side) * side);
        for (int row = 0; row < side; ++row)
            for (int column = 0; column < side; ++column) {
                const Eigen::Index cell = static_cast<Eigen::Index>(std::min(resolution - 1, row * stride + stride / 2)) *
                                              resolution +
                                          std::min(resolution - 1, column * stride + stride / 2);
                for (std::size_t i = 0; i < shown.size(); ++i)
                    maps(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(row) * side + column) =
                        hidden[k](shown[i], cell);
            }
        picture->nodeMaps.push_back(std::move(maps));
    }
    return picture;
}

} // namespace reciprocal::widgets
