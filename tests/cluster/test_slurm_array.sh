#!/bin/bash
# SPDX-License-Identifier: MIT
# The cluster path against a real Slurm: installer/slurm-local.sh starts slurmctld and slurmd on
# this machine, a --quick experiment runs as a 4-task job array with a dependent merge job, and the
# merged outputs must equal a local run of the same file (every column but the timings). A shard
# killed mid-run must leave no file, and merge must name it.
# Usage: test_slurm_array.sh RECIPROCAL SOURCE_DIR
set -euo pipefail
reciprocal=$1
source_dir=$2
experiment="$source_dir/resources/experiments/E11-eigenvalues-against-random-subsets.json"
work=$(mktemp -d)
trap 'rm -rf "$work"; "$source_dir/installer/slurm-local.sh" stop >/dev/null 2>&1 || true' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

export SLURM_CONF
SLURM_CONF=$("$source_dir/installer/slurm-local.sh" start | sed -n 's/^SLURM_CONF=//p')
[ -n "$SLURM_CONF" ] || fail "the local Slurm did not start"

# The local run, one thread as each array task has.
mkdir "$work/local" "$work/cluster"
"$reciprocal" experiment "$experiment" --quick --threads 1 --csv-dir "$work/local" >/dev/null 2>&1

submitted=$("$reciprocal" experiment "$experiment" --quick --slurm --tasks 4 --cpus-per-task 1 \
    --csv-dir "$work/cluster" --submit --json)
merge_job=$(echo "$submitted" | sed -n 's/.*"merge_job": "\([0-9]*\)".*/\1/p')
[ -n "$merge_job" ] || fail "no merge job id in: $submitted"
for _ in $(seq 600); do
    [ -z "$(squeue -h -j "$merge_job" 2>/dev/null)" ] && break
    sleep 0.5
done
[ -z "$(squeue -h -j "$merge_job" 2>/dev/null)" ] || fail "the merge job $merge_job did not finish within 5 minutes"
ls "$work/cluster"/E11-shard-*-of-4.json >/dev/null || fail "no shard files"
[ "$(ls "$work/cluster"/E11-shard-*-of-4.json | wc -l)" = 4 ] || fail "not 4 shard files"
[ -f "$work/cluster/E11.csv" ] || { cat "$work/cluster"/slurm-*.out >&2; fail "the merge job wrote no E11.csv"; }

# The third field from the end is the wall-clock time of a train step (counted from the end, since a
# quoted run name may hold commas); everything else must match exactly.
without_timings() { sed -E 's/,[^,]*(,[^,]*,[^,]*)$/\1/' "$1"; }
cmp <(without_timings "$work/local/E11.csv") <(without_timings "$work/cluster/E11.csv") ||
    fail "the merged rows differ from the local run's"
cmp "$work/local/E11-summary.csv" "$work/cluster/E11-summary.csv" || fail "the merged summary differs from the local run's"

# A task killed mid-run leaves no shard, and merge names it; run again, the merge completes.
mkdir "$work/killed"
"$reciprocal" experiment "$experiment" --shard 1/8 --threads 1 --csv-dir "$work/killed" >/dev/null 2>&1 &
task=$!
sleep 3
kill -9 "$task"
wait "$task" 2>/dev/null || true
[ -z "$(ls -A "$work/killed")" ] || fail "a killed shard left files: $(ls "$work/killed")"
for shard in 2 3 4 5 6 7 8; do
    "$reciprocal" experiment "$experiment" --quick --shard "$shard/8" --threads 1 --csv-dir "$work/killed" >/dev/null 2>&1
done
if message=$("$reciprocal" experiment merge "$work/killed" 2>&1); then
    fail "merge accepted a missing shard"
fi
echo "$message" | grep -q "shard 1 of 8 is missing (run it again with --shard 1/8)" || fail "merge said: $message"
"$reciprocal" experiment "$experiment" --quick --shard 1/8 --threads 1 --csv-dir "$work/killed" >/dev/null 2>&1
"$reciprocal" experiment merge "$work/killed" >/dev/null
cmp "$work/local/E11-summary.csv" "$work/killed/E11-summary.csv" || fail "the resumed merge differs from the local run"
echo "1 passed, 0 failed"
