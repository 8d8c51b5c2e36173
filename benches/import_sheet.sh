#!/usr/bin/env bash
# How long `follow-up import` takes for a sheet of 10,000 rows (a plan of
# 100 focus areas × 100 actions, every row changed), and `follow-up sheet`
# for the same plan: the median of RUNS whole-process runs of the release
# binary, the site on tmpfs. Usage: bash benches/import_sheet.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
cargo build --release --quiet
bin=$PWD/target/release/handlingsplan
site=$(mktemp -d /dev/shm/hp-sheet-XXXXXX)
trap 'rm -rf "$site"' EXIT
python3 - "$site" <<'PY'
import os, sys
site = sys.argv[1]
os.makedirs(f"{site}/content/2022")
open(f"{site}/content/site.yaml", "w").write(open("tests/fixtures/minimal/content/site.yaml").read())
for lang, title in [("sv", "Plan"), ("en", "Plan")]:
    with open(f"{site}/content/2022/plan.{lang}.md", "w") as f:
        f.write(f"---\ntitle: {title} 2022\ndescription: Tiotusen insatser.\n---\n\nInledning.\n")
        for a in range(100):
            f.write(f"\n## Område {a} {{#o{a}}}\n\n")
            for n in range(100):
                f.write(f"- Insats {n} i område {a}, med några ord till\n")
with open(f"{site}/rows.csv", "w") as f:
    f.write("Rapportdatum;2022-09-30\n\nId;Status;Genomfört;Anteckning\n")
    for a in range(100):
        for n in range(1, 101):
            f.write(f"o{a}-{n};Pågår;{(a + n) % 101};Anteckning {a}.{n}\n")
PY
python3 - "$bin" "$site" "$runs" <<'PY'
import statistics, subprocess, sys, time, os
bin, site, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def median(cmd, before=None):
    times = []
    for _ in range(runs):
        if before: before()
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000
report = f"{site}/content/2022/follow-up/2022-09-30.yaml"
def clean():
    if os.path.exists(report): os.remove(report)
imp = median([bin, "-r", site, "follow-up", "import", f"{site}/rows.csv"], clean)
out = f"{site}/sheet.xlsx"
sheet = median([bin, "-r", site, "follow-up", "sheet", "2022", "-o", out, "--force"])
print(f"follow-up import, 10,000 rows: median {imp:.0f} ms of {runs}")
print(f"follow-up sheet, 10,000 rows:  median {sheet:.0f} ms of {runs}")
PY
