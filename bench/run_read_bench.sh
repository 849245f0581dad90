#!/bin/bash
# Reader benchmark (issue: foundation). Builds, makes the 1,000,000 x 8 workbook once, then
# measures in the same run:
#   baseline  unzip -p FILE xl/worksheets/sheet1.xml > /dev/null   (inflating the sheet XML)
#   reader    bench_read FILE                                       (inflate + expat + cells)
# and prints wall time and peak memory (RSS) of each, and the ratio.
#   bench/run_read_bench.sh [ROWS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
rows=${1:-1000000}
"$root/scripts/build.sh"
work="$root/build/bench-data"
mkdir -p "$work"
file="$work/read_${rows}x8.xlsx"
[ -f "$file" ] || "$root/build/bench/make_bench_xlsx" "$file" "$rows"
measure() {  # prints "seconds maxrss_kb"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
  cat "$work/time.txt"
}
echo "file: $file ($(du -h "$file" | cut -f1), sheet XML $(unzip -l "$file" xl/worksheets/sheet1.xml | awk 'NR==4{print $1}') bytes)"
read -r bt bm < <(measure unzip -p "$file" xl/worksheets/sheet1.xml)
read -r rt rm < <(measure "$root/build/bench/bench_read" "$file")
"$root/build/bench/bench_read" "$file"
printf "%-10s %8s s %8s MB\n" baseline "$bt" "$((bm / 1024))" reader "$rt" "$((rm / 1024))"
awk -v r="$rt" -v b="$bt" 'BEGIN { printf "reader / baseline time: %.2fx\n", r / b }'
