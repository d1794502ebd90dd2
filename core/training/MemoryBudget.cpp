#include "core/training/MemoryBudget.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/training/Evaluation.h"

#include <algorithm>

namespace reciprocal {

namespace {

// What one layer of m receiving and n emitting nodes holds, in values (r = min(m, n)).
struct LayerValues {
    double groups = 0.0;  // trainable-capable parameter groups; each also has a gradient and moments
    double frozen = 0.0;  // frozen tensors (Q of QR, U and V of S-SVD)
    double buffers = 0.0; // m x n work matrices that are neither
};

LayerValues layerValues(LayerKind kind, double n, double m, bool bias, bool sparse)
{
    const double r = std::min(m, n);
    const double b = bias ? m : 0.0;
    LayerValues values;
    switch (kind) {
    case LayerKind::Direct: // W; backward writes dL/dW into W's own gradient
        values.groups = m * n + b;
        break;
    case LayerKind::Spectral1: // phi, lam_out; composed W and dL/dW
        values.groups = m * n + m + b;
        values.buffers = 2 * m * n;
        break;
    case LayerKind::Spectral2: // phi, lam_in, lam_out; composed W and dL/dW
        values.groups = m * n + n + m + b;
        values.buffers = 2 * m * n;
        break;
    case LayerKind::Qr: // R, lam_in, lam_out; Q; phi cache, its two gradient buffers, W, dL/dW
    case LayerKind::QrTriangular:
        values.groups = m * r + n + m + b;
        values.frozen = r * n;
        values.buffers = 5 * m * n;
        break;
    case LayerKind::Ssvd: // s, lam_in, lam_out; U, V; as QR plus an m x r scratch
        values.groups = r + n + m + b;
        values.frozen = m * r + r * n;
        values.buffers = 5 * m * n + m * r;
        break;
    }
    // Sparse training: the layer's weight mask and combined mask, the masked W of a direct layer,
    // and the sparsity tracker's previous weights and mask.
    if (sparse)
        values.buffers += (kind == LayerKind::Direct ? 5 : 4) * m * n;
    return values;
}

} // namespace

double parameterValueCount(const Architecture& architecture)
{
    double count = 0.0;
    for (int k = 0; k < architecture.transferCount(); ++k) {
        const auto values = layerValues(architecture.layerKind, architecture.widths[k], architecture.widths[k + 1],
                                        architecture.bias, false);
        count += values.groups + values.frozen;
    }
    return count;
}

// bytes = 4 x (P + G + L + O)     the model: parameters P, gradients G, layer buffers L,
//                                 optimizer moments O = 2 G (Adam, Adamax) or G (SGD)
//       + 4 x (P + G + L + O)     the trainer's rollback copy of the model (kept between epochs,
//                                 so that the next epoch's copy reuses its storage)
//       + 4 x (3 S max(B, E) + n0 B)  Z, f(Z) and delta for the S = sum of the non-input widths,
//                                 at the training batch B or the evaluation batch E if larger,
//                                 and the gathered input batch of n0 features
// Left out: the products' temporaries (small), and a save's copy of the network and its bytes,
// which exist for a moment between epochs, beside the rollback copy.

MemoryEstimate estimateTrainingMemory(const Architecture& architecture, const TrainingSettings& training,
                                      OptimizerKind optimizer)
{
    constexpr double bytesPerValue = sizeof(float);
    const bool sparse = training.sparsity > 0.0;
    const double momentsPerValue = optimizer == OptimizerKind::Sgd ? 1.0 : 2.0;
    MemoryEstimate estimate;
    double nonInputWidths = 0.0;
    for (int k = 0; k < architecture.transferCount(); ++k) {
        const auto values = layerValues(architecture.layerKind, architecture.widths[k], architecture.widths[k + 1],
                                        architecture.bias, sparse);
        estimate.parameters += bytesPerValue * (values.groups + values.frozen);
        estimate.gradients += bytesPerValue * values.groups;
        estimate.optimizer += bytesPerValue * momentsPerValue * values.groups;
        estimate.layerBuffers += bytesPerValue * values.buffers;
        nonInputWidths += architecture.widths[k + 1];
    }
    estimate.rollback = estimate.parameters + estimate.gradients + estimate.layerBuffers + estimate.optimizer;
    const double batch = training.batchSize;
    const double columns = std::max(batch, static_cast<double>(evaluationBatchSize));
    const double inputs = architecture.widths.empty() ? 0.0 : architecture.inputWidth(); // Network rejects none
    estimate.activations = bytesPerValue * (3 * nonInputWidths * columns + inputs * batch);
    return estimate;
}



void checkMemoryBudget(const Architecture& architecture, const TrainingSettings& training, OptimizerKind optimizer,
                       std::optional<double> available)
{
    if (!available)
        return;
    const double needed = estimateTrainingMemory(architecture, training, optimizer).total();
    if (needed > *available)
        throw InputError("architecture " + architecture.widthsText() + " needs about " + formatBytes(needed) +
                         ", more than the " + formatBytes(*available) + " available");
}


} // namespace reciprocal
