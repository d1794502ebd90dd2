#!/bin/bash
# SPDX-License-Identifier: MIT
# An exported .npz loads in NumPy and PyTorch, as docs/interop.md shows, and computes what
# Reciprocal computes: a two-set tanh network, and a QR sigmoid one whose pruned nodes stay masked.
# Usage: test_npz_export.sh RECIPROCAL SOURCE_DIR
set -euo pipefail
reciprocal=$1
source_dir=$2
dataset=/usr/share/datasets/fashion-mnist
python=/usr/bin/python3 # Debian's, where python3-numpy and python3-torch are
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -c "import numpy, torch" || { echo "FAIL: NumPy and PyTorch are needed (apt-get install python3-numpy python3-torch)"; exit 1; }
[ -d "$dataset" ] || { echo "FAIL: Fashion-MNIST is needed (apt-get install dataset-fashion-mnist)"; exit 1; }
limits=(--train-limit 5000 --test-limit 2000 --threads 2)

check() { # model: export, evaluate with logits, compare in Python
    "$reciprocal" export --model "$1" --format npz --out "$1.npz" >/dev/null
    accuracy=$("$reciprocal" eval --model "$1" --logits "$1.logits.npy" --json "${limits[@]}" |
        sed -n 's/.*"test_accuracy": \([0-9.]*\).*/\1/p')
    "$python" "$source_dir/tests/interop/check_npz.py" "$source_dir/docs/interop.md" "$1.npz" "$1.logits.npy" \
        "$dataset" 2000 "$accuracy"
}

"$reciprocal" train --layer spectral2 --arch 784-64-10 --epochs 2 --out "$work/two-set.rcp" "${limits[@]}" 2>/dev/null
check "$work/two-set.rcp"
"$reciprocal" train --layer qr --activation sigmoid --bias --arch 784-64-10 --epochs 3 --lr 0.01 --out "$work/qr.rcp" "${limits[@]}" 2>/dev/null
"$reciprocal" prune --model "$work/qr.rcp" --fraction 0.5 --out "$work/qr-pruned.rcp" "${limits[@]}" >/dev/null 2>&1
check "$work/qr-pruned.rcp"
