#!/usr/bin/env bash
# Build-speed benchmark: handlingsplan against the write floor.
#
#   bash benches/archive.sh              # P = 1, 100, 1000
#   bash benches/archive.sh 1 100 1000 5000
#   bash benches/archive.sh --reports 4 1000   # with 4 dated follow-up reports per plan
#
# For each archive size P it writes a synthetic archive (examples/synthetic.rs,
# seed 1: P plans × 2 languages × 10 focus areas × 3 actions) and measures,
# in one run, with hyperfine (median wall time of the whole process):
#   - `build` into a fresh output folder on tmpfs (/dev/shm) and on disk;
#   - `build` replacing the previous output (what an editor's rebuild does);
#   - the write floor: `cp -r` of the produced output into a fresh folder on
#     the same file system, and the ratio build / floor;
#   - on tmpfs, the same ratio round by round: a fresh build and a `cp -r`
#     seconds apart, in turn (which goes first alternates), the median of the
#     rounds' ratios — the floor moves with the machine's load more than the
#     build does, and two medians taken minutes apart move with it;
#   - the peak RSS of one build (GNU time);
#   - the wall time and peak RSS of one `check` (GNU time);
# then the peak RSS of one plan with 0 and with 40 dated reports.
# It also times the build of the real 2022 site. Needs hyperfine (Debian
# package `hyperfine`) and GNU time (`time`); installs neither itself.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=0
if [ "${1:-}" = "--reports" ]; then reports=$2; shift 2; fi
sizes=("$@")
[ $# -eq 0 ] && sizes=(1 100 1000)
command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 1; }

cargo build --release --quiet --example synthetic
bin=$PWD/target/release/handlingsplan
synth=$PWD/target/release/examples/synthetic
tmp=/dev/shm/handlingsplan-bench
disk=$PWD/target/bench
rm -rf "$tmp" "$disk"
mkdir -p "$tmp" "$disk"
json=$(mktemp -d)

runs_for() { if [ "$1" -ge 1000 ]; then echo 5; elif [ "$1" -ge 100 ]; then echo 10; else echo 30; fi; }

[ "$reports" -gt 0 ] && echo "($reports dated follow-up reports per plan)"
echo "| plans | pages | build, tmpfs | rebuild, tmpfs | cp -r floor, tmpfs | build / floor | per round | build, disk | cp -r floor, disk | peak RSS | check | check peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for p in "${sizes[@]}"; do
  site=$tmp/site-$p
  "$synth" --plans "$p" --reports "$reports" --out "$site" --seed 1 >/dev/null
  runs=$(runs_for "$p")
  for fs in tmpfs disk; do
    base=$tmp; [ "$fs" = disk ] && base=$disk
    [ "$fs" = disk ] && [ "$p" -ge 1000 ] && runs=3
    out=$base/out-$p; copy=$base/copy-$p
    # The synthetic site's settings are warned about (a placeholder address,
    # no accessibility assessment): not what is measured, so not printed.
    "$bin" build --root "$site" --output "$out" >/dev/null 2>"$json/warnings" || { cat "$json/warnings"; exit 1; }
    hyperfine -N --style none 2>/dev/null --runs "$runs" --warmup 1 --prepare "rm -rf $out" \
      --export-json "$json/build-$fs.json" "$bin build --root $site --output $out" >/dev/null
    hyperfine -N --style none 2>/dev/null --runs "$runs" --warmup 1 \
      --export-json "$json/rebuild-$fs.json" "$bin build --root $site --output $out" >/dev/null
    hyperfine -N --style none 2>/dev/null --runs "$runs" --warmup 1 --prepare "rm -rf $copy" \
      --export-json "$json/floor-$fs.json" "cp -r $out $copy" >/dev/null
    if [ "$fs" = tmpfs ]; then python3 - "$bin" "$site" "$out" "$copy" "$runs" >"$json/rounds" <<'PY'
import shutil, statistics, subprocess, sys, time
bin, site, out, copy, runs = sys.argv[1:]
def timed(cmd, fresh):
    shutil.rmtree(fresh, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
build = lambda: timed([bin, "build", "--root", site, "--output", out], out)
floor = lambda: timed(["cp", "-r", out, copy], copy)
ratios = []
for i in range(int(runs)):
    if i % 2 == 0:
        b = build()
        f = floor()
    else:
        f = floor()
        b = build()
    ratios.append(b / f)
print(f"{statistics.median(ratios):.2f}")
PY
    fi
  done
  pages=$(find "$tmp/out-$p" -name '*.html' | wc -l)
  rss=$(/usr/bin/time -f %M "$bin" build --root "$site" --output "$tmp/out-$p" 2>&1 >/dev/null | tail -1)
  # `check` renders every page in memory and reads it for its links (one
  # run; GNU time counts in hundredths of a second).
  checked=$(/usr/bin/time -f "%e %M" "$bin" check --root "$site" 2>&1 >/dev/null | tail -1)
  python3 - "$json" "$p" "$pages" "$rss" "$(cat "$json/rounds")" $checked <<'PY'
import json, sys
d, p, pages, rss, rounds, check_s, check_rss = sys.argv[1:]
m = lambda n: json.load(open(f"{d}/{n}.json"))["results"][0]["median"]
ms = lambda s: f"{s*1000:.0f} ms" if s >= 0.1 else f"{s*1000:.1f} ms"
b, r, f = m("build-tmpfs"), m("rebuild-tmpfs"), m("floor-tmpfs")
checked = ms(float(check_s)) if float(check_s) > 0 else "< 10 ms"
print(f"| {p} | {pages} | {ms(b)} | {ms(r)} | {ms(f)} | {b/f:.2f} | {rounds} | {ms(m('build-disk'))} | {ms(m('floor-disk'))} | {int(rss)/1024:.0f} MB | {checked} | {int(check_rss)/1024:.0f} MB |")
PY
done

# A decade of quarterly reports on one plan: 40 dated reports. Its peak RSS
# should stay near a plan without reports (memory that does not grow with
# the number of reports). The first build draws the share cards.
for n in 0 40; do
  "$synth" --plans 1 --reports "$n" --out "$tmp/decade-$n" --seed 1 >/dev/null
  "$bin" build --root "$tmp/decade-$n" --output "$tmp/decade-out-$n" >/dev/null 2>"$json/warnings" || { cat "$json/warnings"; exit 1; }
  rss=$(/usr/bin/time -f %M "$bin" build --root "$tmp/decade-$n" --output "$tmp/decade-out-$n" 2>&1 >/dev/null | tail -1)
  echo "1 plan, $n dated reports: peak RSS $(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }') MB"
done

hyperfine -N --style none 2>/dev/null --runs 50 --warmup 3 --prepare "rm -rf $tmp/real" \
  --export-json "$json/real.json" "$bin build --root . --output $tmp/real" >/dev/null
echo
echo "real 2022 site ($(find "$tmp/real" -name '*.html' | wc -l) pages): build median $(python3 -c 'import json,sys; print("%.1f ms" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$json/real.json")"
rm -rf "$tmp" "$disk" "$json"
