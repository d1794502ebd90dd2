#!/bin/bash
# SPDX-License-Identifier: MIT
# An exported ONNX model passes onnx::checker (at export) and runs in ONNX Runtime with the
# predictions and logits of reciprocal eval: a two-set tanh network and a QR sigmoid one whose
# pruned nodes stay masked. ONNX Runtime comes from the npm registry (onnxruntime-node ships its CPU
# library), installed once into the build tree.
# Usage: test_onnx_export.sh RECIPROCAL SOURCE_DIR RUNTIME_DIR
set -euo pipefail
reciprocal=$1
source_dir=$2
runtime=$3
dataset=/usr/share/datasets/fashion-mnist
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v node >/dev/null && command -v npm >/dev/null || { echo "FAIL: node and npm are needed (apt-get install nodejs npm)"; exit 1; }
[ -d "$dataset" ] || { echo "FAIL: Fashion-MNIST is needed (apt-get install dataset-fashion-mnist)"; exit 1; }
if [ ! -d "$runtime/node_modules/onnxruntime-node" ]; then
    mkdir -p "$runtime"
    npm install --prefix "$runtime" --ignore-scripts --no-audit --no-fund onnxruntime-node@1.30.0 >/dev/null ||
        { echo "FAIL: npm could not install onnxruntime-node"; exit 1; }
fi
limits=(--train-limit 5000 --test-limit 2000 --threads 2)

check() {
    "$reciprocal" export --model "$1" --format onnx --out "$1.onnx" >/dev/null
    accuracy=$("$reciprocal" eval --model "$1" --logits "$1.logits.npy" --json "${limits[@]}" |
        sed -n 's/.*"test_accuracy": \([0-9.]*\).*/\1/p')
    node "$source_dir/tests/interop/check_onnx.js" "$runtime" "$1.onnx" "$1.logits.npy" "$dataset" 2000 "$accuracy"
}

"$reciprocal" train --layer spectral2 --arch 784-64-10 --epochs 2 --out "$work/two-set.rcp" "${limits[@]}" 2>/dev/null
check "$work/two-set.rcp"
"$reciprocal" train --layer qr --activation sigmoid --bias --arch 784-64-10 --epochs 3 --lr 0.01 --out "$work/qr.rcp" "${limits[@]}" 2>/dev/null
"$reciprocal" prune --model "$work/qr.rcp" --fraction 0.5 --out "$work/qr-pruned.rcp" "${limits[@]}" >/dev/null 2>&1
check "$work/qr-pruned.rcp"
