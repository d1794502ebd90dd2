// Model files: save -> load -> continue equals uninterrupted training bit for bit, for every layer
// kind and optimizer; every malformed file gives a clear error naming the file.
#include "core/Error.h"
#include "core/data/ToyDatasets.h"
#include "core/io/Checksum.h"
#include "core/io/ModelFile.h"
#include "core/training/Trainer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace reciprocal;

namespace {

Model makeModel(LayerKind kind, OptimizerKind optimizer, double sparsity = 0.0)
{
    TrainingSettings settings;
    settings.sparsity = sparsity;
    settings.optimizer = {optimizer, defaultLearningRate(optimizer)};
    settings.batchSize = 64;
    settings.seed = 21;
    return Model::create(Architecture{{2, 16, 16, 3}, kind, Activation::Elu, true}, TrainMode::Full, settings,
                         "spirals");
}

std::vector<Matrix<float>> snapshot(Model& model)
{
    std::vector<Matrix<float>> values;
    for (auto& p : model.network.parameters())
        values.push_back(*p.value);
    return values;
}

QByteArray readBytes(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(bytes);
}

} // namespace

class ModelFileTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resumeEqualsUninterrupted_data();
    void resumeEqualsUninterrupted();
    void roundTripKeepsMasksModeAndHistory();
    void versionOneFilesLoadAsDense();
    void malformedFiles_data();
    void malformedFiles();
    void truncatedAtEveryBoundaryFails();
    void unwritablePathFails();

private:
    QTemporaryDir m_dir;
    Dataset m_data;
    QString m_goodFile;
};

void ModelFileTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_data = makeSpirals(500, 3, 0.1, 4);
    Model model = makeModel(LayerKind::Spectral2, OptimizerKind::Adam);
    Trainer(model, m_data).trainEpoch();
    m_goodFile = m_dir.filePath("good.rcp");
    saveModel(model, m_goodFile.toStdString());
}

void ModelFileTest::resumeEqualsUninterrupted_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<double>("sparsity");
    for (const auto& kind : layerKindNames())
        QTest::newRow(kind.c_str()) << QString::fromStdString(kind) << "adam" << 0.0;
    QTest::newRow("spectral1/sgd") << "spectral1" << "sgd" << 0.0;
    QTest::newRow("qr/adamax") << "qr" << "adamax" << 0.0;
    QTest::newRow("qr/sparse") << "qr" << "adam" << 0.8;
    QTest::newRow("direct/sparse") << "direct" << "adam" << 0.9;
}

void ModelFileTest::resumeEqualsUninterrupted()
{
    QFETCH(QString, kind);
    QFETCH(QString, optimizer);
    QFETCH(double, sparsity);
    const LayerKind layerKind = parseLayerKind(kind.toStdString());
    const OptimizerKind optimizerKind = parseOptimizer(optimizer.toStdString());

    Model uninterrupted = makeModel(layerKind, optimizerKind, sparsity);
    {
        Trainer trainer(uninterrupted, m_data);
        for (int epoch = 0; epoch < 4; ++epoch)
            trainer.trainEpoch();
    }

    Model first = makeModel(layerKind, optimizerKind, sparsity);
    {
        Trainer trainer(first, m_data);
        trainer.trainEpoch();
        trainer.trainEpoch();
    }
    const std::string path = m_dir.filePath("resume-" + kind + QString::number(sparsity) + ".rcp").toStdString();
    saveModel(first, path);
    Model resumed = loadModel(path);
    {
        Trainer trainer(resumed, m_data);
        trainer.trainEpoch();
        trainer.trainEpoch();
    }
    QCOMPARE(resumed.epoch, 4);
    QVERIFY(snapshot(resumed) == snapshot(uninterrupted));
    QCOMPARE(resumed.random.state(), uninterrupted.random.state());
    QCOMPARE(resumed.optimizer.state().step, uninterrupted.optimizer.state().step);
    QCOMPARE(resumed.history.back().trainLoss, uninterrupted.history.back().trainLoss);
    QCOMPARE(resumed.training.sparsity, sparsity);
}

void ModelFileTest::versionOneFilesLoadAsDense()
{
    // A version 1 file is a version 2 payload without the trailing sparsity.
    const QByteArray good = readBytes(m_goodFile);
    QByteArray payload = good.mid(24, good.size() - 24 - 8);
    const std::uint32_t crc = crc32(std::string_view(payload.constData(), static_cast<std::size_t>(payload.size())));
    QByteArray old = good.left(24) + payload;
    const std::uint32_t version = 1;
    const std::uint64_t length = static_cast<std::uint64_t>(payload.size());
    std::memcpy(old.data() + 8, &version, 4);
    std::memcpy(old.data() + 12, &length, 8);
    std::memcpy(old.data() + 20, &crc, 4);
    const QString path = m_dir.filePath("version1.rcp");
    writeBytes(path, old);
    const Model model = loadModel(path.toStdString());
    QCOMPARE(model.training.sparsity, 0.0);
    QCOMPARE(model.epoch, 1);
}

void ModelFileTest::roundTripKeepsMasksModeAndHistory()
{
    Model model = makeModel(LayerKind::Ssvd, OptimizerKind::Adamax);
    model.network.setTrainMode(TrainMode::Eigenvalues);
    Vector<float> nodes = Vector<float>::Ones(16);
    nodes(3) = 0;
    model.network.setNodeMask(1, nodes);
    Matrix<float> weights = Matrix<float>::Ones(16, 2);
    weights(7, 1) = 0;
    model.network.layer(0).setWeightMask(weights);
    Trainer(model, m_data).trainEpoch();
    model.history.back().testAccuracy = 0.5;
    const std::string path = m_dir.filePath("masks.rcp").toStdString();
    saveModel(model, path);
    Model loaded = loadModel(path);
    QCOMPARE(loaded.network.trainMode(), TrainMode::Eigenvalues);
    QVERIFY(loaded.network.layer(1).nodeMask() == nodes);
    QVERIFY(loaded.network.layer(0).weightMask() == weights);
    QVERIFY(loaded.network.layer(0).effectiveWeights() == model.network.layer(0).effectiveWeights());
    QCOMPARE(loaded.history.size(), std::size_t(1));
    QCOMPARE(loaded.history[0].testAccuracy, 0.5);
    QVERIFY(std::isnan(loaded.history[0].validationAccuracy));
    QCOMPARE(loaded.datasetName, std::string("spirals"));
    QCOMPARE(loaded.training.batchSize, 64);
}

void ModelFileTest::malformedFiles_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("problem");
    const QByteArray good = readBytes(m_goodFile);
    QVERIFY(good.size() > 100);
    QTest::newRow("empty") << QByteArray() << "is empty";
    QTest::newRow("foreign") << QByteArray("PNG\x89 this is not a model at all, just some text......") << "not a Reciprocal model file";
    QTest::newRow("header cut") << good.left(12) << "truncated";
    QTest::newRow("payload cut") << good.left(good.size() / 2) << "truncated";
    QByteArray flipped = good;
    flipped[good.size() - 20] = static_cast<char>(flipped[good.size() - 20] ^ 0x40);
    QTest::newRow("flipped payload byte") << flipped << "checksum mismatch";
    QByteArray badChecksum = good;
    badChecksum[20] = static_cast<char>(badChecksum[20] ^ 0x01);
    QTest::newRow("flipped checksum byte") << badChecksum << "checksum mismatch";
    QByteArray future = good;
    future[8] = 99;
    QTest::newRow("future version") << future << "newer Reciprocal";
    QTest::newRow("trailing bytes") << good + QByteArray("xyz") << "unexpected";
}

void ModelFileTest::malformedFiles()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, problem);
    const QString path = m_dir.filePath("bad.rcp");
    writeBytes(path, contents);
    try {
        loadModel(path.toStdString());
        QFAIL("expected an InputError");
    } catch (const InputError& error) {
        const QString message = QString::fromStdString(error.what());
        QVERIFY2(message.contains(path) && message.contains(problem), qPrintable(message));
    }
}

void ModelFileTest::truncatedAtEveryBoundaryFails()
{
    // Every prefix of the file fails cleanly (never a crash or a silently shorter model).
    const QByteArray good = readBytes(m_goodFile);
    const QString path = m_dir.filePath("prefix.rcp");
    for (qsizetype length = 0; length < good.size(); length += std::max<qsizetype>(1, good.size() / 400)) {
        writeBytes(path, good.left(length));
        QVERIFY_THROWS_EXCEPTION(InputError, loadModel(path.toStdString()));
    }
    QVERIFY_THROWS_EXCEPTION(InputError, loadModel(m_dir.filePath("missing.rcp").toStdString()));
}

void ModelFileTest::unwritablePathFails()
{
    Model model = makeModel(LayerKind::Direct, OptimizerKind::Adam);
    try {
        saveModel(model, m_dir.filePath("no/such/dir/model.rcp").toStdString());
        QFAIL("expected an InputError");
    } catch (const InputError& error) {
        QVERIFY(QString::fromStdString(error.what()).contains("no/such/dir/model.rcp"));
    }
}

QTEST_MAIN(ModelFileTest)
#include "test_model_file.moc"
