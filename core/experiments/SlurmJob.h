#pragma once

#include <string>

namespace reciprocal {

// An experiment as a Slurm job array (docs/cluster.md): one array task per shard, then a merge job
// that starts once every task succeeded (sbatch --dependency=afterok). Reciprocal only writes the
// scripts; sbatch submits them.
struct SlurmJob {
    std::string id;              // the experiment's
    std::string executable;      // absolute path of the reciprocal that runs each task
    std::string experimentFile;  // absolute
    std::string directory;       // absolute: shards, outputs and Slurm's logs
    int tasks = 1;
    int cpusPerTask = 1;
    int arrayLimit = 0;          // tasks running at once; 0 = as many as Slurm allows
    std::string partition;       // empty = the cluster's default
    std::string time;            // e.g. "02:00:00"; empty = the partition's default
    bool quick = false;
};

// Throws InputError naming the setting that a script could not carry safely: tasks outside
// 1..100000, a path with white space, quotes, '$', '`', '\' or a control character (sbatch reads its
// #SBATCH lines word by word), or a partition or time limit with characters Slurm does not use.
void checkSlurmJob(const SlurmJob& job);

// The array script: task K runs `reciprocal experiment FILE --shard K/N --csv-dir DIR` with the
// allocation's CPUs as --threads.
std::string slurmArrayScript(const SlurmJob& job);
// The merge job: `reciprocal experiment merge DIR`.
std::string slurmMergeScript(const SlurmJob& job);

// Where the scripts go: DIR/<id>-array.sbatch and DIR/<id>-merge.sbatch.
std::string slurmArrayScriptPath(const SlurmJob& job);
std::string slurmMergeScriptPath(const SlurmJob& job);

} // namespace reciprocal
