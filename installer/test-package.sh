#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the built package with apt (which resolves its dependencies), check that it works as
# installed, then remove it again.
#   installer/test-package.sh [path/to/reciprocal_VERSION_ARCH.deb]   (default: build-package/'s)
# The validators and the X tools for the launch check are installed with apt when missing; a
# check whose tool cannot be installed is skipped and says so.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
deb=${1:-$(find "$root/build-package" -maxdepth 1 -name 'reciprocal_*.deb' | sort | tail -n 1)}
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "test-package.sh: no package; run installer/build-package.sh" >&2
  exit 2
fi
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_get() { DEBIAN_FRONTEND=noninteractive $sudo apt-get "$@"; }

passed=0 failed=0 skipped=0
pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }
skip() { echo "SKIP  $1"; skipped=$((skipped + 1)); }
check() { # check NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}
# have COMMAND PACKAGE: the command is there, or apt installs it.
have() {
  command -v "$1" >/dev/null && return
  echo "== installing $2 for $1"
  apt_get install -y -qq "$2" >/dev/null 2>&1 || true
  command -v "$1" >/dev/null
}

work=$(mktemp -d)
# An aborted run must not leave the package installed.
cleanup() {
  rm -rf "$work"
  if dpkg-query -W -f='${Status}' reciprocal 2>/dev/null | grep -q "install ok installed"; then
    apt_get remove -y -qq reciprocal >/dev/null
  fi
}
trap cleanup EXIT

echo "== installing $deb"
(cd "$(dirname "$deb")" && apt_get install -y "./$(basename "$deb")")
version=$(dpkg-query -W -f='${Version}' reciprocal)
echo "== installed reciprocal $version: $(dpkg-query -W -f='${Installed-Size}' reciprocal) KiB"
echo "Depends: $(dpkg-query -W -f='${Depends}' reciprocal)"
echo "Recommends: $(dpkg-query -W -f='${Recommends}' reciprocal)"

check "reciprocal is on PATH as /usr/bin/reciprocal" test "$(command -v reciprocal)" = /usr/bin/reciprocal
check "reciprocal --version prints the package's version first" \
  test "$(reciprocal --version | head -n 1)" = "reciprocal $version"
check "reciprocal --version states the licence" grep -q "MIT licence" <(reciprocal --version)
# One binary for every x86-64 CPU: the kernels' level is chosen at start-up, and a lower one can be forced.
check "reciprocal --version names the CPU level of its kernels" grep -q "^kernels: " <(reciprocal --version)
check "RECIPROCAL_CPU_LEVEL=x86-64 runs the baseline kernels" \
  grep -q "^kernels: x86-64 " <(RECIPROCAL_CPU_LEVEL=x86-64 reciprocal --version)
# The products go to oneDNN (libdnnl2, a dependency) at the AVX2 and AVX-512 levels, to Eigen otherwise.
check "reciprocal --version names the library of its products" grep -q "^products: \(oneDNN\|Eigen\) " <(reciprocal --version)
check "RECIPROCAL_GEMM=eigen keeps Eigen's products" \
  grep -q "^products: Eigen " <(RECIPROCAL_GEMM=eigen reciprocal --version)

echo "== reciprocal train --epochs 1 --train-limit 2000 --test-limit 1000 --arch 784-32-10 --json"
if (cd "$work" && reciprocal train --epochs 1 --train-limit 2000 --test-limit 1000 --arch 784-32-10 \
  --json >"$work/train.json"); then
  accuracy=$(sed -n 's/^  "test_accuracy": *\([0-9.eE+-]*\).*/\1/p' "$work/train.json")
  echo "test accuracy after one epoch on 2,000 Fashion-MNIST images: $accuracy"
  # Ten classes: chance is 0.1 (what wrong or shuffled labels would give); this run reaches 0.46.
  check "train on the installed Fashion-MNIST reaches > 0.3 test accuracy" \
    awk -v a="$accuracy" 'BEGIN { exit !(a > 0.3) }'
else
  fail "train exits 0"
fi

screenshot=/tmp/pkg.png
rm -f "$screenshot"
echo "== reciprocal gui --screenshot $screenshot --train-epochs 1 --train-limit 2000 --arch 784-32-10"
# A real window picture is tens of kilobytes; a blank one compresses to almost nothing.
is_window_png() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = "211PNG" ] && [ "$(stat -c %s "$1")" -gt 20000 ]; }
if (cd "$work" && reciprocal gui --screenshot "$screenshot" --train-epochs 1 --train-limit 2000 \
  --arch 784-32-10); then
  check "gui --screenshot writes a PNG of the window ($(stat -c %s "$screenshot" 2>/dev/null || echo 0) bytes)" \
    is_window_png "$screenshot"
else
  fail "gui --screenshot exits 0"
fi

desktop=/usr/share/applications/io.github.reciprocal.Reciprocal.desktop
metainfo=/usr/share/metainfo/io.github.reciprocal.Reciprocal.metainfo.xml
check "desktop entry installed" test -f "$desktop"
exec_command=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
resolves() { command -v "$1" >/dev/null; }
check "desktop entry's Exec ($exec_command) resolves to $(command -v "$exec_command" || echo nothing)" \
  resolves "$exec_command"
icon=$(sed -n 's/^Icon=//p' "$desktop")
check "desktop entry's Icon ($icon) is in hicolor as SVG and 48x48 PNG" \
  test -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg" -a -f "/usr/share/icons/hicolor/48x48/apps/$icon.png"
if have desktop-file-validate desktop-file-utils; then
  check "desktop-file-validate $desktop" desktop-file-validate "$desktop"
else
  skip "desktop-file-validate (desktop-file-utils not installable)"
fi
if have appstreamcli appstream; then
  check "appstreamcli validate $metainfo" appstreamcli validate --no-net "$metainfo"
else
  skip "appstreamcli validate (appstream not installable)"
fi
# The .rcp type: by name, and by content (a model saved under another name).
mime_of() { [ "$(xdg-mime query filetype "$1")" = application/x-reciprocal-model ]; }
if have xdg-mime xdg-utils && have update-mime-database shared-mime-info; then
  reciprocal train --dataset spirals --epochs 1 --out "$work/typed.rcp" >/dev/null 2>&1
  cp "$work/typed.rcp" "$work/typed.model"
  check "xdg-mime query filetype: a .rcp file is application/x-reciprocal-model" mime_of "$work/typed.rcp"
  check "xdg-mime query filetype: so is a model file under another name (magic RCPMODEL)" mime_of "$work/typed.model"
  check "desktop entry opens that type with a file (%f)" grep -q "^MimeType=application/x-reciprocal-model;" "$desktop"
  default_for_models() { [ "$(xdg-mime query default application/x-reciprocal-model)" = "$(basename "$desktop")" ]; }
  check "the file manager opens .rcp files with Reciprocal (xdg-mime query default)" default_for_models
else
  skip "xdg-mime query filetype (xdg-utils or shared-mime-info not installable)"
fi
check "man page installed gzipped" gzip -t /usr/share/man/man1/reciprocal.1.gz
check "copyright installed" test -s /usr/share/doc/reciprocal/copyright

# Launch the desktop entry as a desktop does (GLib's desktop-entry launcher) on a virtual display,
# wait for the main window, then close the process that owns it.
launch_entry() {
  # shellcheck disable=SC2016 # the script runs in the virtual display's shell
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    gio launch "$1" || exit 1
    for _ in $(seq 1 60); do
      window=$(xwininfo -root -tree | sed -n "s/^ *\(0x[0-9a-f]*\) \"Reciprocal\": .*/\1/p" | head -n 1)
      [ -n "$window" ] && break
      sleep 0.5
    done
    [ -n "$window" ] || { echo "no Reciprocal window appeared"; exit 1; }
    pid=$(xprop -id "$window" _NET_WM_PID | sed -n "s/.* = //p")
    echo "window $window \"Reciprocal\" belongs to pid $pid: $(readlink "/proc/$pid/exe") $(tr "\0" " " <"/proc/$pid/cmdline")"
    [ "$(readlink "/proc/$pid/exe")" = /usr/bin/reciprocal ] || exit 1
    kill "$pid"
  ' launch "$desktop"
}
if have xvfb-run xvfb && have xauth xauth && have gio libglib2.0-bin && have xwininfo x11-utils &&
  have xprop x11-utils; then
  check "the desktop entry opens the main window (gio launch under Xvfb)" launch_entry
else
  skip "desktop entry launch (xvfb, gio or x11-utils not installable)"
fi

echo "== removing the package"
apt_get remove -y reciprocal
check "reciprocal is gone after apt-get remove" bash -c '! command -v reciprocal'

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
