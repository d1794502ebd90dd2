#include "core/experiments/SlurmJob.h"

#include "core/Error.h"

#include <algorithm>
#include <filesystem>

namespace reciprocal {

namespace {

constexpr int maximumTasks = 100000;

bool safeInPath(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte != 0x7f && std::string_view(" \t'\"$`\\").find(c) == std::string_view::npos;
}

void checkPath(const std::string& what, const std::string& path)
{
    if (!std::ranges::all_of(path, safeInPath))
        throw InputError(what + " '" + path + "' cannot go into a Slurm script: use a path without white space, "
                         "quotes, '$', '`', '\\' or control characters");
}

// Digits, the characters allowed and, unless it is a time, letters.
void checkWord(const std::string& what, const std::string& value, std::string_view allowed, bool letters = true)
{
    const auto fits = [&](char c) {
        return (letters && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) || (c >= '0' && c <= '9') ||
               allowed.find(c) != std::string_view::npos;
    };
    if (!std::ranges::all_of(value, fits))
        throw InputError(what + " '" + value + "' has characters Slurm does not use there");
}

std::string header(const SlurmJob& job, const std::string& name, const std::string& output)
{
    std::string text = "#!/bin/bash\n#SBATCH --job-name=" + name + "\n";
    if (!job.partition.empty())
        text += "#SBATCH --partition=" + job.partition + "\n";
    if (!job.time.empty())
        text += "#SBATCH --time=" + job.time + "\n";
    return text + "#SBATCH --output=" + (std::filesystem::path(job.directory) / output).string() + "\n";
}

std::string quoted(const std::string& text) { return "'" + text + "'"; } // checkSlurmJob allowed no quote in it

} // namespace

void checkSlurmJob(const SlurmJob& job)
{
    if (job.tasks < 1 || job.tasks > maximumTasks)
        throw InputError("--tasks must be an integer in 1.." + std::to_string(maximumTasks));
    checkPath("the reciprocal executable", job.executable);
    checkPath("the experiment file", job.experimentFile);
    checkPath("--csv-dir", job.directory);
    checkWord("--partition", job.partition, "_-.,");
    checkWord("--time", job.time, ":-", false); // minutes, [D-]HH:MM[:SS] and the like
    checkWord("the experiment id", job.id, "_-.");
}

std::string slurmArrayScript(const SlurmJob& job)
{
    const std::string shards = std::to_string(job.tasks);
    std::string text = header(job, "reciprocal-" + job.id, "slurm-%x-%A_%a.out");
    text += "#SBATCH --array=1-" + shards;
    if (job.arrayLimit > 0)
        text += '%' + std::to_string(job.arrayLimit); // at most this many at once
    text += '\n';
    text += "#SBATCH --cpus-per-task=" + std::to_string(job.cpusPerTask) + "\n";
    text += "# Written by `reciprocal experiment --slurm`: array task K runs shard K of " + shards + " of " + job.id +
            ";\n# a failed task can be run again alone with sbatch --array=K.\n";
    text += "set -eu\n";
    text += "exec " + quoted(job.executable) + " experiment " + quoted(job.experimentFile) +
            " --shard \"${SLURM_ARRAY_TASK_ID}/" + shards + "\" --csv-dir " + quoted(job.directory) +
            " --threads \"${SLURM_CPUS_PER_TASK:-" + std::to_string(job.cpusPerTask) + "}\"" +
            (job.quick ? " --quick" : "") + "\n";
    return text;
}

std::string slurmMergeScript(const SlurmJob& job)
{
    std::string text = header(job, "reciprocal-" + job.id + "-merge", "slurm-%x-%j.out");
    text += "#SBATCH --cpus-per-task=1\n";
    text += "# Written by `reciprocal experiment --slurm`: merges the shards once every array task succeeded.\n";
    text += "set -eu\n";
    text += "exec " + quoted(job.executable) + " experiment merge " + quoted(job.directory) + "\n";
    return text;
}

std::string slurmArrayScriptPath(const SlurmJob& job)
{
    return (std::filesystem::path(job.directory) / (job.id + "-array.sbatch")).string();
}

std::string slurmMergeScriptPath(const SlurmJob& job)
{
    return (std::filesystem::path(job.directory) / (job.id + "-merge.sbatch")).string();
}

} // namespace reciprocal
