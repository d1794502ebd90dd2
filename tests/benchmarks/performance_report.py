#!/usr/bin/python3
"""The tables and verdicts of docs/performance.md, computed from the raw benchmark outputs.

Reads DIR (default docs/data/performance): peak.json (`bench --peak --json`), bench-LEVEL.json
(`RECIPROCAL_CPU_LEVEL=LEVEL reciprocal bench --json`), pytorch-batchB.json (`compare_pytorch.py
--batch B --json`), scaling.json (`scaling.py --json`) and snapshot-cost.json (`snapshot_cost
--json`), and prints Markdown: each target of issue 18 with its criterion, the measured figure with
its spread, and met / missed. Side-by-side studies, STUDY-ab-N-VARIANT-R.json (`bench --json` of
variant N in round R, the variants run alternately, variant 0 the baseline), get a table each.

    tests/benchmarks/performance_report.py [DIR]
"""
import json
import os
import re
import statistics
import sys


def load(directory, name):
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def verdict(ok):
    return "met" if ok else "**missed**"


def side_by_side(directory):
    """Prints a table per STUDY-ab-N-VARIANT-R.json family: for each mode and variant, the median
    epoch and (where every file has it) the first epoch over the rounds, each with its change
    against variant 0 round by round."""
    pattern = re.compile(r"^([a-z0-9]+)-ab-(\d+)-([a-z0-9-]+?)-(\d+)\.json$")
    studies = {}
    for name in sorted(os.listdir(directory)):
        match = pattern.match(name)
        if match:
            study, order, variant, round_ = match.groups()
            studies.setdefault(study, {}).setdefault((int(order), variant), {})[int(round_)] = load(directory, name)
    for study, variants in studies.items():
        (_, baseline_name), baseline = min(variants.items())
        files = [b for rounds in variants.values() for b in rounds.values()]
        figures = [("median epoch", "seconds_per_epoch")]
        if all("first_epoch_seconds" in m for b in files for m in b["modes"]):
            figures.append(("first epoch", "first_epoch_seconds"))
        print(f"Side by side, {study}: {len(baseline)} alternating rounds of `bench --epochs 3 --batch "
              f"{files[0]['batch']}`, seconds (range over the rounds), change against {baseline_name} round by round:")
        print()
        parts = ("forward_backward_seconds", "optimizer_seconds", "other_seconds")
        print("| mode | variant | " + " | ".join(f"{label} | change" for label, _ in figures) +
              " | forward+backward | optimizer | other |")
        print("|---|---|" + "---|---|" * len(figures) + "---|---|---|")
        for mode_name in [m["mode"] for m in next(iter(baseline.values()))["modes"]]:
            def mode_in(bench):
                return next(m for m in bench["modes"] if m["mode"] == mode_name)

            def seconds(rounds, key):
                return {r: mode_in(b)[key] for r, b in rounds.items()}
            for (_, variant), rounds in sorted(variants.items()):
                cells = []
                for _, key in figures:
                    own, base = seconds(rounds, key), seconds(baseline, key)
                    changes = [own[r] / base[r] - 1 for r in sorted(own) if r in base]
                    cells.append(f"{statistics.median(own.values()):.3f} ({min(own.values()):.3f}-{max(own.values()):.3f})")
                    cells.append("" if rounds is baseline else
                                 f"{100 * statistics.median(changes):+.1f} % ({100 * min(changes):+.1f} to {100 * max(changes):+.1f} %)")
                for part in parts:  # the median epoch's profile, median over the rounds
                    cells.append(f"{statistics.median(mode_in(b)['profile'][part] for b in rounds.values()):.3f}")
                print(f"| {mode_name} | {variant} | " + " | ".join(cells) + " |")
        print()


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "docs", "data", "performance")
    rows = []

    peak = load(directory, "peak.json")
    if peak:
        print(f"fp32 FMA peak on {peak['threads']} threads (`bench --peak`): " +
              ", ".join(f"{level} {gflops:.0f} GFLOP/s" for level, gflops in peak["fma_peak_gflops_by_level"].items()))
        print()

    print("| level | products | mode | s/epoch (min) | useful GFLOP/s | of the level's FMA peak | forward+backward | optimizer | other |")
    print("|---|---|---|---|---|---|---|---|---|")
    benches = {}
    for level in ("avx512", "avx2", "x86-64"):
        bench = load(directory, f"bench-{level}.json")
        if not bench:
            continue
        benches[level] = bench
        for mode in bench["modes"]:
            p = mode["profile"]
            # Files from before the products had a library of their choice name none: Eigen.
            products = bench.get("gemm_library_version", "Eigen")
            print(f"| {level} | {products} | {mode['mode']} | {mode['seconds_per_epoch']:.3f} ({mode['min_seconds_per_epoch']:.3f}) | "
                  f"{mode['useful_gflops']:.0f} | {100 * mode['peak_fraction']:.1f} % of {bench['fma_peak_gflops']:.0f} | "
                  f"{p['forward_backward_seconds']:.3f} | {p['optimizer_seconds']:.3f} | {p['other_seconds']:.3f} |")
    print()

    for level, bench in benches.items():
        if level == "x86-64":
            continue
        for name in ("spectral2 full", "direct"):
            mode = next(m for m in bench["modes"] if m["mode"] == name)
            fraction_at_best = mode["useful_gflops"] * mode["seconds_per_epoch"] / mode["min_seconds_per_epoch"] / bench["fma_peak_gflops"]
            rows.append((f"{name} ≥ 75 % of the {level} FMA peak, batch {bench['batch']}",
                         f"{100 * mode['peak_fraction']:.1f} % (median epoch; {100 * fraction_at_best:.1f} % at the fastest)",
                         verdict(mode["peak_fraction"] >= 0.75)))

    for batch, target in ((100, 2.5), (32, 2.0), (200, 2.0)):
        comparison = load(directory, f"pytorch-batch{batch}.json")
        if not comparison:
            continue
        for mode in comparison["modes"]:
            if mode["mode"] == "spectral1 eigenvalues":
                continue
            ratios = [p / r for p, r in zip(mode.get("pytorch_rounds", []), mode.get("reciprocal_rounds", []))]
            spread = f" (rounds {min(ratios):.2f}-{max(ratios):.2f}×)" if len(ratios) > 1 else ""
            rows.append((f"{mode['mode']} ≥ {target}× PyTorch {comparison['torch']}, batch {batch}",
                         f"{mode['ratio']:.2f}× (median s/epoch {mode['reciprocal_seconds_per_epoch']:.3f} against "
                         f"{mode['pytorch_seconds_per_epoch']:.3f}){spread}", verdict(mode["ratio"] >= target)))

    scaling = load(directory, "scaling.json")
    if scaling:
        within = [w for w in scaling["widths"] if 250 <= w["width"] <= 4000]
        worst = max(within, key=lambda w: abs(w["time_per_flop_vs_widest"]))
        rows.append((f"time per flop within ±15 % from width 250 to 4000 ({scaling['mode']}, batch {scaling['batch']})",
                     ", ".join(f"{w['width']}: {100 * w['time_per_flop_vs_widest']:+.0f} %" for w in within) +
                     " of the widest", verdict(abs(worst["time_per_flop_vs_widest"]) <= 0.15)))

    bench = benches.get("avx512") or next(iter(benches.values()), None)
    if bench:
        rows.append(("evaluating the 10,000 test images ≤ 20 ms", f"{bench['test_evaluation_ms']:.1f} ms (median of 7)",
                     verdict(bench["test_evaluation_ms"] <= 20)))
        if "pruning_preview_ms" in bench:
            rows.append(("pruning preview of 784-500-10 ≤ 40 ms", f"{bench['pruning_preview_ms']:.1f} ms (median of 7)",
                         verdict(bench["pruning_preview_ms"] <= 40)))
        rows.append(("peak memory ≤ 1.3× the float data", f"{bench['peak_memory_to_data']:.2f}× "
                     f"({bench['peak_memory_bytes'] / 1e6:.0f} MB, data {bench['data_bytes'] / 1e6:.0f} MB)",
                     verdict(bench["peak_memory_to_data"] <= 1.3)))

    snapshot = load(directory, "snapshot-cost.json")
    if snapshot:
        ratio = snapshot.get("ratio")
        rows.append(("a GUI snapshot at epoch 100 within 20 % of epoch 1 (784-500-10)",
                     f"ratio {ratio:.2f}", verdict(ratio is not None and ratio <= 1.2)))

    side_by_side(directory)

    print("| target | measured | verdict |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
