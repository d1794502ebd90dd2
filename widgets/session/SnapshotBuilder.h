#pragma once

#include "widgets/session/TrainingSnapshot.h"

#include "core/data/Dataset.h"
#include "core/data/DatasetSpec.h"
#include "core/network/Network.h"

namespace reciprocal::widgets {

// Copies what the views show off a live network: eigenvalues, connectivity, masks, block-maximum
// |W| maps and the diagram's nodes and edges. Runs on the worker thread, between batches.
TransferSnapshot snapshotTransfer(const Layer<float>& layer);

// The diagram's nodes: per layer the maxDiagramNodes most important (|lam| where there are
// eigenvalues, incoming or outgoing connectivity otherwise), in index order.
std::vector<std::vector<int>> chooseDiagramNodes(const Network<float>& network,
                                                 const std::vector<TransferSnapshot>& transfers);

// Fills every transfer's edges between the diagram's shown nodes.
void sampleDiagramEdges(const Network<float>& network, const std::vector<std::vector<int>>& nodes,
                        std::vector<TransferSnapshot>& transfers);

// The points of a data set with two features, for the input-plane view; null for any other data.
std::shared_ptr<const PlanePoints> planePoints(const DataSplit& data, const DatasetSpec& spec);

// The network over its input plane: class probabilities at the finest affordable resolution and the
// diagram's hidden nodes on a coarser grid (every few cells of the same one), computed in `buffers`
// (the caller keeps them, so the grid allocates once); null without plane points or unless the
// network takes the points' inputs.
std::shared_ptr<const PlanePicture> pictureOnPlane(const Network<float>& network,
                                                   const std::shared_ptr<const PlanePoints>& points,
                                                   const std::vector<std::vector<int>>& diagramNodes,
                                                   Network<float>::ForwardBuffers& buffers);

// The per-hidden-layer receiving eigenvalues (connectivity for direct layers) of a network.
SpectrumFrame spectrumFrame(const Network<float>& network, int epoch);

// The part of a snapshot whose cost matters: the run's records, which grow every epoch but are
// shared with the logs given rather than copied, and what the views show of the network (the
// transfers, the diagram's nodes and edges). The worker makes every snapshot of a session with it;
// tests/benchmarks/snapshot_cost.cpp measures it.
void describeRun(TrainingSnapshot& snapshot, const Network<float>& network, const SharedLog<EpochRecord>& history,
                 const SharedLog<BatchPoint>& batchLosses, const SharedLog<SpectrumFrame>& spectrum);

} // namespace reciprocal::widgets
