// SPDX-License-Identifier: MIT
// Training sanity on the real Fashion-MNIST (Debian's dataset-fashion-mnist).
#include "core/data/DatasetLoader.h"
#include "core/training/Evaluation.h"
#include "core/training/Trainer.h"

#include <QDir>
#include <QTest>

using namespace reciprocal;

class FashionMnistTrainingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fullSpectralReaches80PercentInTwoEpochs();
    void eigenvaluesOnlyImproves();

private:
    DataSplit m_data;
};

void FashionMnistTrainingTest::initTestCase()
{
    if (!QDir(kDefaultFashionMnistDirectory).exists())
        QSKIP("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    m_data = loadDataset(DatasetSpec{});
}

void FashionMnistTrainingTest::fullSpectralReaches80PercentInTwoEpochs()
{
    TrainingSettings settings; // Adam 1e-3, batch 200
    Model model = Model::create(Architecture{{784, 100, 10}, LayerKind::Spectral2, Activation::Tanh, false},
                                TrainMode::Full, settings, m_data.name);
    Trainer trainer(model, m_data.train);
    trainer.trainEpoch();
    trainer.trainEpoch();
    const Evaluation test = evaluate(model.network, m_data.test);
    qInfo("784-100-10 spectral2 full, 2 epochs: test accuracy %.4f, loss %.4f", test.accuracy, test.loss);
    QVERIFY(test.accuracy >= 0.80);
}

void FashionMnistTrainingTest::eigenvaluesOnlyImproves()
{
    TrainingSettings settings;
    Model model = Model::create(Architecture{{784, 100, 10}, LayerKind::Spectral2, Activation::Tanh, false},
                                TrainMode::Eigenvalues, settings, m_data.name);
    const Evaluation before = evaluate(model.network, m_data.test);
    Trainer trainer(model, m_data.train);
    trainer.trainEpoch();
    const Evaluation after = evaluate(model.network, m_data.test);
    qInfo("784-100-10 spectral2 eigenvalues only: %.4f -> %.4f after 1 epoch", before.accuracy, after.accuracy);
    QVERIFY(after.accuracy > before.accuracy + 0.2);
}

QTEST_APPLESS_MAIN(FashionMnistTrainingTest)
#include "test_fashion_mnist_training.moc"
