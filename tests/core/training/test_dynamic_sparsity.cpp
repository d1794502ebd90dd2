// SPDX-License-Identifier: MIT
// Dynamic sparse training: every layer holds its fraction of zeros at every step, gradients flow only
// through kept weights, and the non-locality count tells spectral from dense layers.
#include "core/Error.h"
#include "core/data/ToyDatasets.h"
#include "core/training/DynamicSparsity.h"
#include "core/training/Trainer.h"

#include <QTest>

using namespace reciprocal;

namespace {

Model sparseModel(LayerKind kind, double sparsity, OptimizerKind optimizer = OptimizerKind::Adam,
                  SparseMasks masks = SparseMasks::Dynamic)
{
    TrainingSettings settings;
    settings.batchSize = 50;
    settings.sparsity = sparsity;
    settings.sparseMasks = masks;
    return Model::create(Architecture{{2, 64, 64, 3}, kind, Activation::Tanh, kind != LayerKind::Direct},
                         TrainMode::Full, settings, "spirals",
                         {optimizer, optimizer == OptimizerKind::Sgd ? 0.05 : 1e-2, 0.0});
}

} // namespace

class DynamicSparsityTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_data = makeSpirals(500, 3, 0.05, 2); }
    void everyLayerHoldsItsFractionOfZeros_data();
    void everyLayerHoldsItsFractionOfZeros();
    void maskedWeightsMoveInSpectralLayersOnly();
    void sparseTrainingStillLearns();
    void invalidFractionIsRejected();
    void staticMasksKeepTheirTopology();
    void turnoverCountsDroppedConnections();

private:
    Dataset m_data;
};

void DynamicSparsityTest::everyLayerHoldsItsFractionOfZeros_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<double>("fraction");
    for (const char* kind : {"direct", "spectral2", "qr"})
        for (const double fraction : {0.5, 0.9, 0.98})
            QTest::newRow(qPrintable(QStringLiteral("%1/%2").arg(kind).arg(fraction))) << kind << fraction;
}

void DynamicSparsityTest::everyLayerHoldsItsFractionOfZeros()
{
    QFETCH(QString, kind);
    QFETCH(double, fraction);
    Model model = sparseModel(parseLayerKind(kind.toStdString()), fraction);
    DynamicSparsity sparsity(fraction);
    Trainer trainer(model, m_data);
    for (int step = 0; step < 15; ++step) {
        trainer.trainBatch();
        sparsity.update(model.network);
        for (int k = 0; k < model.network.layerCount(); ++k) {
            const auto& layer = model.network.layer(k);
            const double zeros = (layer.effectiveWeights().array() == 0.0f).cast<double>().mean();
            // within half a point of the target, or half a weight in layers too small for that
            const double weights = static_cast<double>(layer.effectiveWeights().size());
            QVERIFY2(std::abs(zeros - fraction) <= std::max(0.005, 0.5 / weights),
                     qPrintable(QStringLiteral("layer %1 step %2: %3 zeros").arg(k).arg(step).arg(zeros)));
            QVERIFY(std::abs(sparsity.statistics()[static_cast<std::size_t>(k)].zeroFraction -
                             (1.0 - layer.weightMask().cast<double>().mean())) < 1e-9);
        }
    }
}

void DynamicSparsityTest::maskedWeightsMoveInSpectralLayersOnly()
{
    // A dense layer under plain SGD gets no gradient through a masked weight, so it cannot move;
    // a spectral weight W_ij = phi_ij (lam_in_j - lam_out_i) moves with the shared eigenvalues
    // (trained with Adam, as in the papers, so every step is large enough to show in float).
    for (const LayerKind kind : {LayerKind::Direct, LayerKind::Spectral2, LayerKind::Qr}) {
        Model model = sparseModel(kind, 0.9, kind == LayerKind::Direct ? OptimizerKind::Sgd : OptimizerKind::Adam);
        Trainer trainer(model, m_data);
        trainer.trainEpoch();
        const SparsityReport& report = trainer.lastSparsityReport();
        QCOMPARE(report.zeroFraction.size(), std::size_t(3));
        double changed = 0.0;
        double masked = 0.0;
        for (std::size_t k = 0; k < 3; ++k) {
            changed += report.maskedChangedPerStep[k];
            masked += report.previouslyMaskedPerStep[k];
            qInfo("%s layer %zu: %.3f of masked weights changed per step", layerKindName(kind).data(), k,
                  report.maskedChangedPerStep[k] / report.previouslyMaskedPerStep[k]);
        }
        // A masked spectral weight stands still only when neither its row's nor its column's
        // parameters get any gradient, so most of them move; masked dense weights never do.
        if (kind == LayerKind::Direct)
            QCOMPARE(changed, 0.0);
        else
            QVERIFY2(changed > 0.5 * masked, qPrintable(QString::number(changed / masked)));
    }
}

void DynamicSparsityTest::sparseTrainingStillLearns()
{
    Model model = sparseModel(LayerKind::Qr, 0.8);
    const Dataset blobs = makeBlobs(500, 3, 0.1, 4);
    Trainer trainer(model, blobs);
    const double first = trainer.trainEpoch()->trainLoss;
    double last = first;
    for (int epoch = 0; epoch < 20; ++epoch)
        last = trainer.trainEpoch()->trainLoss;
    QVERIFY2(last < 0.5 * first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
}

void DynamicSparsityTest::invalidFractionIsRejected()
{
    QVERIFY_THROWS_EXCEPTION(InputError, DynamicSparsity(1.0));
    QVERIFY_THROWS_EXCEPTION(InputError, DynamicSparsity(-0.1));
    QVERIFY_THROWS_EXCEPTION(InputError, sparseModel(LayerKind::Direct, 1.5));
}

// Static masks: the mask of the first step stays, bit for bit, through two epochs and across a save
// and resume; the weights it keeps still train, and the turnover is 0.
void DynamicSparsityTest::staticMasksKeepTheirTopology()
{
    Model model = sparseModel(LayerKind::Qr, 0.9, OptimizerKind::Adam, SparseMasks::Static);
    Trainer trainer(model, m_data);
    trainer.trainBatch();
    std::vector<Matrix<float>> first;
    for (int k = 0; k < model.network.layerCount(); ++k)
        first.push_back(model.network.layer(k).weightMask());
    const Matrix<float> weightsAfterOneStep = model.network.layer(1).effectiveWeights();
    trainer.finishEpoch();
    trainer.trainEpoch();
    for (int k = 0; k < model.network.layerCount(); ++k) {
        QCOMPARE(model.network.layer(k).weightMask(), first[static_cast<std::size_t>(k)]);
        QCOMPARE(trainer.lastSparsityReport().turnover[static_cast<std::size_t>(k)], 0.0);
        QVERIFY(std::abs(trainer.lastSparsityReport().zeroFraction[static_cast<std::size_t>(k)] - 0.9) < 0.01);
    }
    QVERIFY(model.network.layer(1).effectiveWeights() != weightsAfterOneStep);
    // A resumed static model keeps the topology it was trained with (its weights would choose another).
    Model resumed = model;
    Trainer(resumed, m_data).trainEpoch();
    for (int k = 0; k < resumed.network.layerCount(); ++k)
        QCOMPARE(resumed.network.layer(k).weightMask(), first[static_cast<std::size_t>(k)]);
}

// The turnover is the share of the connections kept at one epoch's end that the next end masks:
// counted by hand from the masks, and positive for dynamic masks of a training network.
void DynamicSparsityTest::turnoverCountsDroppedConnections()
{
    Model model = sparseModel(LayerKind::Spectral2, 0.8);
    Trainer trainer(model, m_data);
    trainer.trainEpoch();
    std::vector<Matrix<float>> before;
    for (int k = 0; k < model.network.layerCount(); ++k)
        before.push_back(model.network.layer(k).weightMask());
    trainer.trainEpoch();
    for (int k = 0; k < model.network.layerCount(); ++k) {
        const auto kept = before[static_cast<std::size_t>(k)].array() != 0.0f;
        const auto dropped = kept && model.network.layer(k).weightMask().array() == 0.0f;
        const double expected = static_cast<double>(dropped.count()) / static_cast<double>(kept.count());
        QCOMPARE(trainer.lastSparsityReport().turnover[static_cast<std::size_t>(k)], expected);
        QVERIFY(expected > 0.0);
    }
}

QTEST_APPLESS_MAIN(DynamicSparsityTest)
#include "test_dynamic_sparsity.moc"
