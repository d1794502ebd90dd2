#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the tests with sanitizers and run them (too slow for .ci/run's budget on two cores).
#   installer/sanitize.sh address   AddressSanitizer + UndefinedBehaviorSanitizer, the whole suite
#   installer/sanitize.sh thread    ThreadSanitizer, the controller and GUI tests
# A second argument names the build directory (default: build-address or build-thread).
set -euo pipefail
kind=${1:-address}
case "$kind" in address | thread) ;; *) echo "usage: $0 address|thread [build-dir]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath -m "${2:-$root/build-$kind}")
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRECIPROCAL_SANITIZE="$kind"
# Sanitized code runs several times slower, so the monkey test's stall bound only catches hangs here.
export RECIPROCAL_MONKEY_MAX_STALL_MS=10000
if [ "$kind" = address ]; then
  cmake --build "$build" -j2
  cd "$build"
  # Qt and oneTBB allocate caches they never free; only leaks in our code would matter, and the
  # suite's processes are short, so leak checking stays off. Every other error aborts the test.
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    exec ctest --output-on-failure -j2
fi
tests=(test_training_controller test_prune_command test_main_window test_monkey)
cmake --build "$build" -j2 --target "${tests[@]}"
cd "$build"
# oneTBB's scheduler and Qt's event dispatcher are not built with TSan; the suppressions file names
# what is theirs, so a report in Reciprocal's own code still fails the run.
TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/installer/tsan.supp" \
  exec ctest --output-on-failure -R "^($(IFS='|'; echo "${tests[*]}"))$"
