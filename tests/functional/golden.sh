#!/bin/bash
# golden.sh TONGHOP GOLDEN_FILE EXPECTED_EXIT ARGS...
# Runs tonghop ARGS (stdout and stderr together) and compares with GOLDEN_FILE.
# UPDATE_GOLDEN=1 rewrites the golden file instead (then review the diff before committing).
set -u
bin=$1 golden=$2 want=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" "$@" >"$out" 2>&1
got=$?
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$out" "$golden"
  echo "updated $golden"
fi
if [ "$got" != "$want" ]; then
  echo "exit code $got, expected $want"
  cat "$out"
  exit 1
fi
if ! diff -u "$golden" "$out"; then
  echo "output differs from $golden (UPDATE_GOLDEN=1 ctest -R ... to accept)"
  exit 1
fi
