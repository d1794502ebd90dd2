// SPDX-License-Identifier: MIT
// The trainer: reproducible runs, divergence rollback, masked nodes silent while training continues,
// stepping batch by batch equals whole epochs.
#include "core/Error.h"
#include "core/data/ToyDatasets.h"
#include "core/training/Evaluation.h"
#include "core/training/Trainer.h"

#include "core/math/Interruption.h"

#include <QTest>

#include <chrono>
#include <thread>

using namespace reciprocal;

namespace {

Model spiralModel(LayerKind kind, TrainMode mode, double learningRate = 1e-2, std::uint64_t seed = 3,
                  Activation activation = Activation::Tanh)
{
    TrainingSettings settings;
    settings.batchSize = 50;
    settings.seed = seed;
    OptimizerSettings optimizer;
    optimizer.learningRate = learningRate;
    return Model::create(Architecture{{2, 32, 32, 3}, kind, activation, true}, mode, settings, "spirals", optimizer);
}

std::vector<Matrix<float>> parameterValues(Model& model)
{
    std::vector<Matrix<float>> values;
    for (auto& p : model.network.parameters())
        values.push_back(*p.value);
    return values;
}

} // namespace

class TrainerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_spirals = makeSpirals(600, 3, 0.05, 11); }
    void sameSeedGivesIdenticalRuns();
    void differentSeedsDiffer();
    void learnsSpirals();
    void divergenceRestoresLastGoodState();
    void maskedNodeStaysSilent();
    void batchStepsEqualWholeEpoch();
    void observerCanStopEarly();
    void architectureMustFitData();
    void interruptedBatchChangesNothing();
    void blowUpInTheLastStepIsADivergence();
    void copyIntoANetworkOfTheSameShapeReusesItsStorage_data();
    void copyIntoANetworkOfTheSameShapeReusesItsStorage();
    void triangularRStaysTriangular();

private:
    Dataset m_spirals;
};

void TrainerTest::sameSeedGivesIdenticalRuns()
{
    Model a = spiralModel(LayerKind::Spectral2, TrainMode::Full);
    Model b = spiralModel(LayerKind::Spectral2, TrainMode::Full);
    Trainer ta(a, m_spirals);
    Trainer tb(b, m_spirals);
    for (int epoch = 0; epoch < 3; ++epoch) {
        const auto ra = ta.trainEpoch();
        const auto rb = tb.trainEpoch();
        QCOMPARE(ra->trainLoss, rb->trainLoss);
    }
    QVERIFY(parameterValues(a) == parameterValues(b));
    QCOMPARE(a.random.state(), b.random.state());
}

void TrainerTest::differentSeedsDiffer()
{
    Model a = spiralModel(LayerKind::Spectral2, TrainMode::Full, 1e-2, 1);
    Model b = spiralModel(LayerKind::Spectral2, TrainMode::Full, 1e-2, 2);
    QVERIFY(parameterValues(a) != parameterValues(b));
}

void TrainerTest::learnsSpirals()
{
    Model model = spiralModel(LayerKind::Spectral2, TrainMode::Full, 3e-2);
    const double before = evaluate(model.network, m_spirals).accuracy;
    Trainer trainer(model, m_spirals);
    for (int epoch = 0; epoch < 200; ++epoch)
        trainer.trainEpoch();
    const double after = evaluate(model.network, m_spirals).accuracy;
    QVERIFY2(after > 0.85 && after > before + 0.3, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    QCOMPARE(model.epoch, 200);
    QCOMPARE(model.history.size(), std::size_t(200));
}

void TrainerTest::divergenceRestoresLastGoodState()
{
    Model model = spiralModel(LayerKind::Spectral2, TrainMode::Full, 1e3);
    Trainer trainer(model, m_spirals);
    int completed = 0;
    std::vector<Matrix<float>> lastGood = parameterValues(model);
    std::string lastGoodRandom = model.random.state();
    try {
        for (; completed < 50; ++completed) {
            trainer.trainEpoch();
            lastGood = parameterValues(model);
            lastGoodRandom = model.random.state();
        }
        QFAIL("a learning rate of 1e3 should diverge");
    } catch (const DivergenceError& error) {
        QVERIFY(QString::fromStdString(error.what()).contains("diverged"));
    }
    QCOMPARE(model.epoch, completed);
    QVERIFY(parameterValues(model) == lastGood);
    QCOMPARE(model.random.state(), lastGoodRandom);
    for (const auto& values : lastGood)
        QVERIFY(values.allFinite());
}

void TrainerTest::maskedNodeStaysSilent()
{
    for (const LayerKind kind : {LayerKind::Direct, LayerKind::Spectral1, LayerKind::Spectral2, LayerKind::Qr}) {
        Model model = spiralModel(kind, TrainMode::Full);
        Vector<float> mask = Vector<float>::Ones(32);
        mask(5) = 0;
        mask(17) = 0;
        model.network.setNodeMask(0, mask);
        Trainer trainer(model, m_spirals);
        trainer.trainEpoch();
        trainer.trainEpoch();
        model.network.forward(m_spirals.features);
        const auto& activations = model.network.hiddenActivations(0);
        QCOMPARE(activations.row(5).cwiseAbs().maxCoeff(), 0.0f);
        QCOMPARE(activations.row(17).cwiseAbs().maxCoeff(), 0.0f);
        QCOMPARE(model.network.layer(0).effectiveWeights().row(5).cwiseAbs().maxCoeff(), 0.0f);
        QVERIFY(activations.row(4).cwiseAbs().maxCoeff() > 0.0f);
    }
}

void TrainerTest::batchStepsEqualWholeEpoch()
{
    Model a = spiralModel(LayerKind::Qr, TrainMode::Full);
    Model b = spiralModel(LayerKind::Qr, TrainMode::Full);
    Trainer ta(a, m_spirals);
    Trainer tb(b, m_spirals);
    ta.trainEpoch();
    int batches = 0;
    do {
        tb.trainBatch();
        ++batches;
    } while (!tb.epochComplete());
    const EpochRecord record = tb.finishEpoch();
    QCOMPARE(batches, 12);
    QCOMPARE(record.epoch, 1);
    QVERIFY(parameterValues(a) == parameterValues(b));
}

void TrainerTest::observerCanStopEarly()
{
    Model model = spiralModel(LayerKind::Spectral2, TrainMode::Eigenvalues);
    Trainer trainer(model, m_spirals);
    int seen = 0;
    const auto record = trainer.trainEpoch([&](const BatchProgress& progress) {
        ++seen;
        return progress.batch < 4;
    });
    QVERIFY(!record.has_value());
    QCOMPARE(seen, 4);
    QCOMPARE(model.epoch, 0);
    QVERIFY(trainer.epochInProgress());
}

void TrainerTest::architectureMustFitData()
{
    TrainingSettings settings;
    Model model = Model::create(Architecture{{784, 10, 3}, LayerKind::Spectral2, Activation::Tanh, false},
                                TrainMode::Full, settings, "spirals");
    try {
        Trainer trainer(model, m_spirals);
        QFAIL("expected an InputError");
    } catch (const InputError& error) {
        QVERIFY(QString::fromStdString(error.what()).contains("784-10-3"));
    }
}

// Stop in the GUI interrupts a training step of a wide network half-way: the step must leave the
// model exactly as it was, and training on must give what it gives without the interruption.
void TrainerTest::interruptedBatchChangesNothing()
{
    const auto wideModel = [] {
        TrainingSettings settings;
        settings.batchSize = 300;
        return Model::create(Architecture{{2, 1500, 1500, 3}, LayerKind::Spectral2, Activation::Tanh, true},
                             TrainMode::Full, settings, "spirals");
    };
    Model reference = wideModel();
    Trainer referenceTrainer(reference, m_spirals);
    referenceTrainer.trainBatch();
    referenceTrainer.trainBatch();

    Model model = wideModel();
    Trainer trainer(model, m_spirals);
    trainer.trainBatch();
    const auto afterOneBatch = parameterValues(model);
    Interruptible work;
    int interruptedWhileRunning = 0;
    bool trained = false;
    for (const int delayMilliseconds : {0, 2, 5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560}) {
        std::thread stop([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMilliseconds));
            work.interrupt();
        });
        const auto started = std::chrono::steady_clock::now();
        try {
            work.run([&] { trainer.trainBatch(); });
            trained = true;
        } catch (const Interrupted&) {
            if (std::chrono::steady_clock::now() - started > std::chrono::milliseconds(1))
                ++interruptedWhileRunning;
            QVERIFY(parameterValues(model) == afterOneBatch);
            QCOMPARE(trainer.batchesDone(), 1);
        }
        stop.join();
        work.resume();
        if (trained)
            break;
    }
    if (!trained)
        work.run([&] { trainer.trainBatch(); });
    QVERIFY(interruptedWhileRunning > 0);
    QVERIFY(parameterValues(model) == parameterValues(reference));
    // Work that starts after an interruption and before resume() is called off at once.
    work.interrupt();
    QVERIFY_THROWS_EXCEPTION(Interrupted, work.run([] {}));
    work.resume();
    work.run([] {});
}

void TrainerTest::copyIntoANetworkOfTheSameShapeReusesItsStorage_data()
{
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"direct", "spectral1", "spectral2", "qr", "ssvd"})
        QTest::newRow(kind) << kind;
}

// The trainer keeps the model as each epoch began; for a wide network a fresh copy faulted in new
// pages for seconds, so assignment copies into the storage the last epoch's copy left. It must be
// an exact, independent copy, and fall back to a fresh one when the shape differs.
void TrainerTest::copyIntoANetworkOfTheSameShapeReusesItsStorage()
{
    QFETCH(QString, kind);
    const Architecture architecture{{5, 7, 3}, parseLayerKind(kind.toStdString()), Activation::Tanh, true};
    Network<float> source(architecture);
    Random random(6);
    source.initialise(random);
    Network<float> target(architecture);
    target.initialise(random);
    const float* storage = target.parameters().front().value->data();
    target = source;
    QCOMPARE(target.parameters().front().value->data(), storage);
    for (std::size_t p = 0; p < source.parameters().size(); ++p)
        QVERIFY(*target.parameters()[p].value == *source.parameters()[p].value);
    for (int k = 0; k < source.layerCount(); ++k)
        QVERIFY(target.layer(k).effectiveWeights() == source.layer(k).effectiveWeights());
    source.parameters().front().value->setZero();
    QVERIFY(!target.parameters().front().value->isZero());

    Network<float> other(Architecture{{5, 4, 3}, architecture.layerKind, Activation::Tanh, true});
    other = source;
    QCOMPARE(other.layer(0).outputCount(), 7);
    QVERIFY(*other.parameters().front().value == *source.parameters().front().value);
}

// The last step of an epoch (here the only one) blows the weights up: no later batch would see
// it, and the run once ended with exit 0 and a NaN model. The epoch's end checks the final weights.
void TrainerTest::blowUpInTheLastStepIsADivergence()
{
    TrainingSettings settings;
    settings.batchSize = m_spirals.sampleCount(); // one step per epoch
    OptimizerSettings optimizer;
    optimizer.learningRate = 1e6;
    Model model = Model::create(Architecture{{2, 32, 3}, LayerKind::Spectral2, Activation::Relu, true}, TrainMode::Full,
                                settings, "spirals", optimizer);
    const auto initial = parameterValues(model);
    Trainer trainer(model, m_spirals);
    QVERIFY_THROWS_EXCEPTION(DivergenceError, trainer.trainEpoch());
    QCOMPARE(model.epoch, 0);
    QVERIFY(parameterValues(model) == initial);
    QVERIFY(model.history.empty());
}

// qr-triangular trains R on and below its diagonal only: after an epoch of Adam (and of SGD with
// momentum) every entry above it is still exactly 0, while those below it moved.
void TrainerTest::triangularRStaysTriangular()
{
    for (const OptimizerKind optimizer : {OptimizerKind::Adam, OptimizerKind::Sgd}) {
        Model model = spiralModel(LayerKind::QrTriangular, TrainMode::Full);
        model.optimizer.setSettings({optimizer, 1e-2, 0.9});
        const std::vector<Matrix<float>> before = parameterValues(model);
        Trainer(model, m_spirals).trainEpoch();
        for (int k = 0; k < model.network.layerCount(); ++k)
            for (const auto& parameter : model.network.layer(k).parameters()) {
                if (parameter.name != "R")
                    continue;
                const Matrix<float>& r = *parameter.value;
                QVERIFY(Matrix<float>(r.triangularView<Eigen::StrictlyUpper>()).isZero(0.0f));
                QVERIFY(r.rows() > 1);
            }
        QVERIFY(parameterValues(model) != before);
    }
}

QTEST_APPLESS_MAIN(TrainerTest)
#include "test_trainer.moc"
