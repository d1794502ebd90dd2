#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Set up Reciprocal on a fresh Debian 12 machine and run it.
#   installer/setup.sh run    install what is missing, build, run the main job
#   installer/setup.sh test   install what is missing, build, run the test suite
set -euo pipefail

mode=${1:-run}
case "$mode" in run | test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"

packages=(
  g++ cmake ninja-build pkg-config dpkg-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
  libeigen3-dev libtbb-dev zlib1g-dev libzip-dev libonnx-dev libprotobuf-dev libdnnl-dev protobuf-compiler nlohmann-json3-dev
  xvfb xauth locales
  dataset-fashion-mnist
)

# The test suite also runs experiments on a single-node Slurm (installer/slurm-local.sh), loads
# exported models in NumPy and PyTorch, and runs the binary on emulated older CPUs (qemu-user).
[ "$mode" = test ] && packages+=(slurm-wlm munge python3-numpy python3-torch qemu-user)

install_missing() {
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "== installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  echo "== building (Release) in $build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build "$build" -j2
}

# Comma-decimal locales, for the test runs that check numbers are read and written the C way in them.
generate_locales() {
  local wanted=() name
  for name in de_DE it_IT; do
    locale -a 2>/dev/null | grep -qi "^${name}\.utf-\?8$" || wanted+=("$name")
  done
  [ ${#wanted[@]} -eq 0 ] && return
  echo "== generating locales: ${wanted[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  for name in "${wanted[@]}"; do
    # Uncomment the locale's line, or add it where the list lacks one.
    $sudo sed -i "s/^# *\(${name}\.UTF-8 UTF-8\)/\1/" /etc/locale.gen 2>/dev/null || true
    grep -q "^${name}\.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null || echo "${name}.UTF-8 UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
  done
  $sudo locale-gen >/dev/null
}

install_missing
generate_locales
build

if [ "$mode" = test ]; then
  echo "== running the test suite"
  cd "$build"
  exec ctest --output-on-failure -j2
fi

# The main job: the desktop application where there is a display. Without one, its headless
# equivalent: train a two-set spectral network on Fashion-MNIST with live progress, then render the
# application offscreen after an epoch of training and save the picture.
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "== starting the Reciprocal desktop application"
  exec "$build/app/reciprocal" gui
fi
echo "== no display: training a spectral network on Fashion-MNIST (784-500-10, 5 epochs)"
"$build/app/reciprocal" train --dataset fashion-mnist --arch 784-500-10 --layer spectral2 --train full \
  --epochs 5 --out "$build/fashion-mnist-spectral.rcp"
echo "== rendering the application offscreen (1 epoch, spectrum view) to $build/reciprocal.png"
exec "$build/app/reciprocal" gui --screenshot "$build/reciprocal.png" --train-epochs 1 --view spectrum
