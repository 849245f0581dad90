#!/bin/bash
# .xls reader benchmark (issue: old Excel files). Builds, makes a 4 x 65,535 x 8 BIFF8
# workbook with formulas once, then measures in the same run:
#   reference  Debian's python3-xlrd 1.2: open_workbook + every cell value
#   reader     bench_read FILE (our BIFF reader into a counting sink)
#   bench/run_xls_bench.sh [ROWS] [SHEETS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-65535} sheets=${2:-4}
"$root/scripts/build.sh"
work="$root/build/bench-data"
mkdir -p "$work"
file="$work/read_${sheets}x${rows}x8.xls"
[ -f "$file" ] || "$root/build/bench/make_bench_xls" "$file" "$rows" "$sheets"
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
  cat "$work/time.txt"
}
echo "file: $file ($(du -h "$file" | cut -f1))"
read -r xt xm < <(measure /usr/bin/python3 -c '
import sys, xlrd
b = xlrd.open_workbook(sys.argv[1], logfile=open("/dev/null", "w"))
n = 0
for s in b.sheets():
    for r in range(s.nrows):
        for v in s.row_values(r):
            n += 1
print(n)' "$file")
read -r rt rm < <(measure "$root/build/bench/bench_read" "$file")
"$root/build/bench/bench_read" "$file"
printf "%-10s %8s s %8s MB\n" xlrd "$xt" "$((xm / 1024))" reader "$rt" "$((rm / 1024))"
awk -v r="$rt" -v x="$xt" 'BEGIN { printf "xlrd / reader time: %.1fx faster\n", x / r }'
