#!/usr/bin/env python3
"""Markdown tables of issue 18's GEMM candidates from gemm_candidates.sh's JSON lines.

    tests/benchmarks/gemm_table.py docs/data/gemm-candidates.jsonl > docs/data/gemm-candidates.md

Every figure is from a cell's best repetition (the machine is shared, so slower ones measure other
work as much as the GEMM); a cell measured in several rounds keeps its best, and the spread in the
verdict is between the worst and the best repetitions. The fraction of peak is against the highest
fp32 multiply-add rate measured during the run at the cell's level and thread count, or N times the
one-thread rate when that is higher (the two vCPUs are separate cores, but a run on a shared
machine may never catch both free at once).
"""

import json
import math
import statistics
import sys
from collections import defaultdict

LIBRARIES = {"eigen": "Eigen", "onednn": "oneDNN", "openblas": "OpenBLAS", "blis": "BLIS", "libxsmm": "libxsmm"}
LEVELS = {"sse2": "SSE2", "avx2": "AVX2", "avx512": "AVX-512"}
VERDICT_BATCH = 100
VARIANTS = {"--glibc-malloc": "glibc malloc", "--split": "split over oneTBB"}


def variant_of(cell):
    """The settings a configuration changed from the library's defaults, other than its level."""
    notes = [VARIANTS[option] for option in cell["variant"].split()]
    if "OMP_WAIT_POLICY=passive" in cell["environment"]:
        notes.append("OMP passive")
    return ", ".join(notes)


def label(configuration):
    library, level, variant = configuration
    return f"{LIBRARIES[library]} {LEVELS[level]}" + (f" ({variant})" if variant else "")


def sort_key(configuration):
    library, level, variant = configuration
    return list(LIBRARIES).index(library), list(LEVELS).index(level), variant


def merge(records):
    """One cell from its records in several rounds."""
    merged = dict(records[0])
    merged["best_s"] = min(record["best_s"] for record in records)
    merged["worst_s"] = max(record["worst_s"] for record in records)
    merged["repetitions"] = sum(record["repetitions"] for record in records)
    merged["bit_reproducible"] = all(record["bit_reproducible"] for record in records)
    merged["max_relative_error"] = max(record["max_relative_error"] for record in records)
    return merged


def load(path):
    machine, runs = None, []
    peaks = defaultdict(float)
    recorded = defaultdict(list)
    with open(path) as lines:
        for line in lines:
            record = json.loads(line)
            kind = record["record"]
            if kind == "machine":
                machine = record
            elif kind == "run":
                runs.append(record)
            elif kind == "peak":
                key = (record["level"], record["threads"])
                peaks[key] = max(peaks[key], record["gflops"])
            elif kind == "cell":
                configuration = (record["library"], record["level"], variant_of(record))
                recorded[configuration, record["threads"], record["batch"], record["width"]].append(record)
    cells = {key: merge(records) for key, records in recorded.items()}
    return machine, runs, peaks, cells


def gflops(cell, seconds_key="best_s"):
    return cell["flops"] / cell[seconds_key] / 1e9


def geometric_mean(values):
    return math.exp(statistics.fmean(math.log(value) for value in values))


class Results:
    def __init__(self, path):
        self.machine, self.runs, self.peaks, self.cells = load(path)
        self.configurations = sorted({key[0] for key in self.cells}, key=sort_key)
        self.variants = [configuration for configuration in self.configurations if configuration[2]]
        self.threads = sorted({key[1] for key in self.cells}, reverse=True)
        self.batches = sorted({key[2] for key in self.cells})
        self.widths = sorted({key[3] for key in self.cells})

    def cell(self, configuration, threads, batch, width):
        return self.cells.get((configuration, threads, batch, width))

    def peak(self, level, threads):
        return max(self.peaks.get((level, threads), 0.0), threads * self.peaks.get((level, 1), 0.0))

    def peak_fraction(self, cell):
        return gflops(cell) / self.peak(cell["level"], cell["threads"])

    def speed_table(self, threads, batch):
        rows = ["| width | " + " | ".join(label(c) for c in self.configurations) + " |",
                "|---:|" + "---:|" * len(self.configurations)]
        for width in self.widths:
            cells = [self.cell(c, threads, batch, width) for c in self.configurations]
            fastest = max((gflops(cell) for cell in cells if cell), default=None)
            entries = []
            for cell in cells:
                if not cell:
                    entries.append("—")
                    continue
                text = f"{gflops(cell):.0f} ({100 * self.peak_fraction(cell):.0f} %)"
                if cell["fallback_flop_fraction"] > 0:
                    text += " †"
                if not cell["bit_reproducible"]:
                    text += " ≠"
                entries.append(f"**{text}**" if gflops(cell) == fastest else text)
            rows.append(f"| {width} | " + " | ".join(entries) + " |")
        return rows

    def variant_table(self, variant):
        library, level, _ = variant
        base = (library, level, "")
        rows = [f"{label(variant)} against {label(base)}: speed ratio at 2 / 1 thread(s)", "",
                "| width | " + " | ".join(f"batch {batch}" for batch in self.batches) + " |",
                "|---:|" + "---:|" * len(self.batches)]
        for width in self.widths:
            entries = []
            for batch in self.batches:
                ratios = []
                for threads in self.threads:
                    changed, unchanged = self.cell(variant, threads, batch, width), self.cell(base, threads, batch, width)
                    ratios.append(f"{gflops(changed) / gflops(unchanged):.2f}×" if changed and unchanged else "—")
                entries.append(" / ".join(ratios))
            rows.append(f"| {width} | " + " | ".join(entries) + " |")
        return rows

    def checks_table(self):
        rows = ["| configuration | bit-reproducible | max relative error | BLAS fallback | library detail |",
                "|---|---|---:|---:|---|"]
        for configuration in self.configurations:
            cells = [cell for key, cell in self.cells.items() if key[0] == configuration]
            reproducible = {threads: all(cell["bit_reproducible"] for cell in cells if cell["threads"] == threads)
                            for threads in self.threads}
            fallback = max(cell["fallback_flop_fraction"] for cell in cells)
            rows.append(f"| {label(configuration)} | "
                        + ", ".join(f"{'yes' if reproducible[t] else 'NO'} at {t}" for t in sorted(reproducible))
                        + f" | {max(cell['max_relative_error'] for cell in cells):.1e}"
                        + f" | {f'≤ {100 * fallback:.1f} % of flops' if fallback else 'none'}"
                        + f" | {cells[0]['detail']}; {cells[0]['environment'] or 'no variables'} |")
        return rows

    def ranking(self, threads, batch, configurations):
        """(geometric mean GFLOP/s of the best, of the worst repetitions, of peak fraction) per configuration."""
        ranked = []
        for configuration in configurations:
            cells = [self.cell(configuration, threads, batch, width) for width in self.widths]
            if all(cells):
                ranked.append((geometric_mean([gflops(cell) for cell in cells]),
                               geometric_mean([gflops(cell, "worst_s") for cell in cells]),
                               geometric_mean([self.peak_fraction(cell) for cell in cells]), configuration))
        return sorted(ranked, reverse=True)

    def verdict(self, threads):
        ranked = self.ranking(threads, VERDICT_BATCH, self.configurations)
        if len(ranked) < 2:
            return f"Too few configurations measured at batch {VERDICT_BATCH} for a verdict."
        (best, worst, fraction, winner), (second, _, _, runner_up) = ranked[0], ranked[1]
        text = (f"At batch {VERDICT_BATCH} on {threads} thread(s) (geometric mean over widths "
                f"{self.widths[0]}-{self.widths[-1]} of each cell's best repetition), **{label(winner)}** is fastest: "
                f"{best:.0f} GFLOP/s, {100 * fraction:.0f} % of its level's peak (its repetitions spread "
                f"{worst:.0f}-{best:.0f} GFLOP/s, worst to best), {best / second:.2f}× the next, "
                f"{label(runner_up)} ({second:.0f})")
        for reference in (("eigen", "avx512", ""), ("eigen", "avx2", "")):
            match = [entry for entry in ranked if entry[3] == reference]
            if match and reference not in (winner, runner_up):
                text += f", and {best / match[0][0]:.2f}× {label(reference)} ({match[0][0]:.0f})"
        avx2 = [entry for entry in ranked if entry[3][1] == "avx2"]
        if avx2 and avx2[0][3] != winner:
            text += (f". With AVX2 only, {label(avx2[0][3])} leads at {avx2[0][0]:.0f} GFLOP/s "
                     f"({100 * avx2[0][2]:.0f} % of the AVX2 peak)")
        return text + "."

    def markdown(self):
        out = ["# GEMM candidates (issue 18)", "",
               "Generated by `tests/benchmarks/gemm_table.py` from `docs/data/gemm-candidates.jsonl` "
               "(`tests/benchmarks/gemm_candidates.sh`). The products of one training step of 784-W-10 at a batch "
               "size: W1·X, W2·H, W2ᵀ·D2, D2·Hᵀ, D1·Xᵀ, fp32, column-major; GFLOP/s = 2·Σ m·n·k / time of the "
               "step's best repetition (each cell repeated for at least 0.2 s and 5 times), and in parentheses the "
               "fraction of the fp32 multiply-add peak of the level the library ran at."]
        if self.machine:
            out += ["", f"Machine: {self.machine['model']} (family {self.machine['family']}, model "
                        f"{self.machine['model_number']}), {self.machine['cpus']} vCPUs"
                        + (f" under {self.machine['hypervisor']}" if self.machine.get("hypervisor") else "")
                        + f", kernel {self.machine['kernel']}, {self.machine['date']}; SIMD flags: "
                        f"{self.machine['simd_flags']}."]
        if self.runs:
            busy = [run["background_busy_percent"] for run in self.runs]
            waited = sum(run["waited_s"] for run in self.runs)
            out += ["", f"Other work on the machine in the second before each of the {len(self.runs)} processes: "
                        f"median {statistics.median(busy):.0f} %, at most {max(busy)} % of both cores busy "
                        f"(waited {waited} s in all for quieter moments)."]
        out += ["", "## Verdict", ""]
        for threads in self.threads:
            out += [self.verdict(threads), ""]
        out += ["## fp32 multiply-add peak (GFLOP/s)", "",
                "Highest measured in the run, and in parentheses the peak the fractions are of: N threads' "
                "measurement or N times one thread's, whichever is higher.", "",
                "| level | " + " | ".join(f"{t} thread(s)" for t in self.threads) + " |",
                "|---|" + "---:|" * len(self.threads)]
        for level in LEVELS:
            if any(key[0] == level for key in self.peaks):
                out.append(f"| {LEVELS[level]} | " + " | ".join(
                    f"{self.peaks.get((level, t), math.nan):.1f} ({self.peak(level, t):.1f})" for t in self.threads)
                           + " |")
        for threads in self.threads:
            out += ["", f"## {threads} thread(s)"]
            for batch in self.batches:
                out += ["", f"Batch {batch}: GFLOP/s (% of peak); fastest in bold", ""]
                out += self.speed_table(threads, batch)
        out += ["", "† a product libxsmm's JIT has no kernel for (transposed A: W2ᵀ·D2) went through libxsmm_sgemm "
                    "to its BLAS, OpenBLAS (see the checks below). ≠ not bit-reproducible."]
        if self.variants:
            out += ["", "## Settings compared"]
            for variant in self.variants:
                out += [""] + self.variant_table(variant)
        out += ["", "## Checks", "",
                "Bit-reproducible: the step's results after its timed repetitions equal, bit for bit, those of its "
                "first run, in every cell at that thread count. Max relative error: against a double-precision "
                "product, |c − exact| / Σₖ |a b| over every row of up to 64 columns of every product.", ""]
        out += self.checks_table()
        return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gemm_table.py RESULTS.jsonl > TABLES.md")
    sys.stdout.write(Results(sys.argv[1]).markdown())


if __name__ == "__main__":
    main()
