#!/usr/bin/env bash
# Instructions, not milliseconds: what a build executes, by phase, counted
# by valgrind's callgrind — the same count on a busy machine as on a quiet
# one, where wall times of a few milliseconds move by a third with the load.
#
#   bash benches/instructions.sh                      # target/release/handlingsplan
#   bash benches/instructions.sh OLD_BINARY NEW_BINARY  # a change, side by side
#
# For each binary: a fresh build of the real 2022 site, and of a synthetic
# archive of 100 plans without reports (examples/synthetic.rs, seed 1), with
# the card cache filled first (drawing cards is not what is measured). Prints
# millions of instructions per phase (inclusive: a phase counts what it
# calls). What the kernel does for a system call is not counted, and work
# done on other threads counts in the phase that runs there (the archive's
# plans are read and rendered on rayon's threads: `load_year`, `job`).
# Phases are found by function name, so a function renamed or inlined shows
# as "-". Counts of one binary differ by well under 1 % between runs (hash
# maps' random seeds). Needs valgrind (Debian package `valgrind`).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install -y valgrind" >&2; exit 1; }
bins=("$@")
if [ $# -eq 0 ]; then
  cargo build --release --quiet
  bins=("$PWD/target/release/handlingsplan")
fi
cargo build --release --quiet --example synthetic
tmp=$(mktemp -d /dev/shm/handlingsplan-instructions.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
target/release/examples/synthetic --plans 100 --out "$tmp/archive" --seed 1 >/dev/null

for i in "${!bins[@]}"; do
  for site in real archive; do
    root=.
    [ "$site" = archive ] && root=$tmp/archive
    "${bins[$i]}" build --root "$root" --output "$tmp/warm" >/dev/null 2>&1
    rm -rf "$tmp/out"
    valgrind --tool=callgrind --callgrind-out-file="$tmp/$site-$i.cg" \
      "${bins[$i]}" build --root "$root" --output "$tmp/out" >/dev/null 2>&1
    callgrind_annotate --inclusive=yes --threshold=100 "$tmp/$site-$i.cg" >"$tmp/$site-$i.txt"
  done
done

python3 - "$tmp" "${#bins[@]}" "${bins[@]}" <<'EOF'
import re, sys

tmp, n, bins = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
PHASES = [
    ("all", ["PROGRAM TOTALS"]),
    ("the loader (process start)", ["_dl_start"]),
    ("reading the settings", ["handlingsplan::content::read_config"]),
    ("reading the plans", ["handlingsplan::content::year::load_year"]),
    ("loading the theme", ["handlingsplan::theme::Theme::load"]),
    ("  compiling its templates", ["tera::template::Template::new", "tera::tera::Tera::finalize_templates"]),
    ("rendering (the jobs)", ["handlingsplan::render::Renderer::job"]),
    ("  Tera's interpreter", ["tera::tera::Tera::render_to"]),
    ("  year over year", ["handlingsplan::changes::compare"]),
    ("  open data (plan.json)", ["handlingsplan::render::opendata::plan_json"]),
    ("checking the links", ["handlingsplan::linkcheck::editor::build_links"]),
    ("printing the warnings", ["handlingsplan::cmd::print_diagnostics"]),
]
LINE = re.compile(r"^\s*([\d,]+) \([ \d.%]+\)\s+(?:[^\s:]*:)?(.+?)(?: \[.*\])?$")


def counts(path):
    found = {}
    for line in open(path):
        m = LINE.match(line)
        if m:
            name = m.group(2).strip()
            found[name] = max(found.get(name, 0), int(m.group(1).replace(",", "")))
    return found


for site, title in [("real", "the real 2022 site"), ("archive", "100 plans, no reports")]:
    tables = [counts(f"{tmp}/{site}-{i}.txt") for i in range(n)]
    head = "".join(f" | {b[-24:]:>24}" for b in bins)
    print(f"\n{title} (millions of instructions, inclusive)\n{'phase':32}{head}")
    for label, names in PHASES:
        row = ""
        for t in tables:
            hits = [t[x] for x in names if x in t]
            total = t.get("PROGRAM TOTALS", 0)
            cell = f"{sum(hits) / 1e6:8.2f} ({100 * sum(hits) / total:4.1f} %)" if hits and total else "-"
            row += f" | {cell:>24}"
        print(f"{label:32}{row}")
    if n > 1:
        a, b = (t.get("PROGRAM TOTALS", 0) for t in (tables[0], tables[-1]))
        print(f"{'last / first':32} | {b / a:.4f}")
EOF
