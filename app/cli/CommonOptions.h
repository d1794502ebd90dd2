#pragma once

#include "core/data/DatasetSpec.h"
#include "core/network/Architecture.h"
#include "core/training/Model.h"
#include "core/training/TeachingPresets.h"

#include <oneapi/tbb/global_control.h>

#include <QCommandLineParser>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace reciprocal::cli {

// The parser of one subcommand, with the options every subcommand shares (--json, --threads,
// --help), the option groups several share (data set, architecture, training, optimiser) and
// typed, range-checked accessors. Each shared option has one help text and one range, here, so
// every command spells and limits it alike. Every accessor throws InputError with a message
// naming the option, so a bad value ends in exit code 2 before anything is computed or written.
class CommandParser {
public:
    CommandParser(const QString& command, const QString& description);
    ~CommandParser();

    void addOption(const QString& name, const QString& description, const QString& valueName = {},
                   const QString& defaultValue = {});
    // --dataset, --dataset-dir, --validation, --train-limit, --test-limit and the toy-set options.
    void addDatasetOptions(const QString& defaultDataset);
    // --arch, --layer, --activation, --bias: what the network is made of. `defaultWidths` tells
    // --help what the command uses without --arch.
    void addArchitectureOptions(const QString& defaultWidths);
    // --train, --batch, --seed, --sparsity: how it trains.
    void addTrainingOptions();
    // --optimizer, --lr, --momentum.
    void addOptimizerOptions();
    // Single options of those groups, for commands that take only them: --arch (bench), --batch
    // with the command's own default (bench), --seed for what the command draws at random (prune,
    // sweep).
    void addWidthsOption(const QString& defaultWidths);
    void addBatchOption(int defaultBatch);
    void addSeedOption(const QString& whatItSeeds);

    // Parses arguments (the subcommand name first). Returns false when --help was shown; the
    // command then exits successfully. Applies --threads for the rest of the process.
    bool parse(const QStringList& arguments, int positionalArguments = 0);
    // The i-th positional argument after the subcommand; throws InputError naming `what` if absent.
    std::string positional(int index, const std::string& what) const;
    int positionalCount() const { return static_cast<int>(m_parser.positionalArguments().size()); }

    bool json() const { return m_parser.isSet(QStringLiteral("json")); }
    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    // Whether any option of the data, network, training or optimiser groups was given.
    bool anySessionOptionGiven() const;
    // The option's value, empty when it is not given; throws InputError when it is given empty
    // (`--out ""` was once silently ignored).
    std::string text(const QString& name) const;
    std::string requiredText(const QString& name) const;
    // Every value of an option given several times, in order.
    std::vector<std::string> texts(const QString& name) const;
    int integer(const QString& name, int minimum, int maximum) const;
    double real(const QString& name, double minimum, double maximum) const;
    // The teaching preset of --dataset (a generated set), which stands in for every option of the
    // data, the network, the training and the optimiser that is not given; nullptr otherwise.
    const TeachingPreset* preset() const;
    // The data set options as a spec; `name` overrides --dataset when given (e.g. a model's data set).
    DatasetSpec datasetSpec(const std::optional<std::string>& name = std::nullopt) const;
    // --arch, if given.
    std::optional<std::vector<int>> widths() const;
    // --arch, else the preset's widths for the data set, else `defaultWidths`.
    std::vector<int> networkWidths(const std::vector<int>& defaultWidths) const;
    // The architecture options; `defaultWidths` without --arch.
    Architecture architecture(const std::vector<int>& defaultWidths) const;
    TrainMode trainMode() const;
    // --train random-subset (which trains W through a subset mask, so trainMode() says full).
    bool randomSubset() const;
    int batchSize() const;
    // --batch, else the preset's batch size, else the option's default.
    int trainingBatchSize() const;
    std::uint64_t seed() const;
    // --batch, --seed and --sparsity. The optimiser is optimizerSettings()'s alone: it follows
    // its own rules for a resumed model, so this leaves `optimizer` at its default.
    TrainingSettings trainingSettings() const;
    // --optimizer, --lr, --momentum, validated. A new run takes every option or its default (the
    // learning rate: the optimiser's); a `continued` run (a resumed model's settings) keeps what
    // the options given do not change, and a new --optimizer resets the learning rate.
    OptimizerSettings optimizerSettings(const std::optional<OptimizerSettings>& continued = std::nullopt) const;
    int threads() const { return m_threads; }

private:
    // An option of those groups.
    void addSessionOption(const QString& name, const QString& description, const QString& valueName = {},
                          const QString& defaultValue = {});

    QString m_command;
    QCommandLineParser m_parser;
    std::unique_ptr<oneapi::tbb::global_control> m_threadLimit;
    int m_threads = 0;
    bool m_hasDatasetOptions = false;
    QStringList m_sessionOptions;
};

// Throws InputError unless a file can be created at path (its directory exists, it is no directory
// and no device or FIFO),
// so a run fails before it computes anything it could not save.
void checkWritable(const std::string& path);

// "a, b, c" (or with another separator).
std::string joinNames(const std::vector<std::string>& names, const std::string& separator = ", ");
// "a|b|c": the values an option accepts, for its help text.
QString choices(const std::vector<std::string>& names);

} // namespace reciprocal::cli
