#!/bin/bash
# Check benchmark (issue: check). Builds, makes N (default 2000) reports of ~40 rows once,
# then measures in the same run:
#   reader     bench_read on all the files (inflate + expat + cells, nothing else)
#   openpyxl   Debian's python3-openpyxl, load_workbook(read_only=True) and every value
#   check      tonghop check --plan samples/ke-hoach/an-duong-2026-2030.xlsx --format json
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
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
  cat "$work/time.txt" | tail -1
}
echo "$n reports in $dir ($(du -sh "$dir" | cut -f1))"
read -r rt rm < <(measure "$root/build/bench/bench_read" "$dir"/*.xlsx)
read -r ct cm < <(measure "$root/build/tonghop" check --plan "$root/samples/ke-hoach/an-duong-2026-2030.xlsx" \
  --year 2026 --format json "$dir")
ot=- om=0
if /usr/bin/python3 -c "import openpyxl" 2>/dev/null; then
  read -r ot om < <(measure /usr/bin/python3 -c '
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
printf "%-10s %8s s %6s MB\n" reader "$rt" "$((rm / 1024))" check "$ct" "$((cm / 1024))" openpyxl "$ot" "$((om / 1024))"
awk -v c="$ct" -v r="$rt" -v o="$ot" -v n="$n" 'BEGIN {
  printf "check: %.0f files/s; %.2fx the reader alone", n / c, c / r
  if (o != "-") printf "; %.1fx faster than openpyxl", o / c
  printf "\n" }'
