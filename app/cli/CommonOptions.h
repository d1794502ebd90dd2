#pragma once

#include "core/data/DatasetSpec.h"

#include <oneapi/tbb/global_control.h>

#include <QCommandLineParser>
#include <QString>

#include <memory>
#include <optional>

namespace reciprocal::cli {

// The parser of one subcommand, with the options every subcommand shares (--json, --threads,
// --help) and typed, range-checked accessors. Every accessor throws InputError with a message
// naming the option, so a bad value ends in exit code 2 before anything is computed or written.
class CommandParser {
public:
    CommandParser(const QString& command, const QString& description);
    ~CommandParser();

    void addOption(const QString& name, const QString& description, const QString& valueName = {},
                   const QString& defaultValue = {});
    // --dataset, --dataset-dir, --validation, --train-limit, --test-limit and the toy-set options.
    void addDatasetOptions(const QString& defaultDataset);

    // Parses arguments (the subcommand name first). Returns false when --help was shown; the
    // command then exits successfully. Applies --threads for the rest of the process.
    bool parse(const QStringList& arguments, int positionalArguments = 0);
    // The i-th positional argument after the subcommand; throws InputError naming `what` if absent.
    std::string positional(int index, const std::string& what) const;

    bool json() const { return m_parser.isSet(QStringLiteral("json")); }
    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    std::string text(const QString& name) const { return m_parser.value(name).toStdString(); }
    std::string requiredText(const QString& name) const;
    int integer(const QString& name, int minimum, int maximum) const;
    double real(const QString& name, double minimum, double maximum) const;
    // The data set options as a spec; `name` overrides --dataset when given (e.g. a model's data set).
    DatasetSpec datasetSpec(const std::optional<std::string>& name = std::nullopt) const;
    int threads() const { return m_threads; }

private:
    QString m_command;
    QCommandLineParser m_parser;
    std::unique_ptr<oneapi::tbb::global_control> m_threadLimit;
    int m_threads = 0;
};

// Throws InputError unless a file can be created at path (its directory exists, it is no directory),
// so a run fails before it computes anything it could not save.
void checkWritable(const std::string& path);

// "a, b, c" (or with another separator).
std::string joinNames(const std::vector<std::string>& names, const std::string& separator = ", ");

} // namespace reciprocal::cli
