#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The one binary on older CPUs, under qemu's user-mode emulator (Debian's qemu-user), which refuses
# every instruction the emulated CPU lacks: on a Nehalem (2008: SSE4.2, no AVX) it must choose the
# x86-64 kernels and train, on a Haswell (AVX2 and FMA, no AVX-512) the avx2 ones. A kernel or any
# other code compiled for a level the CPU lacks would stop it with SIGILL. On the Haswell oneDNN
# multiplies (its JIT must emit AVX2 only); on the Nehalem Eigen does.
# Usage: test_any_x86_64.sh RECIPROCAL
set -euo pipefail
reciprocal=$1
if ! command -v qemu-x86_64 > /dev/null; then
    echo "qemu-x86_64 is not installed (apt-get install qemu-user)"
    exit 77 # skipped
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check_level() { # CPU, expected level, expected product library
    local version
    version=$(qemu-x86_64 -cpu "$1" "$reciprocal" --version)
    grep -q "kernels: $2 (this CPU's best: $2;" <<< "$version" || { echo "$1: $version"; exit 1; }
    grep -q "products: $3" <<< "$version" || { echo "$1: $version"; exit 1; }
    # Hidden layers wide enough for oneDNN's products (64^3 multiply-adds and more).
    qemu-x86_64 -cpu "$1" "$reciprocal" train --dataset spirals --samples 300 --epochs 2 --threads 2 \
        --arch 2-128-128-3 --json > "$work/$1.json"
    grep -q '"test_accuracy"' "$work/$1.json" || { echo "$1: no result"; cat "$work/$1.json"; exit 1; }
    echo "$1: $2 kernels, products by $3, trained"
}

check_level Nehalem x86-64 "Eigen"
check_level Haswell avx2 "oneDNN 2.6.3 (avx2)"

# A level the CPU lacks is refused in one line with exit code 2, not run into SIGILL.
status=0
message=$(RECIPROCAL_CPU_LEVEL=avx2 qemu-x86_64 -cpu Nehalem "$reciprocal" --version 2>&1) || status=$?
[ "$status" = 2 ] || { echo "forcing avx2 on a Nehalem: exit $status: $message"; exit 1; }
grep -q "RECIPROCAL_CPU_LEVEL: this CPU's best level is x86-64" <<< "$message" || { echo "$message"; exit 1; }
echo "forcing avx2 on a Nehalem: refused"
