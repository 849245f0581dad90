#!/bin/bash
# Check benchmark (issues: check, scale). Builds, makes N (default 2000) reports of ~40 rows
# once, then measures in the same run:
#   reader     bench_read on all the files (inflate + expat + cells, nothing else)
#   openpyxl   Debian's python3-openpyxl, load_workbook(read_only=True) and every value
#   check      tonghop check --plan samples/ke-hoach/an-duong-2026-2030.xlsx --format json,
#              with --jobs 1 and --jobs 2 (the same bytes; compared here)
# Each line: wall time, CPU time (user + system, the process and its children) and peak
# memory of the largest process. On a shared machine the wall time includes waiting for a
# core: compare the ratios of one run.
#   bench/run_check_bench.sh [N]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-2000}
"$root/scripts/build.sh"
work="$root/build/bench-data"
dir="$work/reports-$n"
if [ ! -d "$dir" ]; then
  mkdir -p "$dir.tmp"
  "$root/build/bench/make_bench_reports" "$dir.tmp" "$n"
  mv "$dir.tmp" "$dir"
fi
# measure OUT COMMAND...: prints "wall cpu peak_kb"
measure() {
  local out=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$out" 2>/dev/null || true
  tail -1 "$work/time.txt" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
}
plan="$root/samples/ke-hoach/an-duong-2026-2030.xlsx"
echo "$n reports in $dir ($(du -sh "$dir" | cut -f1))"
read -r rt rc rm < <(measure /dev/null "$root/build/bench/bench_read" "$dir"/*.xlsx)
read -r c1t c1c c1m < <(measure "$work/check-j1.json" "$root/build/tonghop" check --plan "$plan" --year 2026 --format json --jobs 1 "$dir")
read -r c2t c2c c2m < <(measure "$work/check-j2.json" "$root/build/tonghop" check --plan "$plan" --year 2026 --format json --jobs 2 "$dir")
cmp -s "$work/check-j1.json" "$work/check-j2.json" && same="the same bytes" || same="DIFFERENT OUTPUT"
ot=- oc=- om=0
if /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
  read -r ot oc om < <(measure /dev/null /usr/bin/python3 -c '
import sys, glob, openpyxl
n = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.xlsx")):
    wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(v is not None for v in row)
    wb.close()
print(n)' "$dir")
fi
printf "%-16s %8s s wall %8s s cpu %6s MB\n" reader "$rt" "$rc" "$((rm / 1024))" "check --jobs 1" "$c1t" "$c1c" \
  "$((c1m / 1024))" "check --jobs 2" "$c2t" "$c2c" "$((c2m / 1024))" openpyxl "$ot" "$oc" "$((om / 1024))"
echo "check --jobs 1 and --jobs 2: $same"
awk -v c1="$c1t" -v c2="$c2t" -v cc="$c1c" -v r="$rt" -v rc="$rc" -v o="$ot" -v n="$n" 'BEGIN {
  printf "check --jobs 2: %.0f files/s; %.2fx the reader alone (wall); --jobs 1 / --jobs 2: %.2fx\n", n / c2, c2 / r, c1 / c2
  printf "check --jobs 1: %.2fx the reader alone (CPU)\n", cc / rc
  if (o != "-") printf "openpyxl / check --jobs 2: %.1fx\n", o / c2 }'
