#!/bin/bash
# Configures (Release) and builds into build/; incremental when nothing changed.
# --sanitize: the same with AddressSanitizer + UndefinedBehaviorSanitizer into build-asan/
# (tests only, no benchmarks).
# ccache, when installed, is used so that several checkouts share compiled objects.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$root")}"
  # The precompiled headers (CMakeLists.txt, tonghop_precompile) are cached only so.
  export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros}"
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
if [ "${1:-}" = --sanitize ]; then
  build="$root/build-asan"
  # -O1 -g1 (line tables for the reports' stacks): half the compile time of -O2 -g under
  # the sanitizers, which is most of the CI run's time.
  options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTONGHOP_SANITIZE=ON -DTONGHOP_BUILD_TESTS=ON -DTONGHOP_BUILD_BENCH=OFF
           "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")
else
  build="$root/build"
  options=(-DCMAKE_BUILD_TYPE=Release -DTONGHOP_BUILD_TESTS=ON -DTONGHOP_BUILD_BENCH=ON)
fi
cmake -S "$root" -B "$build" "${options[@]}" "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
