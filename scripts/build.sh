#!/bin/bash
# Configures (Release) and builds into build/; incremental when nothing changed.
# ccache, when installed, is used so that several checkouts share compiled objects.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$root")}"
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DTONGHOP_BUILD_TESTS=ON -DTONGHOP_BUILD_BENCH=ON \
  "${launcher[@]}" >/dev/null
cmake --build "$root/build" -j"$(nproc)" >/dev/null
