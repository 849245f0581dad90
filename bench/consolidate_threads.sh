#!/bin/bash
# Where consolidate's CPU goes by thread (perf record at 999 Hz): the check's worker
# processes, the parent's main thread while they check and after the last of them, and the
# parent's other threads (reading the results back, the second long sheet). On an idle
# machine the main thread after the check is the critical path: the other threads run on
# the second core.
#   bench/consolidate_threads.sh [BINARY] [REPORTS_DIR]   (default build/tonghop, reports-2000)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/tonghop}
reports=${2:-$root/build/bench-data/reports-2000}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
perf record -q -F 999 -o "$data/perf.data" "$bin" consolidate --plan "$root/samples/ke-hoach/an-duong-2026-2030.xlsx" \
  --year 2026 -o "$data/out.xlsx" "$reports" >/dev/null 2>&1 || true
perf script -i "$data/perf.data" -F pid,tid,time 2>/dev/null | tr -d ':' | awk '
{ split($1, a, "/"); pid = a[1]; tid = a[2]; t = $2 + 0
  if (NR == 1) parent = pid
  if (pid != parent) { workers++; if (t > checked) checked = t }
  else if (tid == parent) main[NR] = t
  else others++
  if (t > last) last = t }
END {
  for (k in main) { if (main[k] > checked) after++; else during++ }
  printf "workers %.2f s | parent main thread: during the check %.2f s, after %.2f s | parent other threads %.2f s | wall after the check %.2f s\n",
    workers / 999, during / 999, after / 999, others / 999, last - checked }'
