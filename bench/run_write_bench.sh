#!/bin/bash
# Write benchmark (issue: consolidate). In the same run, three rounds each:
#   reports  check of N (default 2000) reports, then consolidate + write the workbook
#            (summary, indicators, tasks, units, issues, one sheet per submission)
#   raw      one submission of 1,000,000 rows written as its raw sheet
#   bare     libxlsxwriter alone (constant-memory mode) writing every cell of the workbook
#            just written, with no format, formula or chart: the baseline
# Prints the write phase of each (wall and CPU time: on a shared machine the wall time
# includes waiting for a core), its median over the rounds and the peak memory.
#   bench/run_write_bench.sh [N] [ROUNDS]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-2000}
rounds=${2:-3}
"$root/scripts/build.sh" >/dev/null
work="$root/build/bench-data"
dir="$work/reports-$n"
if [ ! -d "$dir" ]; then
  mkdir -p "$dir.tmp"
  "$root/build/bench/make_bench_reports" "$dir.tmp" "$n"
  mv "$dir.tmp" "$dir"
fi
plan="$root/samples/ke-hoach/an-duong-2026-2030.xlsx"
bw="$root/build/bench/bench_write"
# Runs one measurement: prints "<write seconds> <peak MB of the process> <write CPU seconds>".
measure() {
  /usr/bin/time -f "%M" -o "$work/time.txt" "$@" >"$work/out.txt"
  echo "$(grep '^write' "$work/out.txt" | awk '{print $2}') $(( $(tail -1 "$work/time.txt") / 1024 ))" \
       "$(grep '^write' "$work/out.txt" | sed 's/.*cpu \([0-9.]*\) s.*/\1/')"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
: >"$work/reports.txt"; : >"$work/bare_reports.txt"; : >"$work/raw.txt"; : >"$work/bare_raw.txt"
for ((i = 1; i <= rounds; ++i)); do
  measure "$bw" reports "$plan" "$work/w-reports.xlsx" "$dir"/*.xlsx >>"$work/reports.txt"
  measure "$bw" bare "$work/w-reports.xlsx" "$work/b-reports.xlsx" >>"$work/bare_reports.txt"
  measure "$bw" raw "$plan" 1000000 "$work/w-raw.xlsx" >>"$work/raw.txt"
  measure "$bw" bare "$work/w-raw.xlsx" "$work/b-raw.xlsx" >>"$work/bare_raw.txt"
done
grep -E '^(check|write|submissions)' <("$bw" reports "$plan" "$work/w-reports.xlsx" "$dir"/*.xlsx) | sed 's/^/  reports: /'
for t in reports bare_reports raw bare_raw; do
  printf "%-13s write %s s (median of %s: %s)   cpu %s s   peak %s MB\n" "$t" "$(cut -d' ' -f1 "$work/$t.txt" | median)" \
    "$rounds" "$(cut -d' ' -f1 "$work/$t.txt" | tr '\n' ' ')" "$(cut -d' ' -f3 "$work/$t.txt" | median)" \
    "$(cut -d' ' -f2 "$work/$t.txt" | median)"
done
awk -v a="$(cut -d' ' -f3 "$work/reports.txt" | median)" -v b="$(cut -d' ' -f3 "$work/bare_reports.txt" | median)" \
    -v c="$(cut -d' ' -f3 "$work/raw.txt" | median)" -v d="$(cut -d' ' -f3 "$work/bare_raw.txt" | median)" \
    'BEGIN { printf "write / bare write, CPU time: %d reports %.2fx, 1,000,000-row raw sheet %.2fx\n", '"$n"', a / b, c / d }'
# The same run with at most 256 open files (Debian's login default is 1024).
(ulimit -n 256; "$bw" reports "$plan" "$work/w-256.xlsx" "$dir"/*.xlsx | grep '^write' | sed 's/^/  reports under ulimit -n 256: /')
awk -v a="$(cut -d' ' -f1 "$work/reports.txt" | median)" -v b="$(cut -d' ' -f1 "$work/bare_reports.txt" | median)" \
    -v c="$(cut -d' ' -f1 "$work/raw.txt" | median)" -v d="$(cut -d' ' -f1 "$work/bare_raw.txt" | median)" \
    'BEGIN { printf "write / bare write: %d reports %.2fx, 1,000,000-row raw sheet %.2fx (goal: within 1.5x)\n", '"$n"', a / b, c / d }'
ls -l "$work/w-reports.xlsx" "$work/w-raw.xlsx" | awk '{printf "  %s %.1f MB\n", $9, $5 / 1e6}'
