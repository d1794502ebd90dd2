#pragma once

#include "core/experiments/ExperimentRunner.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reciprocal {

// An experiment split over machines (docs/cluster.md): its units are the (seed, run) pairs in the
// order a local run takes them, and shard K of N runs the units whose index i has i mod N = K - 1.
// A unit's rows depend only on its run and seed, so any split merges back into the local result.

struct ShardSelection {
    int index = 1; // K, 1-based
    int count = 1; // N
    friend bool operator==(const ShardSelection&, const ShardSelection&) = default;
};
// "K/N" with 1 <= K <= N <= 100000; throws InputError otherwise.
ShardSelection parseShardSelection(std::string_view text);

// The units a shard runs, in local-run order (all of them for 1/1).
std::vector<ExperimentUnit> shardUnits(const ExperimentSpec& spec, ShardSelection shard);

// Which experiment a shard belongs to: the file (its absolute path and the CRC-32 of its bytes,
// so that a changed file is noticed) and whether it ran --quick.
struct ExperimentIdentity {
    std::string id;
    std::string file;
    std::uint32_t crc32 = 0;
    bool quick = false;
    friend bool operator==(const ExperimentIdentity&, const ExperimentIdentity&) = default;
};
ExperimentIdentity identifyExperiment(const std::string& file, const ExperimentSpec& spec, bool quick);

// "<id>-shard-K-of-N.json"
std::string shardFileName(const std::string& id, ShardSelection shard);

// One shard's result: the rows at full precision (a merged summary must equal a local run's to the
// last digit, and the CSV's 8 digits would not), written atomically as one JSON file so that a task
// killed mid-run leaves no file at all.
struct ShardResult {
    ExperimentIdentity experiment;
    ShardSelection shard;
    std::vector<ExperimentUnit> units;
    std::vector<ExperimentRow> rows;
};
std::string shardJson(const ShardResult& result);
// Throws InputError naming the file and field for anything that is not such a file.
ShardResult readShardFile(const std::string& path);

// Every shard file of `directory` for one experiment, checked complete and consistent, its rows in
// local-run order. Throws InputError naming what is missing ("shards 2, 4 of 4 are missing"), what
// is duplicated, or which files belong to another experiment file or a changed one.
struct MergedShards {
    ExperimentIdentity experiment;
    ExperimentSpec spec; // as the shards ran it (--quick applied when they did)
    int shardCount = 0;
    std::vector<ExperimentRow> rows;
};
MergedShards mergeShards(const std::string& directory);

} // namespace reciprocal
