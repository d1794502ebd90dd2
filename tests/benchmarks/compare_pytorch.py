#!/usr/bin/python3
"""Reciprocal against PyTorch on the same machine, in one run.

Trains the four benchmark modes (direct, spectral2 full, spectral2 eigenvalues, spectral1
eigenvalues) in PyTorch with the same shapes, batch size, initialisation scheme, optimiser
(Adam 1e-3 with Keras's epsilon 1e-7), activation (tanh, no bias) and thread count as
`reciprocal bench`, alternating the two programs mode by mode and round by round so that both see
the same machine state, and prints the samples/s ratio per mode.

Needs Debian's python3-torch and libopenblas0-openmp (without OpenBLAS, torch falls back to the
reference BLAS and is ~20x slower), chosen as the libopenblas.so.0 alternative: torch links
libopenblas.so.0 itself, and with the pthread build, which libopenblas-dev pulls in and Debian then
prefers, its epochs took 6-9 s instead of 1.1-1.6 s on the project's machine (the script warns).
Run it with Debian's /usr/bin/python3.

The PyTorch peer runs with glibc's malloc tuned (mmap threshold 32 MiB, trim threshold 1 GiB, top pad
256 MiB; the script re-executes itself with these set). Untuned, every 1.6 MB temporary torch allocates
is a fresh mmap and its pages fault in on every step: on the project's machine a 784-500-10 epoch then
takes 4-5 s instead of about 1.1 s, and the comparison would flatter Reciprocal.

    tests/benchmarks/compare_pytorch.py [--reciprocal build/app/reciprocal] [--threads 2]
        [--arch 784-500-10] [--batch 100] [--epochs 3] [--rounds 2] [--json]
"""
import argparse
import gzip
import json
import math
import os
import statistics
import struct
import subprocess
import sys
import time

MODES = ["direct", "spectral2 full", "spectral2 eigenvalues", "spectral1 eigenvalues"]
DATA = "/usr/share/datasets/fashion-mnist"


def load_fashion_mnist(torch):
    with gzip.open(os.path.join(DATA, "train-images-idx3-ubyte.gz")) as f:
        magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803
        images = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).reshape(count, rows * cols)
    with gzip.open(os.path.join(DATA, "train-labels-idx1-ubyte.gz")) as f:
        magic, count = struct.unpack(">II", f.read(8))
        assert magic == 0x801
        labels = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).long()
    return images.float() / 255.0, labels


class Layer:
    """One transfer, parametrised like Reciprocal's layer kinds (W is out x in)."""

    def __init__(self, torch, kind, n, m, train):
        uniform = lambda shape, bound: (torch.rand(shape) * 2 - 1) * bound
        glorot = math.sqrt(6.0 / (n + m))
        self.kind = kind
        if kind == "direct":
            self.w = uniform((m, n), glorot).requires_grad_()
            self.params = [self.w]
        elif kind == "spectral2":
            self.phi = uniform((m, n), glorot).requires_grad_(train == "full")
            self.lam_in = uniform((n,), 0.5).requires_grad_()
            self.lam_out = uniform((m,), 0.5).requires_grad_()
            self.params = [p for p in (self.phi, self.lam_in, self.lam_out) if p.requires_grad]
        else:  # spectral1: W = -lam_out phi
            self.phi = uniform((m, n), 0.2).requires_grad_(train == "full")
            self.lam_out = uniform((m,), 0.5).requires_grad_()
            self.params = [p for p in (self.phi, self.lam_out) if p.requires_grad]

    def weights(self):
        if self.kind == "direct":
            return self.w
        if self.kind == "spectral2":
            return self.phi * (self.lam_in[None, :] - self.lam_out[:, None])
        return -self.lam_out[:, None] * self.phi


def torch_epochs(torch, mode, widths, batch, epochs, images, labels):
    kind, _, train = mode.partition(" ")
    train = train or "full"
    torch.manual_seed(1)
    layers = [Layer(torch, kind, widths[k], widths[k + 1], train) for k in range(len(widths) - 1)]
    optimizer = torch.optim.Adam([p for layer in layers for p in layer.params], lr=1e-3, eps=1e-7)
    F = torch.nn.functional
    seconds = []
    for _ in range(epochs):
        started = time.perf_counter()
        order = torch.randperm(images.shape[0])
        for begin in range(0, images.shape[0], batch):
            index = order[begin:begin + batch]
            a = images[index]
            for k, layer in enumerate(layers):
                z = F.linear(a, layer.weights())
                a = torch.tanh(z) if k + 1 < len(layers) else z
            loss = F.cross_entropy(a, labels[index])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def reciprocal_epochs(binary, mode, args):
    environment = {key: value for key, value in os.environ.items() if key not in MALLOC_TUNING}
    command = [binary, "bench", "--json", "--modes", mode.replace(" ", "-"), "--arch", args.arch,
               "--batch", str(args.batch), "--epochs", str(args.epochs), "--threads", str(args.threads)]
    result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=environment).stdout)
    return result["modes"][0]["seconds_per_epoch"], result


MALLOC_TUNING = {"MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "1073741824",
                 "MALLOC_TOP_PAD_": "268435456"}


def main():
    if any(os.environ.get(key) != value for key, value in MALLOC_TUNING.items()):
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **MALLOC_TUNING})
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--reciprocal", default=os.path.join(root, "build", "app", "reciprocal"))
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--arch", default="784-500-10")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    openblas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libopenblas.so.0")
    if "openblas-openmp" not in openblas:
        print(f"warning: libopenblas.so.0 is {openblas}, not the OpenMP build: PyTorch will be several times slower "
              "(update-alternatives --set libopenblas.so.0-x86_64-linux-gnu "
              "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0)", file=sys.stderr)
    import torch
    torch.set_num_threads(args.threads)
    widths = [int(w) for w in args.arch.split("-")]
    images, labels = load_fashion_mnist(torch)
    samples = images.shape[0]

    times = {mode: {"reciprocal": [], "pytorch": []} for mode in MODES}
    build = None
    for round_index in range(args.rounds):
        for mode in MODES:
            ours, report = reciprocal_epochs(args.reciprocal, mode, args)
            build = report["build"]
            theirs = torch_epochs(torch, mode, widths, args.batch, args.epochs, images, labels)
            times[mode]["reciprocal"].append(ours)
            times[mode]["pytorch"].append(theirs)
            print(f"round {round_index + 1} {mode:22s} reciprocal {ours:.3f} s/epoch  pytorch {theirs:.3f} s/epoch",
                  file=sys.stderr)

    rows = []
    for mode in MODES:
        ours = statistics.median(times[mode]["reciprocal"])
        theirs = statistics.median(times[mode]["pytorch"])
        rows.append({"mode": mode, "reciprocal_seconds_per_epoch": ours, "pytorch_seconds_per_epoch": theirs,
                     "reciprocal_samples_per_second": samples / ours, "pytorch_samples_per_second": samples / theirs,
                     "ratio": theirs / ours,
                     "reciprocal_rounds": times[mode]["reciprocal"], "pytorch_rounds": times[mode]["pytorch"]})
    summary = {"arch": args.arch, "batch": args.batch, "epochs": args.epochs, "rounds": args.rounds,
               "threads": args.threads, "torch": torch.__version__, "reciprocal_build": build, "modes": rows}
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{args.arch}, batch {args.batch}, {args.threads} threads, torch {torch.__version__}, "
              f"reciprocal flags: {build['flags']}")
        print(f"{'mode':22s} {'reciprocal':>12s} {'pytorch':>12s} {'ratio':>7s}   (median s/epoch)")
        for row in rows:
            print(f"{row['mode']:22s} {row['reciprocal_seconds_per_epoch']:12.3f} "
                  f"{row['pytorch_seconds_per_epoch']:12.3f} {row['ratio']:6.2f}x")


if __name__ == "__main__":
    main()
