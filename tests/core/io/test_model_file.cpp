// SPDX-License-Identifier: MIT
// Model files: save -> load -> continue equals uninterrupted training bit for bit, for every layer
// kind and optimizer; every malformed file gives a clear error naming the file; a save killed at
// any moment leaves one of the complete models.
#include "core/Error.h"
#include "core/data/ToyDatasets.h"
#include "core/io/BinaryWriter.h"
#include "core/io/Checksum.h"
#include "core/io/Container.h"
#include "core/io/ModelFile.h"
#include "core/io/WeightMagnitudeTable.h"
#include "core/training/Trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <clocale>
#include <csignal>
#include <cstring>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

using namespace reciprocal;

namespace {

Model makeModel(LayerKind kind, OptimizerKind optimizer, double sparsity = 0.0,
                std::vector<int> widths = {2, 16, 16, 3})
{
    TrainingSettings settings;
    settings.sparsity = sparsity;
    settings.batchSize = 64;
    settings.seed = 21;
    return Model::create(Architecture{std::move(widths), kind, Activation::Elu, true}, TrainMode::Full, settings,
                         "spirals", {optimizer, defaultLearningRate(optimizer)});
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

// The message loadModel throws for path, or a marker no message contains.
QString loadError(const QString& path)
{
    try {
        loadModel(path.toStdString());
    } catch (const InputError& error) {
        return QString::fromStdString(error.what());
    }
    return QStringLiteral("<no InputError thrown>");
}

} // namespace

class ModelFileTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resumeEqualsUninterrupted_data();
    void resumeEqualsUninterrupted();
    void roundTripKeepsMasksModeAndHistory();
    void olderVersionsLoad();
    void presetsRoundTrip();
    void triangularRWithEntriesAboveItsDiagonalIsRefused();
    void heldParametersRoundTripAndStayHeld();
    void malformedFiles_data();
    void malformedFiles();
    void truncatedAtEveryBoundaryFails();
    void payloadCutAtEveryByteFails();
    void absurdArchitectureIsRefusedBeforeAllocating();
    void unwritablePathFails();
    void saveSurvivesSigkillAtAnyMoment();
    void weightTableHoldsEveryWeightInAnyLocale();
    void poisonedResumeStateIsRefused_data();
    void poisonedResumeStateIsRefused();
    void nonFiniteModelIsNotSaved();

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

// A qr-triangular layer's R is 0 above its diagonal; a file that says otherwise is not such a layer.
void ModelFileTest::triangularRWithEntriesAboveItsDiagonalIsRefused()
{
    Model model = makeModel(LayerKind::QrTriangular, OptimizerKind::Adam);
    const std::string good = m_dir.filePath("triangular.rcp").toStdString();
    saveModel(model, good);
    QCOMPARE(loadModel(good).network.totalParameterCount(), model.network.totalParameterCount());
    for (auto& parameter : model.network.layer(1).parameters())
        if (parameter.name == "R")
            (*parameter.value)(0, 1) = 0.5f;
    const std::string bad = m_dir.filePath("triangular-bad.rcp").toStdString();
    saveModel(model, bad);
    try {
        loadModel(bad);
        QFAIL("loaded an R with an entry above its diagonal");
    } catch (const InputError& error) {
        QVERIFY2(std::string(error.what()).find("layer 2 R has entries above its diagonal") != std::string::npos, error.what());
    }
}

// Format 4 keeps how the network was drawn, when its sparse masks are computed and the penalties.
void ModelFileTest::presetsRoundTrip()
{
    TrainingSettings settings;
    settings.sparsity = 0.5;
    settings.sparseMasks = SparseMasks::Static;
    settings.initialisation = Initialisation::PreSparseQr;
    settings.regularisation = {1e-4, 0.0, 0.0, 2e-3};
    const Model model = Model::create(Architecture{{2, 8, 3}, LayerKind::Qr, Activation::Tanh, true}, TrainMode::Full,
                                      settings, "spirals", {});
    const std::string path = m_dir.filePath("presets.rcp").toStdString();
    saveModel(model, path);
    QVERIFY(loadModel(path).training == settings);
}

// A version 3 file is a version 4 payload without the trailing initialisation, mask schedule
// ("default" and "dynamic" here, each a u32 length and its bytes), four penalties (f64) and the
// trainable subset (i64), a
// version 2 file one without
// the held-parameter count (0 here) before them too, a version 1 file one without the sparsity too.
void ModelFileTest::olderVersionsLoad()
{
    const QByteArray good = readBytes(m_goodFile);
    const int presets = 4 + 7 + 4 + 7 + 4 * 8 + 8;
    for (const std::uint32_t version : {1u, 2u, 3u}) {
        const int trailing = presets + (version == 1 ? 4 + 8 : version == 2 ? 4 : 0);
        QByteArray payload = good.mid(24, good.size() - 24 - trailing);
        const std::uint32_t crc =
            crc32(std::string_view(payload.constData(), static_cast<std::size_t>(payload.size())));
        QByteArray old = good.left(24) + payload;
        const std::uint64_t length = static_cast<std::uint64_t>(payload.size());
        std::memcpy(old.data() + 8, &version, 4);
        std::memcpy(old.data() + 12, &length, 8);
        std::memcpy(old.data() + 20, &crc, 4);
        const QString path = m_dir.filePath(QString("version%1.rcp").arg(version));
        writeBytes(path, old);
        const Model model = loadModel(path.toStdString());
        QCOMPARE(model.training.sparsity, 0.0);
        QCOMPARE(model.epoch, 1);
        QVERIFY(model.held.empty());
        QCOMPARE(model.training.initialisation, Initialisation::Default);
        QCOMPARE(model.training.sparseMasks, SparseMasks::Dynamic);
        QVERIFY(!model.training.regularisation.any());
    }
}

// Held (frozen) parameters are part of the run: they are saved, and a resumed run keeps them still.
void ModelFileTest::heldParametersRoundTripAndStayHeld()
{
    Model model = makeModel(LayerKind::Spectral2, OptimizerKind::Adam);
    model.held = {{1, 3, NodeParameter::OutputEigenvalue}, {2, 5, NodeParameter::InputEigenvalue}};
    const std::string path = m_dir.filePath("held.rcp").toStdString();
    saveModel(model, path);
    Model loaded = loadModel(path);
    QVERIFY(loaded.held == model.held);
    const std::vector<ParameterEdit> before = heldValues(loaded.network, loaded.held);
    Trainer(loaded, m_data).trainEpoch();
    QVERIFY(heldValues(loaded.network, loaded.held) == before);

    for (const auto& [held, message] : std::vector<std::pair<HeldParameters, std::string>>{
             {{{1, 99, NodeParameter::OutputEigenvalue}}, "held parameters: layer 1 has no lam_out of node 99"},
             {{{1, 0, NodeParameter::Bias}, {1, 0, NodeParameter::Bias}}, "a parameter is held twice"}}) {
        model.held = held;
        saveModel(model, path);
        const QString error = loadError(QString::fromStdString(path));
        QVERIFY2(error.contains(QString::fromStdString(message)) && !error.contains('\n'), qPrintable(error));
    }
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

// A cut payload in an intact container (length and checksum rewritten to match), so the parser
// itself meets the end of the data: at every byte, and therefore at every section boundary, the
// error is one line naming the file.
void ModelFileTest::payloadCutAtEveryByteFails()
{
    const QByteArray good = readBytes(m_goodFile);
    const std::string payload = good.mid(containerHeaderSize).toStdString();
    const QString path = m_dir.filePath("cut.rcp");
    for (std::size_t length = 0; length < payload.size(); ++length) {
        const std::string_view cut = std::string_view(payload).substr(0, length);
        BinaryWriter file; // the container header (see Container.h), without writeContainer's fsyncs
        file.writeBytes("RCPMODEL");
        file.writeU32(modelFormatVersion);
        file.writeU64(cut.size());
        file.writeU32(crc32(cut));
        file.writeBytes(cut);
        writeBytes(path, QByteArray::fromStdString(file.bytes()));
        const QString message = loadError(path);
        QVERIFY2(message.startsWith("model file '" + path + "' is malformed: ") && !message.contains('\n'),
                 qPrintable(QString("cut at %1: %2").arg(length).arg(message)));
    }
}

// Widths of 2^20 in a few valid bytes: refused from the payload size, not by running out of memory.
void ModelFileTest::absurdArchitectureIsRefusedBeforeAllocating()
{
    BinaryWriter payload;
    payload.writeU32(4);
    for (const int width : {2, 1 << 20, 1 << 20, 3})
        payload.writeI32(width);
    payload.writeString("spectral2");
    payload.writeString("tanh");
    payload.writeU8(0);
    payload.writeString("full");
    payload.writeBytes(std::string(1000, '\0'));
    const QString path = m_dir.filePath("absurd.rcp");
    writeContainer(path.toStdString(), "RCPMODEL", modelFormatVersion, payload.bytes());
    QElapsedTimer timer;
    timer.start();
    const QString message = loadError(path);
    QVERIFY2(message.contains(path) &&
                 message.contains("architecture 2-1048576-1048576-3 spectral2 has 1.09952e+12 parameters, more "
                                  "than the 1000 bytes left can hold"),
             qPrintable(message));
    QVERIFY(timer.elapsed() < 1000);
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

// A child saves two different real models alternately, as fast as it can; the parent SIGKILLs it at
// random moments. After every kill the file must load and be exactly one of the two models.
void ModelFileTest::saveSurvivesSigkillAtAnyMoment()
{
    // Large enough (about 2 MB each) that a kill often lands mid-write; different kinds, so a torn
    // or mixed file could not pass for either.
    std::array<Model, 2> models{makeModel(LayerKind::Spectral2, OptimizerKind::Adam, 0.0, {2, 400, 400, 3}),
                                makeModel(LayerKind::Direct, OptimizerKind::Sgd, 0.0, {2, 600, 400, 3})};
    for (Model& model : models)
        Trainer(model, m_data).trainEpoch(); // fills the optimizer's moments
    const std::array<std::vector<Matrix<float>>, 2> expected{snapshot(models[0]), snapshot(models[1])};

    QTemporaryDir dir;
    const QString path = dir.filePath("model.rcp");
    QElapsedTimer saving;
    saving.start();
    for (const int which : {1, 0})
        saveModel(models[which], path.toStdString());
    const auto saveMicroseconds = static_cast<int>(saving.nsecsElapsed() / 2000);

    // The kill comes after 1 to 4 completed saves (the child reports each on a pipe), then within
    // about the next two saves (a forked child saves somewhat slower than the parent timed): so both
    // models turn up, however fast this file system is.
    std::mt19937 random(2024);
    std::uniform_int_distribution<int> completedSaves(1, 4);
    std::uniform_int_distribution<int> delayMicroseconds(0, 2 * saveMicroseconds);
    std::array<int, 2> seen{0, 0};
    int temporaries = 0;
    const int kills = 60; // about 1 in 4 lands while the temporary file is being written
    QElapsedTimer timer;
    timer.start();
    for (int attempt = 0; attempt < kills; ++attempt) {
        int report[2];
        QCOMPARE(::pipe(report), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // Never return into the test framework: the child ends by SIGKILL or _exit.
            ::close(report[0]);
            for (std::size_t i = 1;; ++i) {
                try {
                    saveModel(models[i % 2], path.toStdString());
                } catch (...) {
                    ::_exit(3);
                }
                if (::write(report[1], "s", 1) != 1)
                    ::_exit(4);
            }
        }
        // No check may return before the child is killed, or it would go on saving for ever.
        ::close(report[1]);
        bool reported = true;
        for (int saves = completedSaves(random); saves > 0 && reported; --saves) {
            char byte = 0;
            reported = ::read(report[0], &byte, 1) == 1;
        }
        ::usleep(static_cast<useconds_t>(delayMicroseconds(random)));
        ::kill(child, SIGKILL);
        int status = 0;
        const pid_t waited = ::waitpid(child, &status, 0);
        ::close(report[0]);
        QCOMPARE(waited, child);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && reported, "the saving child failed on its own");

        Model loaded = loadModel(path.toStdString());
        const std::vector<Matrix<float>> parameters = snapshot(loaded);
        const int which = parameters == expected[0] ? 0 : parameters == expected[1] ? 1 : -1;
        QVERIFY2(which >= 0, qPrintable(QString("after kill %1 the file holds neither model").arg(attempt)));
        QCOMPARE(loaded.network.architecture().widths, models[which].network.architecture().widths);
        QCOMPARE(loaded.optimizer.state().step, models[which].optimizer.state().step);
        ++seen[static_cast<std::size_t>(which)];

        // A killed save leaves its partly written temporary file. The child's completed saves
        // removed those of the children killed before it, so only its own may remain.
        QStringList leftovers = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(leftovers.removeOne("model.rcp"));
        QVERIFY2(leftovers.isEmpty() ||
                     (leftovers.size() == 1 && leftovers[0].startsWith(QString("model.rcp.tmp-%1-").arg(child))),
                 qPrintable(leftovers.join(", ")));
        temporaries += static_cast<int>(leftovers.size());
    }
    qInfo("%d kills in %lld ms (a save takes %d us): model 0 found %d times, model 1 %d times; %d killed saves "
          "left a temporary file",
          kills, static_cast<long long>(timer.elapsed()), saveMicroseconds, seen[0], seen[1], temporaries);
    // Both models were written and some kills landed mid-write, or the test proved nothing.
    QVERIFY(seen[0] > 0 && seen[1] > 0);
    QVERIFY(temporaries > 0);
}

// The masks view's data export: every |W|, one tidy row each, numbers that parse back exactly, also
// when the user's locale writes decimal commas; networks too large for a table are refused.
void ModelFileTest::weightTableHoldsEveryWeightInAnyLocale()
{
    Network<float> network(Architecture{{5, 4, 3}, LayerKind::Spectral2, Activation::Tanh, false});
    Random random(2);
    network.initialise(random);
    Vector<float> mask = Vector<float>::Ones(4);
    mask(2) = 0.0f;
    network.setNodeMask(0, mask);
    const char* previous = std::setlocale(LC_ALL, nullptr);
    const std::string saved = previous ? previous : "C";
    const bool german = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
    const std::string table = weightMagnitudeTable(network);
    std::setlocale(LC_ALL, saved.c_str());
    if (!german)
        qInfo("de_DE.UTF-8 is not installed here; checked in the current locale only");
    const QStringList lines = QString::fromStdString(table).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.front(), QStringLiteral("transfer,receiving,emitting,abs_w"));
    QCOMPARE(lines.size(), 1 + 4 * 5 + 3 * 4);
    for (int line = 1; line < lines.size(); ++line) {
        const QStringList cells = lines[line].split(QLatin1Char(','));
        QCOMPARE(cells.size(), 4);
        const int k = cells[0].toInt();
        const float expected = std::abs(network.layer(k).effectiveWeights()(cells[1].toInt(), cells[2].toInt()));
        QCOMPARE(std::strtof(cells[3].toLatin1().constData(), nullptr), expected);
        if (k == 0 && cells[1].toInt() == 2)
            QCOMPARE(expected, 0.0f); // the masked node's row
    }
    const Network<float> huge(Architecture{{784, 25600, 1}, LayerKind::Direct, Activation::Tanh, false}); // 20.1e6
    QVERIFY_THROWS_EXCEPTION(InputError, weightMagnitudeTable(huge));
}

// A model file whose checksum is right but whose optimiser state or settings are out of range: each
// was once resumed, trained "successfully" and saved into a model that eval then refused. The
// payload is patched where the saved bytes of the field are, and the container rewritten to match.
void ModelFileTest::poisonedResumeStateIsRefused_data()
{
    QTest::addColumn<QString>("poison");
    QTest::addColumn<QString>("problem");
    QTest::newRow("learning rate 1e300") << "lr" << "learning rate must be a number in";
    QTest::newRow("epsilon infinite") << "epsilon" << "epsilon must be in (0, 1]";
    QTest::newRow("step near 2^63") << "step" << "beyond 2^50";
    QTest::newRow("NaN second moment") << "nan moment" << "second moments hold NaN";
    QTest::newRow("negative second moment") << "negative moment" << "second moments hold NaN, infinite or negative";
    QTest::newRow("moments of another network") << "shapes" << "optimizer moments";
    QTest::newRow("batch 2^31 - 1") << "batch" << "batch size 2147483647 is outside";
    QTest::newRow("epoch 2^31 - 1") << "epoch" << "epoch 2147483647 is outside";
}

void ModelFileTest::poisonedResumeStateIsRefused()
{
    QFETCH(QString, poison);
    QFETCH(QString, problem);
    Model model = makeModel(LayerKind::Spectral2, OptimizerKind::Adam);
    Trainer(model, m_data).trainEpoch(); // moments and a step count to poison
    if (poison == "shapes") {
        Model other = makeModel(LayerKind::Spectral2, OptimizerKind::Adam, 0.0, {2, 9, 3});
        Trainer(other, m_data).trainEpoch();
        model.optimizer.setState(other.optimizer.state());
    }
    if (poison == "batch")
        model.training.batchSize = std::numeric_limits<int>::max();
    if (poison == "epoch")
        model.epoch = std::numeric_limits<int>::max();
    const QString path = m_dir.filePath("poisoned.rcp");
    saveModel(model, path.toStdString());
    std::string payload = readBytes(path).mid(containerHeaderSize).toStdString();
    const auto patch = [&](const std::string& found, const std::string& replacement) {
        const auto at = payload.find(found);
        QVERIFY2(at != std::string::npos && payload.find(found, at + 1) == std::string::npos, "a unique pattern");
        payload.replace(at, found.size(), replacement);
    };
    const auto& settings = model.optimizer.settings();
    const auto& state = model.optimizer.state();
    const auto settingsBytes = [&](double learningRate, double epsilon, std::int64_t step) {
        BinaryWriter out;
        out.writeString("adam");
        for (const double value : {learningRate, settings.momentum, settings.beta1, settings.beta2, epsilon})
            out.writeF64(value);
        out.writeI64(step);
        return out.bytes();
    };
    const auto matrixBytes = [](const Matrix<float>& matrix) {
        BinaryWriter out;
        out.writeMatrix(matrix);
        return out.bytes();
    };
    const std::string saved = settingsBytes(settings.learningRate, settings.epsilon, state.step);
    if (poison == "lr")
        patch(saved, settingsBytes(1e300, settings.epsilon, state.step));
    if (poison == "epsilon")
        patch(saved, settingsBytes(settings.learningRate, std::numeric_limits<double>::infinity(), state.step));
    if (poison == "step")
        patch(saved, settingsBytes(settings.learningRate, settings.epsilon, std::numeric_limits<std::int64_t>::max() - 5));
    if (poison.endsWith("moment")) {
        Matrix<float> moment = state.second.back();
        const std::string before = matrixBytes(moment);
        moment(0, 0) = poison == "nan moment" ? std::numeric_limits<float>::quiet_NaN() : -1.0f;
        patch(before, matrixBytes(moment));
    }
    writeContainer(path.toStdString(), "RCPMODEL", modelFormatVersion, payload);
    const QString message = loadError(path);
    QVERIFY2(message.contains(path) && message.contains(problem), qPrintable(message));
}

// A model holding NaN (a diverged run) is not written: the file that was there stays.
void ModelFileTest::nonFiniteModelIsNotSaved()
{
    Model model = makeModel(LayerKind::Spectral2, OptimizerKind::Adam);
    const QString path = m_dir.filePath("kept.rcp");
    saveModel(model, path.toStdString());
    const QByteArray before = readBytes(path);
    (*model.network.parameters().front().value)(0, 0) = std::numeric_limits<float>::quiet_NaN();
    QVERIFY_THROWS_EXCEPTION(DivergenceError, saveModel(model, path.toStdString()));
    QCOMPARE(readBytes(path), before);
}

QTEST_MAIN(ModelFileTest)
#include "test_model_file.moc"
