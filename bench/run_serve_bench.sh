#!/bin/bash
# tonghop serve's upload throughput and latency beside tonghop check (bench/README.md).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
nice -n 10 /usr/bin/python3 "$root/bench/serve_bench.py" "$root/build/tonghop" "$root" "$@"
