#!/bin/bash
# Issue 14's goals against the peers and the floor (../shared/bench-peers, copied to
# build/bench-peers and built there), every figure measured in this one run:
#   G1  2,000 reports -> consolidated workbook: tonghop consolidate, pandas + openpyxl,
#       exceljs, the floor's `consolidate`; tonghop again under `ulimit -n 256`.
#   G5  one report of 1,000,000 rows: tonghop check against the floor's `cells` (and pandas
#       read + match), tonghop consolidate.
# Each run is one whole process under /usr/bin/time (wall, CPU = user + system, peak RSS of
# the largest process). The machine is shared: ratios are of runs made minutes apart here.
# TONGHOP_BASELINE=path/to/older/tonghop measures that binary's consolidate and check too
# (before/after figures from one run; for G5 also each process's peak: bench/rss_per_process.sh).
#   bench/run_peers_bench.sh [g1|g5|all] [REPORTS] [BIG_ROWS]     (default all 2000 1000000)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all} n=${2:-2000} big_rows=${3:-1000000}
peers_src="$root/../shared/bench-peers"
[ -d "$peers_src" ] || { echo "bench-peers not found at $peers_src" >&2; exit 2; }
# The peers' own libraries (the floor links minizip and pugixml; the pandas peer).
TONGHOP_EXTRA_PACKAGES=(libminizip-dev libpugixml-dev python3-pandas)
source "$root/scripts/deps.sh"
"$root/scripts/build.sh" >/dev/null
work="$root/build/bench-data"
peers="$root/build/bench-peers"
mkdir -p "$work"
if [ ! -x "$peers/build/xlsxfloor" ]; then
  rm -rf "$peers" && cp -r "$peers_src" "$peers"
  make -C "$peers" >/dev/null
  gcc -O2 -o "$peers/build/make_big_report" "$peers/peers/make_big_report.c" -lxlsxwriter
fi
[ -d "$peers/node/node_modules" ] || (cd "$peers/node" && npm ci --no-audit --no-fund >/dev/null)
plan="$root/samples/ke-hoach/an-duong-2026-2030.xlsx"
tonghop="$root/build/tonghop"
reports="$work/reports-$n"
if [ ! -d "$reports" ]; then
  mkdir -p "$reports.tmp" && "$root/build/bench/make_bench_reports" "$reports.tmp" "$n" >/dev/null
  mv "$reports.tmp" "$reports"
fi
big="$work/big-$big_rows.xlsx"
[ -f "$big" ] || "$peers/build/make_big_report" "$big" "$big_rows" >/dev/null
measure() {  # NAME COMMAND...: one line "NAME wall cpu peak_MiB exit"
  local name=$1
  shift
  local code=0
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/$name.err" || code=$?
  tail -1 "$work/time.txt" | awk -v n="$name" -v c="$code" '{printf "%-28s %8.2f %8.2f %8.0f %4d\n", n, $1, $2 + $3, $4 / 1024, c}' |
    tee -a "$work/peers.txt"
}
[ "$what" = g5 ] || : >"$work/peers.txt"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-28s %8s %8s %8s %4s\n" run "wall s" "cpu s" "peak MiB" exit
if [ "$what" != g5 ]; then
echo "== G1: $n reports -> one workbook"
measure tonghop-consolidate "$tonghop" consolidate --plan "$plan" --year 2026 -o "$work/g1-tonghop.xlsx" "$reports"
measure floor-consolidate "$peers/build/xlsxfloor" consolidate -o "$work/g1-floor.xlsx" "$reports"/*.xlsx
measure exceljs node "$peers/peers/consolidate_exceljs.js" "$plan" "$work/g1-exceljs.xlsx" "$reports"
measure pandas-openpyxl /usr/bin/python3 "$peers/peers/consolidate_pandas.py" "$plan" "$work/g1-pandas.xlsx" "$reports"
measure tonghop-consolidate-n256 bash -c "ulimit -n 256 && exec \"$tonghop\" consolidate --plan \"$plan\" --year 2026 -o \"$work/g1-n256.xlsx\" \"$reports\""
measure tonghop-check-json "$tonghop" check --plan "$plan" --year 2026 --format json "$reports"
if [ -n "${TONGHOP_BASELINE:-}" ]; then
  measure baseline-consolidate "$TONGHOP_BASELINE" consolidate --plan "$plan" --year 2026 -o "$work/g1-baseline.xlsx" "$reports"
  measure baseline-check-json "$TONGHOP_BASELINE" check --plan "$plan" --year 2026 --format json "$reports"
fi
measure floor-cells "$peers/build/xlsxfloor" cells "$reports"/*.xlsx
fi
if [ "$what" != g1 ]; then
echo "== G5: one report of $big_rows rows"
measure big-floor-cells "$peers/build/xlsxfloor" cells "$big"
measure big-tonghop-check "$tonghop" check --plan "$plan" --year 2026 --format json "$big"
measure big-tonghop-consolidate "$tonghop" consolidate --plan "$plan" --year 2026 -o "$work/g5-tonghop.xlsx" "$big"
measure big-pandas-read-match /usr/bin/python3 "$peers/peers/consolidate_pandas.py" --no-write "$plan" - "$big"
if [ -n "${TONGHOP_BASELINE:-}" ]; then
  measure big-baseline-check "$TONGHOP_BASELINE" check --plan "$plan" --year 2026 --format json "$big"
  measure big-baseline-consolidate "$TONGHOP_BASELINE" consolidate --plan "$plan" --year 2026 -o "$work/g5-baseline.xlsx" "$big"
fi
# Each process's peak (the parent and its checking worker), the check again.
echo "-- per process, tonghop check of $big_rows rows:"
"$root/bench/rss_per_process.sh" "$tonghop" check --plan "$plan" --year 2026 --format json "$big" || true
if [ -n "${TONGHOP_BASELINE:-}" ]; then
  echo "-- per process, baseline check of $big_rows rows:"
  "$root/bench/rss_per_process.sh" "$TONGHOP_BASELINE" check --plan "$plan" --year 2026 --format json "$big" || true
fi
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
r() { awk -v a="$1" -v b="$2" -v col="$3" '$1 == a {x = $col} $1 == b {y = $col} END {if (y > 0) printf "%.2f", x / y; else printf "-"}' "$work/peers.txt"; }
echo "== ratios (wall; CPU in brackets)"
echo "G1 pandas / tonghop:            $(r pandas-openpyxl tonghop-consolidate 2)x ($(r pandas-openpyxl tonghop-consolidate 3)x)  goal >= 10x"
echo "G1 exceljs / tonghop:           $(r exceljs tonghop-consolidate 2)x ($(r exceljs tonghop-consolidate 3)x)  goal >= 2x"
echo "G1 tonghop / floor:             $(r tonghop-consolidate floor-consolidate 2)x ($(r tonghop-consolidate floor-consolidate 3)x)  goal <= 3x"
echo "check / floor cells ($n):      $(r tonghop-check-json floor-cells 2)x ($(r tonghop-check-json floor-cells 3)x)"
if [ -n "${TONGHOP_BASELINE:-}" ]; then
  echo "G1 tonghop / baseline:          $(r tonghop-consolidate baseline-consolidate 2)x ($(r tonghop-consolidate baseline-consolidate 3)x), peak $(r tonghop-consolidate baseline-consolidate 4)x"
  echo "check tonghop / baseline:       $(r tonghop-check-json baseline-check-json 2)x ($(r tonghop-check-json baseline-check-json 3)x)"
fi
echo "G5 check / floor cells:         $(r big-tonghop-check big-floor-cells 2)x ($(r big-tonghop-check big-floor-cells 3)x)  goal <= 4x"
if [ -n "${TONGHOP_BASELINE:-}" ]; then
  echo "G5 check tonghop / baseline:    $(r big-tonghop-check big-baseline-check 2)x ($(r big-tonghop-check big-baseline-check 3)x), peak $(r big-tonghop-check big-baseline-check 4)x"
  echo "G5 consolidate tonghop / base:  $(r big-tonghop-consolidate big-baseline-consolidate 2)x ($(r big-tonghop-consolidate big-baseline-consolidate 3)x), peak $(r big-tonghop-consolidate big-baseline-consolidate 4)x"
fi
