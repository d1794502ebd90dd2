#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the Debian package: a portable Release build (x86-64, kernels for every CPU level; no tests) in build-package/,
# packaged by CPack. Prints the path of the .deb.
#   installer/build-package.sh
# Needs the build dependencies of installer/setup.sh (which installs them, dpkg-dev included).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-package"

if ! command -v dpkg-shlibdeps >/dev/null; then
  echo "build-package.sh: dpkg-shlibdeps is missing (it computes the package's dependencies):" \
    "apt-get install dpkg-dev, or run installer/setup.sh" >&2
  exit 2
fi

echo "== configuring a portable Release build in $build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DRECIPROCAL_NATIVE=OFF -DRECIPROCAL_BUILD_TESTS=OFF
echo "== building"
cmake --build "$build" -j2
echo "== packaging"
(cd "$build" && cpack -G DEB)

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
deb="$build/reciprocal_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "build-package.sh: cpack did not write $deb" >&2; exit 1; }
echo "== package: $deb"
