#!/bin/bash
# The peak resident memory of each process of a command (tonghop check and consolidate run a
# parent and worker processes: /usr/bin/time's %M gives only the largest), sampled from
# /proc every 50 ms; one line per process, largest first. Linux only.
#   bench/rss_per_process.sh build/tonghop check --plan P --year 2026 --format json big.xlsx
# The command's output goes to $OUT (default /dev/null).
set -u
"$@" >"${OUT:-/dev/null}" 2>/dev/null &
root=$!
declare -A peak name
tree() {
  local p
  for p in $(pgrep -P "$1"); do
    echo "$p"
    tree "$p"
  done
}
while kill -0 "$root" 2>/dev/null; do
  for p in $root $(tree "$root"); do
    r=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null)
    [ -n "$r" ] || continue
    [ -n "${name[$p]:-}" ] || name[$p]=$([ "$p" = "$root" ] && echo parent || echo worker)
    [ "${peak[$p]:-0}" -lt "$r" ] && peak[$p]=$r
  done
  sleep 0.05
done
wait "$root"
code=$?
for p in "${!peak[@]}"; do echo "${peak[$p]} $p ${name[$p]}"; done | sort -rn |
  awk '{printf "%-7s pid %-8s peak %6.0f MiB\n", $3, $2, $1 / 1024}'
exit $code
