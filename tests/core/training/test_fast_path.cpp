// SPDX-License-Identifier: MIT
// The core's fused, buffered, multi-threaded training path against the plain reference
// (ReferenceTraining.h): same initial parameters, same batches, same losses and parameters, at
// every CPU level this machine has (core/kernels).
#include "ReferenceTraining.h"
#include "ScopedCpuLevel.h"
#include "core/layers/SpectralLayer.h"
#include "core/training/Model.h"
#include "core/training/Trainer.h"

#include <oneapi/tbb/global_control.h>

#include <QTest>

using namespace reciprocal;



namespace {

// Shapes large enough that every parallel product and column pass really splits.
const std::vector<int> widths{300, 128, 64, 10};

struct Problem {
    Matrix<float> features;
    std::vector<std::int32_t> labels;
};

Problem makeProblem(int samples)
{
    Random random(99);
    Problem problem{Matrix<float>(widths.front(), samples), {}};
    Matrix<float> teacher(widths.back(), widths.front());
    for (Eigen::Index i = 0; i < teacher.size(); ++i)
        teacher.data()[i] = static_cast<float>(random.normal());
    for (Eigen::Index i = 0; i < problem.features.size(); ++i)
        problem.features.data()[i] = static_cast<float>(random.uniform());
    const Matrix<float> scores = teacher * problem.features;
    for (int s = 0; s < samples; ++s) {
        Eigen::Index label = 0;
        scores.col(s).maxCoeff(&label);
        problem.labels.push_back(static_cast<std::int32_t>(label));
    }
    return problem;
}

std::vector<reference::Layer> copyToReference(Network<float>& network)
{
    std::vector<reference::Layer> layers;
    for (int k = 0; k < network.layerCount(); ++k) {
        auto parameters = network.layer(k).parameters();
        reference::Layer layer;
        layer.direct = network.layer(k).kind() == LayerKind::Direct;
        layer.twoSets = network.layer(k).kind() == LayerKind::Spectral2;
        if (layer.direct) {
            layer.w = parameters[0].value->cast<double>();
        } else {
            layer.phi = parameters[0].value->cast<double>();
            if (layer.twoSets)
                layer.lamIn = parameters[1].value->cast<double>();
            layer.lamOut = parameters.back().value->cast<double>();
        }
        layers.push_back(layer);
    }
    return layers;
}

double relativeDifference(const Matrix<float>& fast, const Eigen::MatrixXd& reference)
{
    return (fast.cast<double>() - reference).norm() / reference.norm();
}

} // namespace

class FastPathTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesReference_data();
    void matchesReference();
    void threadCountDoesNotChangeTheMaths();
};

void FastPathTest::matchesReference_data()
{
    QTest::addColumn<CpuLevel>("level");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("mode");
    for (const CpuLevel level : supportedCpuLevels()) {
        newLevelRow(level, "direct") << level << "direct" << "full";
        newLevelRow(level, "spectral2 full") << level << "spectral2" << "full";
        newLevelRow(level, "spectral2 eigenvalues") << level << "spectral2" << "eigenvalues";
        newLevelRow(level, "spectral1 full") << level << "spectral1" << "full";
        newLevelRow(level, "spectral1 eigenvalues") << level << "spectral1" << "eigenvalues";
    }
}

void FastPathTest::matchesReference()
{
    QFETCH(CpuLevel, level);
    QFETCH(QString, kind);
    QFETCH(QString, mode);
    const ScopedCpuLevel scopedLevel(level);
    const Problem problem = makeProblem(100 * 20);
    TrainingSettings settings;
    settings.batchSize = 100;
    Model model = Model::create(Architecture{widths, parseLayerKind(kind.toStdString()), Activation::Tanh, false},
                                parseTrainMode(mode.toStdString()), settings, "teacher");
    std::vector<reference::Layer> referenceLayers = copyToReference(model.network);
    reference::Adam adam;
    const bool eigenvaluesOnly = mode == QStringLiteral("eigenvalues");
    Optimizer<float>& optimizer = model.optimizer;
    for (int step = 0; step < 20; ++step) {
        const Matrix<float> batch = problem.features.middleCols(step * 100, 100);
        const std::vector<std::int32_t> labels(problem.labels.begin() + step * 100,
                                               problem.labels.begin() + (step + 1) * 100);
        const double fastLoss = model.network.forwardBackward(batch, labels.data()).loss;
        optimizer.update(model.network);
        const double referenceLoss =
            reference::step(referenceLayers, adam, batch.cast<double>(), labels, eigenvaluesOnly);
        QVERIFY2(std::abs(fastLoss - referenceLoss) < 1e-4 * std::max(1.0, referenceLoss),
                 qPrintable(QStringLiteral("step %1: %2 vs %3").arg(step).arg(fastLoss).arg(referenceLoss)));
    }
    // After 20 Adam steps the float fast path and the double reference still agree closely.
    for (int k = 0; k < model.network.layerCount(); ++k) {
        const double difference =
            relativeDifference(model.network.layer(k).effectiveWeights(), referenceLayers[k].weights());
        QVERIFY2(difference < 1e-3, qPrintable(QStringLiteral("layer %1: %2").arg(k).arg(difference)));
    }
}

void FastPathTest::threadCountDoesNotChangeTheMaths()
{
    // Different thread counts may round differently (the product blocks differ) but must agree to
    // float precision; the same count must agree bit for bit, at every level.
    const Problem problem = makeProblem(600);
    Dataset data{problem.features, problem.labels, 10, {300}};
    auto run = [&](int threads) {
        oneapi::tbb::global_control limit(oneapi::tbb::global_control::max_allowed_parallelism,
                                          static_cast<std::size_t>(threads));
        TrainingSettings settings;
        settings.batchSize = 100;
        Model model = Model::create(Architecture{widths, LayerKind::Spectral2, Activation::Tanh, false},
                                    TrainMode::Full, settings, "teacher");
        Trainer trainer(model, data);
        trainer.trainEpoch();
        return Matrix<float>(model.network.layer(0).effectiveWeights());
    };
    for (const CpuLevel level : supportedCpuLevels()) {
        const ScopedCpuLevel scopedLevel(level);
        const Matrix<float> one = run(1);
        const Matrix<float> two = run(2);
        QVERIFY(run(2) == two);
        QVERIFY(run(1) == one);
        QVERIFY((one - two).norm() / one.norm() < 1e-5);
    }
}

QTEST_APPLESS_MAIN(FastPathTest)
#include "test_fast_path.moc"
