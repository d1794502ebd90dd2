#!/usr/bin/env bash
# Issue 18's GEMM candidates: installs the libraries when missing (as root), builds
# gemm_candidates.cpp once per SIMD level in a build directory of its own, runs every
# configuration below as a process of its own at 1 and 2 threads, and writes the raw results to
# docs/data/gemm-candidates.jsonl and their tables (gemm_table.py) to docs/data/gemm-candidates.md.
#
#   tests/benchmarks/gemm_candidates.sh [BUILD_DIR]       (default: build-gemm in the source tree)
#
# GEMM_SECONDS (0.2): the least time spent on each cell. GEMM_ROUNDS (1): runs of the whole list,
# the second one in reverse order; the tables keep each cell's best. GEMM_QUIET_WAIT (120): seconds
# to wait, before each process, for a second in which the cores are less than 10 % busy with
# other work (the run goes on after that, and the data records how busy they were).
# GEMM_OPTIONS: more options for every run, e.g. "--batches 100 --widths 100,500" for a quick try.
# GEMM_THREADS ("2 1"): the thread counts. GEMM_APPEND=1 adds to the existing results instead of
# replacing them, e.g. for more rounds of the cells the verdict is drawn from:
#   GEMM_APPEND=1 GEMM_THREADS=2 GEMM_OPTIONS="--batches 100" tests/benchmarks/gemm_candidates.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build-gemm}
seconds=${GEMM_SECONDS:-0.2}
rounds=${GEMM_ROUNDS:-1}
quiet_wait=${GEMM_QUIET_WAIT:-120}
read -r -a extra_options <<< "${GEMM_OPTIONS:-}"
read -r -a thread_counts <<< "${GEMM_THREADS:-2 1}"
append=${GEMM_APPEND:-0}
data=$root/docs/data

missing=()
for package in libdnnl-dev libopenblas-dev libblis-dev libxsmm-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DRECIPROCAL_GEMM_CANDIDATES=ON >/dev/null
cmake --build "$build" -j 2 --target gemm_candidates_sse2 gemm_candidates_avx2 gemm_candidates_avx512

# library, level (which build runs it), then the library's own variables that force that level,
# and options. Zen 5 is newer than OpenBLAS 0.3.21 (which takes it for Haswell) and BLIS 0.9
# (which falls back to its unoptimised 'generic' kernels), so their AVX-512 kernels are forced
# too; BLIS_ARCH_TYPE is an index into BLIS 0.9's arch_t (0 skx, 3 haswell).
configurations=(
  "eigen sse2"
  "eigen avx2"
  "eigen avx512"
  "eigen avx512 --glibc-malloc"
  "onednn avx512 ONEDNN_MAX_CPU_ISA=ALL"
  "onednn avx2 ONEDNN_MAX_CPU_ISA=AVX2"
  "onednn avx512 ONEDNN_MAX_CPU_ISA=ALL OMP_WAIT_POLICY=passive"
  "onednn avx512 ONEDNN_MAX_CPU_ISA=ALL --split"
  "openblas avx512 OPENBLAS_CORETYPE=SkylakeX"
  "openblas avx2 OPENBLAS_CORETYPE=Haswell"
  "blis avx512 BLIS_ARCH_TYPE=0"
  "blis avx2 BLIS_ARCH_TYPE=3"
  "libxsmm avx512 OPENBLAS_CORETYPE=SkylakeX"
  "libxsmm avx2 LIBXSMM_TARGET=hsw OPENBLAS_CORETYPE=Haswell"
)
# Every run starts from none of these, whatever the calling shell has set.
level_variables=(ONEDNN_MAX_CPU_ISA OPENBLAS_CORETYPE BLIS_ARCH_TYPE LIBXSMM_TARGET OMP_WAIT_POLICY GOMP_SPINCOUNT
                 OMP_NUM_THREADS)

# Percentage of both cores busy over one second, from /proc/stat.
busy_percent() {
  local before after
  read -r -a before < /proc/stat
  sleep 1
  read -r -a after < /proc/stat
  local total=0 field
  for field in 1 2 3 4 5 6 7 8; do total=$((total + after[field] - before[field])); done
  local idle=$((after[4] + after[5] - before[4] - before[5]))
  echo $((100 * (total - idle) / (total > 0 ? total : 1)))
}

json_string() { python3 -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

# Written as it goes, so that an interrupted run leaves what it measured; renamed at the end.
mkdir -p "$data"
results=$data/gemm-candidates.jsonl.partial
if ((append)); then
  cp "$data/gemm-candidates.jsonl" "$results"
else
  : > "$results"
  python3 - "$results" <<'EOF'
import datetime, json, platform, subprocess, sys
fields = dict(line.split(":", 1) for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines()
              if ":" in line)
fields = {key.strip(): value.strip() for key, value in fields.items()}
flags = fields.get("Flags", "").split()
simd = [flag for flag in flags if flag.startswith(("sse", "ssse", "avx", "fma", "amx")) or flag in ("f16c",)]
record = {"record": "machine", "model": fields.get("Model name"), "vendor": fields.get("Vendor ID"),
          "family": fields.get("CPU family"), "model_number": fields.get("Model"), "cpus": fields.get("CPU(s)"),
          "hypervisor": fields.get("Hypervisor vendor"), "simd_flags": " ".join(simd), "kernel": platform.release(),
          "date": datetime.date.today().isoformat()}
with open(sys.argv[1], "a") as out:
    out.write(json.dumps(record) + "\n")
EOF
fi

run_configuration() {
  local configuration=$1 threads=$2
  local words library level
  read -r -a words <<< "$configuration"
  library=${words[0]}
  level=${words[1]}
  local environment=() options=() word
  for word in "${words[@]:2}"; do
    if [[ $word == --* ]]; then options+=("$word"); else environment+=("$word"); fi
  done
  local unset=() variable
  for variable in "${level_variables[@]}"; do unset+=(-u "$variable"); done

  local waited=0 busy
  busy=$(busy_percent)
  while ((busy >= 10 && waited < quiet_wait)); do
    sleep 4
    waited=$((waited + 5))
    busy=$(busy_percent)
  done
  echo "$configuration, $threads thread(s): other work kept the cores ${busy} % busy (waited ${waited} s)" >&2
  printf '{"record": "run", "configuration": %s, "threads": %d, "background_busy_percent": %d, "waited_s": %d}\n' \
    "$(json_string "$configuration")" "$threads" "$busy" "$waited" >> "$results"
  env "${unset[@]}" "${environment[@]}" "$build/tests/benchmarks/gemm_candidates_$level" --library "$library" \
    --threads "$threads" --seconds "$seconds" --json "${options[@]}" "${extra_options[@]}" >> "$results"
}

for ((round = 0; round < rounds; ++round)); do
  order=("${configurations[@]}")
  if ((round % 2)); then
    order=()
    for ((i = ${#configurations[@]} - 1; i >= 0; --i)); do order+=("${configurations[i]}"); done
  fi
  for configuration in "${order[@]}"; do
    for threads in "${thread_counts[@]}"; do
      run_configuration "$configuration" "$threads"
    done
  done
done

mv "$results" "$data/gemm-candidates.jsonl"
python3 "$root/tests/benchmarks/gemm_table.py" "$data/gemm-candidates.jsonl" > "$data/gemm-candidates.md"
echo "wrote $data/gemm-candidates.jsonl and $data/gemm-candidates.md" >&2
