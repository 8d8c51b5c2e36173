#!/usr/bin/env python3
"""A/B timing of whole `build` processes, interleaved.

    python3 benches/ab.py [--runs N] [--root DIR] BINARY_A BINARY_B ...

On a shared, noisy machine two benchmarks run one after the other can differ
by more than the change being measured. This script runs each binary's
`build --root DIR --output /dev/shm/...` in turn, round after round, so that
every binary sees the same noise (in a new random order each round, so that
none always follows the removal of another's output), and prints each one's median wall time and
quartiles, with /bin/true as the floor of starting any process. For the
second and later binaries it also prints the median of their per-round ratio
to the first: each round's binaries ran seconds apart, so the ratio of a
round is less disturbed by the machine's load drifting than two medians are. Use it to
decide whether a change pays; use benches/archive.sh for the recorded table.
"""

import argparse
import random
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
    order = list(range(len(commands)))
    shuffle = random.Random(0).shuffle
    for _ in range(args.runs):
        shuffle(order)
        for i in order:
            command = commands[i]
            shutil.rmtree(out, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            wall[i].append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[i].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    shutil.rmtree(out, ignore_errors=True)
    for i, (command, w, c) in enumerate(zip(commands, wall, cpu)):
        q1, _, q3 = statistics.quantiles(w, n=4)
        print(
            f"{command[0][-50:]:50}  median {statistics.median(w):5.2f} ms"
            f"  (quartiles {q1:5.2f}–{q3:5.2f})  cpu mean {statistics.mean(c):5.2f} ms"
        )
        if 0 < i < len(args.binaries):
            ratios = [b / a for a, b in zip(wall[0], w)]
            r1, _, r3 = statistics.quantiles(ratios, n=4)
            print(f"{'':50}  per-round ratio to the first: median {statistics.median(ratios):.3f}"
                  f" (quartiles {r1:.3f}–{r3:.3f})")


if __name__ == "__main__":
    main()
