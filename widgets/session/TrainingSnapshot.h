#pragma once

#include "widgets/session/SessionSettings.h"
#include "widgets/session/SharedLog.h"

#include "core/data/Dataset.h"
#include "core/network/Architecture.h"
#include "core/network/InputPlane.h"
#include "core/network/Network.h"
#include "core/training/EpochRecord.h"
#include "core/training/HeldParameters.h"
#include "core/training/Optimizer.h"

#include <Eigen/Core>

#include <QMetaType>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace reciprocal::widgets {

// A node of the network: layer 0 is the input layer, layer L the output layer; a hidden node of
// layer k (1..L-1) is the receiving node of transfer k-1.
struct NodeRef {
    int layer = -1;
    int node = -1;
    bool isValid() const { return layer >= 0 && node >= 0; }
    friend bool operator==(const NodeRef&, const NodeRef&) = default;
};

// One edge shown in the network diagram, with the numbers of W_ij = phi_ij (lam_in_j - lam_out_i).
struct EdgeSample {
    int from = 0; // emitting node j
    int to = 0;   // receiving node i
    float weight = 0.0f;
    float eigenvector = 0.0f; // phi_ij; NaN for direct layers
    float lamIn = 0.0f;       // lam_in_j (0 for one-set layers); NaN for direct layers
    float lamOut = 0.0f;      // lam_out_i; NaN for direct layers
};

// What the views need of one transfer k -> k+1, copied off the live network.
struct TransferSnapshot {
    int inputs = 0;
    int outputs = 0;
    bool spectral = false;        // has eigenvalues (every kind but direct)
    Eigen::VectorXf lamOut;       // receiving-node eigenvalues (outputs), empty for direct layers
    Eigen::VectorXf lamIn;        // emitting-node eigenvalues (inputs), empty unless two sets
    Eigen::VectorXf bias;         // per receiving node, empty without bias
    Eigen::VectorXf connectivity; // sum_j |W_ij| per receiving node
    Eigen::VectorXf nodeMask;     // 1 active, 0 pruned, per receiving node (all ones if unmasked)
    // |W_eff| reduced to at most maxMaskRows x maxMaskColumns cells by the maximum over each block,
    // so a single strong weight stays visible; blockRows x blockColumns weights per cell.
    Eigen::MatrixXf weightMagnitude;
    int blockRows = 1;
    int blockColumns = 1;
    float maxMagnitude = 0.0f;
    double zeroFraction = 0.0; // share of exactly-zero effective weights
    std::vector<EdgeSample> edges; // every edge between the diagram's shown nodes of the two layers

    // What the views rank a receiving node by, signed: lam_out where the layer has eigenvalues,
    // connectivity in direct layers, which have none.
    const Eigen::VectorXf& nodeValues() const { return spectral ? lamOut : connectivity; }
    // A receiving node's importance: |lam_out|, or its connectivity (never negative).
    float nodeScore(int node) const { return std::abs(nodeValues()(node)); }
};

// The hidden nodes' values at the end of one epoch (epoch 0 = initial), for replaying the spectrum.
struct SpectrumFrame {
    int epoch = 0;
    std::vector<Eigen::VectorXf> hidden; // per hidden layer, as TransferSnapshot::nodeValues()
};

// A per-batch point of the smoothed training loss curve.
struct BatchPoint {
    double epoch = 0.0; // fractional: 2.5 = half-way through the third epoch
    double loss = 0.0;  // exponential moving average of the batch loss
};

// The points of a data set with two features (the generated sets), shared by every snapshot of a session.
struct PlanePoints {
    Eigen::MatrixXf train; // 2 x N: x1, x2 (the extra features are computed from them)
    std::vector<std::int32_t> trainLabels;
    Eigen::MatrixXf test;
    std::vector<std::int32_t> testLabels;
    int classCount = 0;
    PlaneWindow window; // holds every point
    std::vector<PlaneFeature> features; // the network's inputs after x1 and x2
};

// What the network does over its input plane: the class probabilities of every grid cell, and
// the activation of every hidden node the diagram shows, on a coarser grid for thumbnails.
struct PlanePicture {
    std::shared_ptr<const PlanePoints> points;
    int resolution = 0;
    Eigen::MatrixXf probabilities; // classes x resolution² (planeGrid's cell order)
    int nodeResolution = 0;
    // Per hidden layer k (1-based layer k+1 of the diagram): one row per node in diagramNodes[k+1].
    std::vector<Eigen::MatrixXf> nodeMaps;
};

enum class SessionState { Idle, Loading, Ready, Running, Paused, Finished, Failed };

// An immutable picture of a training session, made on the worker thread and handed to the GUI
// through queued signals: the GUI never touches the live network.
struct TrainingSnapshot {
    SessionState state = SessionState::Idle;
    // How the session's network was made (its data set and network settings), once there is one.
    std::optional<SessionSettings> session;
    Architecture architecture;
    std::string datasetName;
    std::vector<int> sampleShape; // e.g. {28, 28}: the first layer's lam_in drawn as an image
    int epoch = 0;                // completed epochs
    int batch = 0;                // batches done in the current epoch
    int batchCount = 0;           // per epoch
    int batchSize = 0;
    int targetEpochs = 0;
    // Changes whenever a node index may name another node than before: a new session, an opened
    // model, a pruning, an undo or a redo. Selections and replays of the old numbering end there.
    std::uint64_t nodeNumbering = 0;
    // The network's test accuracy as it is now (after a pruning too); NaN before any evaluation.
    double testAccuracy = std::numeric_limits<double>::quiet_NaN();
    double testLoss = std::numeric_limits<double>::quiet_NaN();
    double samplesPerSecond = 0.0;
    // Work between training steps that can take seconds for a wide network, shown as busy.
    enum class Activity { None, MeasuringEpoch, MeasuringNetwork, Pruning };
    Activity activity = Activity::None;
    OptimizerSettings optimizer;
    TrainMode trainMode = TrainMode::Full;
    std::string trainedGroups; // SessionLog::trainedGroups(): what the run trained so far
    long long trainableParameters = 0;
    long long totalParameters = 0;
    // The run's records, shared with the worker's logs rather than copied: they grow every epoch,
    // and a snapshot must cost no more at epoch 100 than at epoch 1.
    SharedLog<EpochRecord> history;
    SharedLog<BatchPoint> batchLosses;
    SharedLog<SpectrumFrame> spectrumHistory;
    std::vector<TransferSnapshot> transfers;
    HeldParameters held; // the frozen knobs
    // The diagram's shown nodes per layer (0 = input), chosen by importance, at most
    // maxDiagramNodes each.
    std::vector<std::vector<int>> diagramNodes;
    // Data with two features only (else null).
    std::shared_ptr<const PlanePicture> plane;
    // Data with more than two features: its first test samples (at most probeSampleCount), which the
    // formula read-out explains one at a time (else null).
    std::shared_ptr<const Dataset> probeSamples;
    // A copy of the network for the formula read-out, with the plane or the probe samples (small
    // networks only).
    std::shared_ptr<const Network<float>> network;

    static constexpr int probeSampleCount = 100;
    // Above this the copy would cost more than the read-out is worth at ten snapshots a second.
    static constexpr long long maximumFormulaParameters = 200'000;

    static constexpr int maxMaskRows = 160;
    static constexpr int maxMaskColumns = 196;
    static constexpr int maxDiagramNodes = 24;

    int hiddenLayerCount() const { return static_cast<int>(transfers.size()) - 1; }
};

using SnapshotPtr = std::shared_ptr<const TrainingSnapshot>;

} // namespace reciprocal::widgets

Q_DECLARE_METATYPE(reciprocal::widgets::SnapshotPtr)
Q_DECLARE_METATYPE(reciprocal::widgets::NodeRef)
