#include "app/cli/CommonOptions.h"

#include "app/cli/ArgumentBytes.h"
#include "widgets/QtText.h"

#include "core/Error.h"
#include "core/Format.h"
#include "core/data/DatasetCatalog.h"
#include "core/data/DatasetLoader.h"
#include "core/io/AtomicFile.h"

#include <algorithm>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>

#include <QTextStream>

#include <cmath>
#include <filesystem>

namespace reciprocal::cli {

namespace {

std::string optionText(const QString& name) { return "--" + name.toStdString(); }

// The ranges of the shared options. Where commands used to disagree the widest documented one
// won (seed: train's 0..2e9 over gui's 0..1e9).
constexpr int kMaxSeed = 2'000'000'000;
constexpr double kMaxSparsity = 0.999;
constexpr double kMaxMomentum = 0.999999;

using widgets::qt;

// Names of the data sets with a property, e.g. "mnist, cifar10, csv" for those needing a folder.
QString datasetsWhere(bool DatasetFacts::*property)
{
    std::vector<std::string> names;
    for (const DatasetFacts& facts : allDatasets())
        if (facts.*property)
            names.push_back(facts.name);
    return QString::fromStdString(joinNames(names));
}

} // namespace

CommandParser::CommandParser(const QString& command, const QString& description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    addOption(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout at the end."));
    addOption(QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N"));
    addOption(QStringLiteral("help"), QStringLiteral("Show this help."));
}

CommandParser::~CommandParser() = default;

void CommandParser::addOption(const QString& name, const QString& description, const QString& valueName,
                              const QString& defaultValue)
{
    // QCommandLineParser does not show defaults; users need them in --help.
    const QString shown = defaultValue.isEmpty() ? description
                                                 : description + QStringLiteral(" [default: %1]").arg(defaultValue);
    QCommandLineOption option(name, shown, valueName, defaultValue);
    m_parser.addOption(option);
}

void CommandParser::addSessionOption(const QString& name, const QString& description, const QString& valueName,
                                     const QString& defaultValue)
{
    addOption(name, description, valueName, defaultValue);
    m_sessionOptions.append(name);
}

bool CommandParser::anySessionOptionGiven() const
{
    return std::any_of(m_sessionOptions.begin(), m_sessionOptions.end(),
                       [this](const QString& name) { return m_parser.isSet(name); });
}

void CommandParser::addDatasetOptions(const QString& defaultDataset)
{
    const DatasetSpec defaults;
    m_hasDatasetOptions = true;
    addSessionOption(QStringLiteral("dataset"),
              QStringLiteral("Data set: %1. The generated ones use their teaching preset for every data, network, "
                             "training and optimiser option not given (docs/command-line.md).")
                  .arg(QString::fromStdString(joinNames(datasetNames()))),
              QStringLiteral("NAME"), defaultDataset);
    addSessionOption(QStringLiteral("dataset-dir"),
              QStringLiteral("Directory with the data files (required for %1; default for fashion-mnist: %2).")
                  .arg(datasetsWhere(&DatasetFacts::needsFolder), QString::fromLatin1(kDefaultFashionMnistDirectory)),
              QStringLiteral("DIR"));
    addSessionOption(QStringLiteral("validation"), QStringLiteral("Fraction of the training set held out for validation."),
              QStringLiteral("F"), QStringLiteral("0"));
    addSessionOption(QStringLiteral("train-limit"), QStringLiteral("Use only the first N training samples (0 = all)."),
              QStringLiteral("N"), QStringLiteral("0"));
    addSessionOption(QStringLiteral("test-limit"), QStringLiteral("Use only the first N test samples (0 = all)."),
              QStringLiteral("N"), QStringLiteral("0"));
    addSessionOption(QStringLiteral("samples"), QStringLiteral("Generated 2-D sets: training samples."), QStringLiteral("N"),
              QString::number(defaults.toySamples));
    addSessionOption(QStringLiteral("noise"), QStringLiteral("Generated 2-D sets: noise standard deviation."),
              QStringLiteral("X"), QString::number(defaults.toyNoise));
    addSessionOption(QStringLiteral("classes"),
              QStringLiteral("Generated %1: number of classes.").arg(datasetsWhere(&DatasetFacts::classesChosen)),
              QStringLiteral("N"), QString::number(defaults.toyClasses));
    addSessionOption(QStringLiteral("test-ratio"),
              QStringLiteral("Generated 2-D sets: test samples per training sample, 0.05 to 1."), QStringLiteral("R"),
              QString::number(defaults.toyTestRatio));
    addSessionOption(QStringLiteral("features"),
              QStringLiteral("Generated 2-D sets: extra inputs after x1 and x2, a comma list of x1^2, x2^2, x1*x2, "
                             "sin_x1, sin_x2 (the network's input width grows by one per feature)."),
              QStringLiteral("LIST"));
}

void CommandParser::addArchitectureOptions(const QString& defaultWidths)
{
    const Architecture defaults;
    addWidthsOption(defaultWidths);
    addSessionOption(QStringLiteral("layer"),
              QStringLiteral("Layer kind: spectral2 = two eigenvalue sets, spectral1 = one set, qr = phi=RQ, "
                             "qr-triangular = phi=RQ with R lower-triangular, ssvd = phi=U diag(s) V, direct = plain W (%1).")
                  .arg(choices(layerKindNames())),
              QStringLiteral("KIND"), qt(layerKindName(defaults.layerKind)));
    addSessionOption(QStringLiteral("activation"), QStringLiteral("Hidden activation (%1).").arg(choices(activationNames())),
              QStringLiteral("F"), qt(activationName(defaults.activation)));
    addSessionOption(QStringLiteral("bias"), QStringLiteral("Give every layer a bias (off, as in Buffoni et al.; on in the "
                                                     "generated sets' presets)."));
    addSessionOption(QStringLiteral("no-bias"), QStringLiteral("No bias, also where a preset has one."));
}

void CommandParser::addTrainingOptions()
{
    const TrainingSettings defaults;
    addSessionOption(QStringLiteral("train"),
                     QStringLiteral("Trained group (%1; random-subset: with --layer direct, only --trainable N weights drawn "
                                    "at random train, the rest and the biases keep their initial values).")
                         .arg(choices(trainModeNames())),
                     QStringLiteral("GROUP"), qt(trainModeName(TrainMode::Full)));
    addSessionOption(QStringLiteral("trainable"), QStringLiteral("With --train random-subset: how many weights train."),
                     QStringLiteral("N"));
    addBatchOption(defaults.batchSize);
    addSeedOption(QStringLiteral("initialisation and batch order"));
    QString presets;
    for (const std::string& name : initialisationNames())
        presets += QStringLiteral("\n  %1: %2").arg(qt(name), qt(initialisationSummary(parseInitialisation(name))));
    addSessionOption(QStringLiteral("init"), QStringLiteral("Initialisation preset (papers' draws; see docs/theory.md):%1")
                                                 .arg(presets),
                     QStringLiteral("NAME"), qt(initialisationName(defaults.initialisation)));
    addSessionOption(QStringLiteral("sparsity"),
              QStringLiteral("Dynamic sparse training: mask this fraction of every layer's weights (smallest |W|, "
                             "recomputed every step)."),
              QStringLiteral("F"), QString::number(defaults.sparsity));
    const auto penalty = [this](const char* name, const char* what) {
        addSessionOption(QLatin1String(name),
                         QStringLiteral("Penalty %1, added to the cross-entropy (Keras's convention; docs/theory.md).")
                             .arg(QLatin1String(what)),
                         QStringLiteral("C"), QStringLiteral("0"));
    };
    penalty("l1-eigenvalues", "C sum |lambda| on the trained eigenvalues");
    penalty("l2-eigenvalues", "C sum lambda^2 on the trained eigenvalues");
    penalty("l1-eigenvectors", "C sum |phi| on the trained eigenvector parameters (phi, R of qr, s of ssvd)");
    penalty("l2-eigenvectors", "C sum phi^2 on the trained eigenvector parameters (phi, R of qr, s of ssvd)");
    addSessionOption(QStringLiteral("sparse-masks"),
                     QStringLiteral("With --sparsity: dynamic = masks recomputed every step, static = computed at the "
                                    "first step and kept (%1).")
                         .arg(choices(sparseMasksNames())),
                     QStringLiteral("WHEN"), qt(sparseMasksName(defaults.sparseMasks)));
}

void CommandParser::addOptimizerOptions()
{
    const OptimizerSettings defaults;
    addSessionOption(QStringLiteral("optimizer"), QStringLiteral("Optimizer (%1).").arg(choices(optimizerNames())),
              QStringLiteral("NAME"), qt(optimizerName(defaults.kind)));
    addSessionOption(QStringLiteral("lr"), QStringLiteral("Learning rate (default: 1e-3 for adam/adamax, 1e-2 for sgd)."),
              QStringLiteral("RATE"));
    addSessionOption(QStringLiteral("momentum"), QStringLiteral("SGD momentum."), QStringLiteral("M"),
              QString::number(defaults.momentum));
}

void CommandParser::addWidthsOption(const QString& defaultWidths)
{
    // No default value: a command tells "not given" from any widths (train derives them from the data).
    addSessionOption(QStringLiteral("arch"), QStringLiteral("Layer widths, e.g. 784-500-10 (default: %1).").arg(defaultWidths),
              QStringLiteral("WIDTHS"));
}

void CommandParser::addBatchOption(int defaultBatch)
{
    addSessionOption(QStringLiteral("batch"), QStringLiteral("Mini-batch size."), QStringLiteral("N"),
              QString::number(defaultBatch));
}

void CommandParser::addSeedOption(const QString& whatItSeeds)
{
    addSessionOption(QStringLiteral("seed"), QStringLiteral("Random seed (%1).").arg(whatItSeeds), QStringLiteral("N"),
              QString::number(TrainingSettings{}.seed));
}

bool CommandParser::parse(const QStringList& arguments, int positionalArguments)
{
    if (!m_parser.parse(arguments))
        throw InputError(m_command.toStdString() + ": " + m_parser.errorText().toStdString());
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString help = m_parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: reciprocal %1 [options]").arg(m_command));
        QTextStream(stdout) << help;
        return false;
    }
    const QStringList positional = m_parser.positionalArguments();
    // QCommandLineParser takes arguments[0] (the subcommand) as the program name.
    if (positional.size() > positionalArguments)
        throw InputError(m_command.toStdString() + ": unexpected argument '" +
                         positional.at(positionalArguments).toStdString() + "'");
    const int cores = oneapi::tbb::info::default_concurrency();
    m_threads = m_parser.isSet(QStringLiteral("threads")) ? integer(QStringLiteral("threads"), 1, 1024) : cores;
    m_threadLimit = std::make_unique<oneapi::tbb::global_control>(
        oneapi::tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(m_threads));
    return true;
}

std::string CommandParser::positional(int index, const std::string& what) const
{
    const QStringList positional = m_parser.positionalArguments();
    if (positional.size() <= index)
        throw InputError(m_command.toStdString() + ": " + what + " is required");
    return bytesOfArgument(positional.at(index));
}

std::string CommandParser::text(const QString& name) const
{
    if (m_parser.isSet(name) && m_parser.value(name).isEmpty())
        throw InputError(m_command.toStdString() + ": " + optionText(name) + " needs a value, got an empty one");
    return bytesOfArgument(m_parser.value(name));
}

std::vector<std::string> CommandParser::texts(const QString& name) const
{
    std::vector<std::string> result;
    for (const QString& value : m_parser.values(name)) {
        if (value.isEmpty())
            throw InputError(m_command.toStdString() + ": " + optionText(name) + " needs a value, got an empty one");
        result.push_back(bytesOfArgument(value));
    }
    return result;
}

std::string CommandParser::requiredText(const QString& name) const
{
    if (!m_parser.isSet(name) || m_parser.value(name).isEmpty())
        throw InputError(m_command.toStdString() + ": " + optionText(name) + " is required");
    return text(name);
}

int CommandParser::integer(const QString& name, int minimum, int maximum) const
{
    bool ok = false;
    const long long value = m_parser.value(name).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        throw InputError(optionText(name) + " must be an integer in " + std::to_string(minimum) + ".." +
                         std::to_string(maximum) + " (got '" + text(name) + "')");
    return static_cast<int>(value);
}

double CommandParser::real(const QString& name, double minimum, double maximum) const
{
    bool ok = false;
    const double value = m_parser.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < minimum || value > maximum)
        throw InputError(optionText(name) + " must be a number in [" + formatNumber(minimum) + ", " +
                         formatNumber(maximum) + "] (got '" + text(name) + "')");
    return value;
}

const TeachingPreset* CommandParser::preset() const
{
    return m_hasDatasetOptions ? teachingPreset(text(QStringLiteral("dataset"))) : nullptr;
}

DatasetSpec CommandParser::datasetSpec(const std::optional<std::string>& name) const
{
    DatasetSpec spec;
    spec.name = name && !m_parser.isSet(QStringLiteral("dataset")) ? *name : text(QStringLiteral("dataset"));
    const TeachingPreset* preset = teachingPreset(spec.name);
    spec.directory = text(QStringLiteral("dataset-dir"));
    spec.validationFraction = real(QStringLiteral("validation"), 0.0, kMaxValidationFraction);
    spec.trainLimit = integer(QStringLiteral("train-limit"), 0, kMaxSampleLimit);
    spec.testLimit = integer(QStringLiteral("test-limit"), 0, kMaxSampleLimit);
    spec.toySamples = preset && !isSet(QStringLiteral("samples"))
                          ? preset->samples
                          : integer(QStringLiteral("samples"), kMinToySamples, kMaxToySamples);
    spec.toyNoise = preset && !isSet(QStringLiteral("noise")) ? preset->noise
                                                               : real(QStringLiteral("noise"), 0.0, kMaxToyNoise);
    spec.toyClasses = integer(QStringLiteral("classes"), kMinToyClasses, kMaxToyClasses);
    spec.toyTestRatio = real(QStringLiteral("test-ratio"), kMinToyTestRatio, kMaxToyTestRatio);
    spec.toyFeatures = parsePlaneFeatures(bytesOfArgument(m_parser.value(QStringLiteral("features"))));
    return spec;
}

std::optional<std::vector<int>> CommandParser::widths() const
{
    if (!m_parser.isSet(QStringLiteral("arch")))
        return std::nullopt;
    return parseWidths(text(QStringLiteral("arch")));
}

std::vector<int> CommandParser::networkWidths(const std::vector<int>& defaultWidths) const
{
    const TeachingPreset* taught = preset();
    return widths().value_or(taught ? presetWidths(*taught, datasetSpec()) : defaultWidths);
}

Architecture CommandParser::architecture(const std::vector<int>& defaultWidths) const
{
    const TeachingPreset* taught = preset();
    if (isSet(QStringLiteral("bias")) && isSet(QStringLiteral("no-bias")))
        throw InputError(m_command.toStdString() + ": --bias and --no-bias contradict each other");
    Architecture architecture;
    architecture.widths = networkWidths(defaultWidths);
    architecture.layerKind = parseLayerKind(text(QStringLiteral("layer")));
    architecture.activation = taught && !isSet(QStringLiteral("activation"))
                                  ? taught->activation
                                  : parseActivation(text(QStringLiteral("activation")));
    architecture.bias = isSet(QStringLiteral("bias")) || (taught && taught->bias && !isSet(QStringLiteral("no-bias")));
    return architecture;
}

bool CommandParser::randomSubset() const { return text(QStringLiteral("train")) == "random-subset"; }

TrainMode CommandParser::trainMode() const
{
    // Random-subset training trains W in full, through the subset's gradient mask.
    return randomSubset() ? TrainMode::Full : parseTrainMode(text(QStringLiteral("train")));
}

int CommandParser::batchSize() const { return integer(QStringLiteral("batch"), 1, maximumBatchSize); }

std::uint64_t CommandParser::seed() const
{
    return static_cast<std::uint64_t>(integer(QStringLiteral("seed"), 0, kMaxSeed));
}

int CommandParser::trainingBatchSize() const
{
    return preset() && !isSet(QStringLiteral("batch")) ? preset()->batchSize : batchSize();
}

TrainingSettings CommandParser::trainingSettings() const
{
    TrainingSettings training;
    training.batchSize = trainingBatchSize();
    training.seed = seed();
    training.sparsity = real(QStringLiteral("sparsity"), 0.0, kMaxSparsity);
    training.initialisation = parseInitialisation(text(QStringLiteral("init")));
    if (randomSubset() != isSet(QStringLiteral("trainable")))
        throw InputError(m_command.toStdString() + ": --train random-subset and --trainable N go together");
    if (randomSubset())
        training.trainableSubset = integer(QStringLiteral("trainable"), 1, std::numeric_limits<int>::max());
    training.sparseMasks = parseSparseMasks(text(QStringLiteral("sparse-masks")));
    training.regularisation = {real(QStringLiteral("l1-eigenvalues"), 0.0, maximumRegularisation),
                               real(QStringLiteral("l2-eigenvalues"), 0.0, maximumRegularisation),
                               real(QStringLiteral("l1-eigenvectors"), 0.0, maximumRegularisation),
                               real(QStringLiteral("l2-eigenvectors"), 0.0, maximumRegularisation)};
    return training;
}

OptimizerSettings CommandParser::optimizerSettings(const std::optional<OptimizerSettings>& continued) const
{
    OptimizerSettings settings = continued.value_or(OptimizerSettings{});
    if (!continued && preset() && !isSet(QStringLiteral("optimizer"))) {
        settings.kind = preset()->optimizer;
        settings.learningRate = preset()->learningRate;
    } else if (isSet(QStringLiteral("optimizer")) || !continued) {
        settings.kind = parseOptimizer(text(QStringLiteral("optimizer")));
        settings.learningRate = defaultLearningRate(settings.kind);
    }
    if (isSet(QStringLiteral("lr")))
        settings.learningRate = real(QStringLiteral("lr"), minimumLearningRate, maximumLearningRate);
    if (isSet(QStringLiteral("momentum")) || !continued)
        settings.momentum = real(QStringLiteral("momentum"), 0.0, kMaxMomentum);
    validate(settings);
    return settings;
}

void checkWritable(const std::string& path)
{
    const auto directory = std::filesystem::absolute(path).parent_path();
    if (!std::filesystem::is_directory(directory))
        throw InputError("cannot write '" + path + "': directory '" + directory.string() + "' does not exist");
    if (std::filesystem::is_directory(path))
        throw InputError("cannot write '" + path + "': it is a directory");
    refuseSpecialTarget(path);
}

std::string joinNames(const std::vector<std::string>& names, const std::string& separator)
{
    std::string text;
    for (const auto& name : names) {
        if (!text.empty())
            text += separator;
        text += name;
    }
    return text;
}

QString choices(const std::vector<std::string>& names) { return QString::fromStdString(joinNames(names, "|")); }

} // namespace reciprocal::cli
