#!/usr/bin/env bash
# How long `import` takes for the real 2022 plan as a document — from
# pandoc (.docx) and LibreOffice (.docx, .odt), the fixtures of
# tests/word/ — and as plain text (the seed): the median of RUNS
# whole-process runs of the release binary (process start included), the
# site on tmpfs. Usage: bash benches/import_word.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
cargo build --release --quiet
bin=$PWD/target/release/handlingsplan
site=$(mktemp -d /dev/shm/hp-word-XXXXXX)
trap 'rm -rf "$site"' EXIT
mkdir -p "$site/content"
python3 - "$bin" "$site" "$runs" <<'PY'
import statistics, subprocess, sys, time
bin, site, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = f"{site}/content/2022/plan.sv.md"
for name in ["tests/word/plan-2022.pandoc.docx", "tests/word/plan-2022.lo.docx",
             "tests/word/plan-2022.lo.odt", "seeds/handlingsplan-2022.txt"]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([bin, "-r", site, "import", name, "--year", "2022", "--lang", "sv",
                        "-o", out, "--force"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    print(f"import {name}: median {statistics.median(times) * 1000:.1f} ms of {runs}")
PY
