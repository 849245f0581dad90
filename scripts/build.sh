#!/bin/bash
# Configures (Release) and builds into build/; incremental when nothing changed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DTONGHOP_BUILD_TESTS=ON -DTONGHOP_BUILD_BENCH=ON >/dev/null
cmake --build "$root/build" -j"$(nproc)" >/dev/null
