#!/usr/bin/env bash
# Scaling benchmark: one plan with very many focus areas (hostile input, or
# a careless pull request, within the 10 MiB limit on a plan file).
#
#   bash benches/wide_plan.sh                # 10,000, 30,000 and 100,000 areas
#   bash benches/wide_plan.sh 1000 2000      # other sizes
#
# For each size N it writes a site whose plan (in Swedish and English) has N
# areas of one action each, and measures the median wall time of `build`
# into a fresh folder on tmpfs (hyperfine) and the peak RSS (GNU time). The
# time per area should stay the same as N grows: no step of a build may
# compare every area with every other (a 100,000-area plan took over seven
# minutes when pairing translations and checking anchors did).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(10000 30000 100000)
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/handlingsplan
tmp=/dev/shm/handlingsplan-wide
rm -rf "$tmp"
json=$(mktemp -d)
echo "| areas | plan file | build, tmpfs | per area | peak RSS |"
echo "|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  site=$tmp/site-$n
  mkdir -p "$site/content/2022"
  printf 'base_url: https://example.org/wide\ndefault_language: sv\nlanguages:\n  sv: { name: Svenska, title: Bred plan }\n  en: { name: English, title: Wide plan }\n' > "$site/content/site.yaml"
  for lang in sv en; do
    python3 - "$n" > "$site/content/2022/plan.$lang.md" <<'PY'
import sys
n = int(sys.argv[1])
out = ["---\ntitle: Bred plan 2022\ndescription: En plan med mycket många insatsområden.\n---\n\n"]
out += [f"## Område {i} {{#o{i}}}\n\n- Insats {i}\n\n" for i in range(n)]
sys.stdout.write("".join(out))
PY
  done
  size=$(du -k "$site/content/2022/plan.sv.md" | cut -f1)
  out=$tmp/out-$n
  hyperfine -N --style none 2>/dev/null --runs 3 --prepare "rm -rf $out" \
    --export-json "$json/$n.json" "$bin build --root $site --output $out" >/dev/null
  rss=$(/usr/bin/time -f %M "$bin" build --root "$site" --output "$out" 2>&1 >/dev/null | tail -1)
  python3 - "$json/$n.json" "$n" "$size" "$rss" <<'PY'
import json, sys
f, n, size, rss = sys.argv[1:]
m = json.load(open(f))["results"][0]["median"]
print(f"| {int(n):,} | {int(size)/1024:.1f} MB | {m:.2f} s | {m/int(n)*1e6:.0f} µs | {int(rss)/1024:.0f} MB |")
PY
done
rm -rf "$tmp" "$json"
