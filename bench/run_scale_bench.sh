#!/bin/bash
# Scaling benchmark (issue 14): check and consolidate of 100, 2,000 and 8,000 generated
# reports (bench/make_bench_reports; pass other counts, e.g. 100 2000 8000 32000), each
# against the reader alone on the same files in the same run. Per count: wall and CPU time
# per report, and the peak memory of the largest process (/usr/bin/time -v's maximum
# resident set). Time per report and peak memory should stay flat as the count grows.
# TONGHOP_BASELINE=path/to/older/tonghop adds that binary's consolidate (before/after).
#   bench/run_scale_bench.sh [COUNT...]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100 2000 8000)
"$root/scripts/build.sh" >/dev/null
work="$root/build/bench-data"
plan="$root/samples/ke-hoach/an-duong-2026-2030.xlsx"
measure() {  # COMMAND...: prints "wall cpu peak_kb"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
  tail -1 "$work/time.txt" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}'
}
printf "%7s  %-22s %10s %10s %12s %12s %8s\n" reports run "wall s" "cpu s" "ms/report" "cpu ms/rep" "peak MB"
for n in "${counts[@]}"; do
  dir="$work/reports-$n"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir.tmp"
    "$root/build/bench/make_bench_reports" "$dir.tmp" "$n" >/dev/null
    mv "$dir.tmp" "$dir"
  fi
  runs=(reader check-j1 check-j2 consolidate-j2)
  [ -n "${TONGHOP_BASELINE:-}" ] && runs+=(baseline-consolidate-j2)
  for run in "${runs[@]}"; do
    case $run in
      reader) cmd=("$root/build/bench/bench_read" "$dir") ;;
      check-j1) cmd=("$root/build/tonghop" check --plan "$plan" --year 2026 --format json --jobs 1 "$dir") ;;
      check-j2) cmd=("$root/build/tonghop" check --plan "$plan" --year 2026 --format json --jobs 2 "$dir") ;;
      consolidate-j2) cmd=("$root/build/tonghop" consolidate --plan "$plan" --year 2026 --jobs 2 -o "$work/scale-$n.xlsx" "$dir") ;;
      baseline-consolidate-j2)
        cmd=("$TONGHOP_BASELINE" consolidate --plan "$plan" --year 2026 --jobs 2 -o "$work/scale-base-$n.xlsx" "$dir") ;;
    esac
    # The files through xargs: 32,000 paths pass the system's argument limit.
    [ "$run" = reader ] &&
      cmd=(bash -c 'find "$1" -name "*.xlsx" -print0 | sort -z | xargs -0 "$0"' "$root/build/bench/bench_read" "$dir")
    read -r t c m < <(measure "${cmd[@]}")
    awk -v n="$n" -v r="$run" -v t="$t" -v c="$c" -v m="$m" \
      'BEGIN { printf "%7d  %-22s %10.2f %10.2f %12.2f %12.2f %8d\n", n, r, t, c, 1000 * t / n, 1000 * c / n, m / 1024 }'
  done
done
