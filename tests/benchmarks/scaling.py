#!/usr/bin/python3
"""Does the cost grow with the work? Runs `reciprocal bench` for 784-H-10 at several hidden widths H
and prints seconds per epoch against the flop count, normalised to the widest net: once the GEMMs
dominate, time per flop should stay within +-20 % of constant.

    tests/benchmarks/scaling.py [--reciprocal build/app/reciprocal] [--widths 100,250,500,1000,2000,4000]
        [--mode spectral2-full] [--epochs 2] [--threads 2]
"""
import argparse
import json
import os
import subprocess


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reciprocal", default=os.path.join(root, "build", "app", "reciprocal"))
    parser.add_argument("--widths", default="100,250,500,1000,2000,4000")
    parser.add_argument("--mode", default="spectral2-full")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of a table")
    args = parser.parse_args()

    rows = []
    for width in [int(w) for w in args.widths.split(",")]:
        command = [args.reciprocal, "bench", "--json", "--modes", args.mode, "--arch", f"784-{width}-10",
                   "--batch", str(args.batch), "--epochs", str(args.epochs), "--threads", str(args.threads)]
        result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        mode = result["modes"][0]
        rows.append((width, mode["seconds_per_epoch"], mode["gflops"], mode["roofline_fraction"]))
    seconds_per_gflop = [seconds / (seconds * gflops) for _, seconds, gflops, _ in rows]
    reference = seconds_per_gflop[-1]
    if args.json:
        print(json.dumps({"mode": args.mode, "batch": args.batch, "threads": args.threads, "widths": [
            {"width": width, "seconds_per_epoch": seconds, "gflops": gflops, "roofline_fraction": roofline,
             "time_per_flop_vs_widest": per / reference - 1}
            for (width, seconds, gflops, roofline), per in zip(rows, seconds_per_gflop)]}, indent=2))
        return
    print(f"{args.mode}, batch {args.batch}, {args.threads} threads")
    print(f"{'784-H-10':>10s} {'s/epoch':>9s} {'GFLOP/s':>8s} {'roofline':>9s} {'time per flop vs widest':>24s}")
    for (width, seconds, gflops, roofline), per in zip(rows, seconds_per_gflop):
        print(f"{width:10d} {seconds:9.3f} {gflops:8.1f} {100 * roofline:8.1f}% {100 * (per / reference - 1):+23.1f}%")


if __name__ == "__main__":
    main()
