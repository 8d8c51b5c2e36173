#!/usr/bin/env python3
"""A/B timing of whole `build` processes, interleaved.

    python3 benches/ab.py [--runs N] [--root DIR] BINARY_A BINARY_B ...

On a shared, noisy machine two benchmarks run one after the other can differ
by more than the change being measured. This script runs each binary's
`build --root DIR --output /dev/shm/...` in turn, round after round, so that
every binary sees the same noise, and prints each one's median wall time and
quartiles, with /bin/true as the floor of starting any process. Use it to
decide whether a change pays; use benches/archive.sh for the recorded table.
"""

import argparse
import resource
import shutil
import statistics
import subprocess
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--root", default=".")
    args = parser.parse_args()
    out = "/dev/shm/handlingsplan-ab"
    commands = [[b, "build", "--root", args.root, "--output", out] for b in args.binaries]
    commands.append(["/bin/true"])
    wall = [[] for _ in commands]
    cpu = [[] for _ in commands]
    for _ in range(args.runs):
        for i, command in enumerate(commands):
            shutil.rmtree(out, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            wall[i].append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[i].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    shutil.rmtree(out, ignore_errors=True)
    for command, w, c in zip(commands, wall, cpu):
        q1, _, q3 = statistics.quantiles(w, n=4)
        print(
            f"{command[0][-50:]:50}  median {statistics.median(w):5.2f} ms"
            f"  (quartiles {q1:5.2f}–{q3:5.2f})  cpu mean {statistics.mean(c):5.2f} ms"
        )


if __name__ == "__main__":
    main()
