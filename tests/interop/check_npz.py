# SPDX-License-Identifier: MIT
"""Runs docs/interop.md's PyTorch and NumPy blocks on an exported model and compares them with
Reciprocal's own logits and accuracy on Fashion-MNIST's first test images.

usage: check_npz.py INTEROP_MD MODEL_NPZ LOGITS_NPY DATASET_DIR COUNT ACCURACY"""
import gzip
import os
import re
import sys

import numpy as np
import torch

page, archive, logits_path, dataset, count, accuracy = sys.argv[1:]
count, accuracy = int(count), float(accuracy)
blocks = re.findall(r"```python\n(.*?)```", open(page, encoding="utf-8").read(), re.S)
assert len(blocks) == 2, f"expected the PyTorch and the NumPy block in {page}, found {len(blocks)}"

# The input as meta.json's input_layout says: pixels row by row, each byte / 255.
with gzip.open(os.path.join(dataset, "t10k-images-idx3-ubyte.gz")) as f:
    images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:count]
with gzip.open(os.path.join(dataset, "t10k-labels-idx1-ubyte.gz")) as f:
    labels = np.frombuffer(f.read(), np.uint8, offset=8)[:count]
x = (images / np.float32(255)).astype(np.float32)
reference = np.load(logits_path)
assert reference.shape == (count, 10), reference.shape

failures = []
for name, block, run in (("PyTorch", blocks[0], lambda scope: scope["net"](torch.from_numpy(x)).detach().numpy()),
                         ("NumPy", blocks[1], lambda scope: scope["logits"](x))):
    scope = {}
    exec(block.replace('"model.npz"', repr(archive)), scope)  # the page's lines, verbatim
    ours = run(scope)
    worst = float(np.max(np.abs(ours - reference)))
    got = float(np.mean(ours.argmax(axis=1) == labels))
    print(f"{name}: accuracy {got:.4f} (reciprocal eval {accuracy:.4f}), largest logit difference {worst:.2e}")
    if abs(got - accuracy) > 1e-9 or worst > 1e-4:
        failures.append(name)
if failures:
    sys.exit("FAIL: " + ", ".join(failures) + " differ from reciprocal eval")
print("1 passed, 0 failed")
