#!/bin/bash
# jobs_same_output.sh TONGHOP MAKE_REPORTS
# `--jobs N` checks files side by side; the output must be the bytes of `--jobs 1`, files in
# the order given. Checked on the samples (every format, a TCVN3 file, two files of one
# unit), on generated reports mixed with refused files and a reader that crashes, for check
# (JSON, text, --explain, --report) and consolidate (the workbook's bytes).
set -u
export SOURCE_DATE_EPOCH=1798675200  # the same document date in every workbook
bin=$1 make=$2
plan=samples/ke-hoach/an-duong-2026-2030.xlsx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
same() {  # what a b
  if ! cmp -s "$2" "$3"; then
    echo "FAIL: $1 differs between $(basename "$2") and $(basename "$3")"
    diff <(head -c 200000 "$2") <(head -c 200000 "$3") | head -20
    fail=1
  fi
}
run() {  # name jobs args...: stdout, stderr and exit code into $tmp/name.jJOBS.*
  local name=$1 jobs=$2
  shift 2
  "$bin" "$@" --jobs "$jobs" >"$tmp/$name.j$jobs.out" 2>"$tmp/$name.j$jobs.err"
  echo $? >"$tmp/$name.j$jobs.code"
}
compare() {  # name args...
  local name=$1
  shift
  for j in 1 2 3; do run "$name" "$j" "$@"; done
  for j in 2 3; do
    for part in out err code; do same "$name ($part, --jobs $j)" "$tmp/$name.j1.$part" "$tmp/$name.j$j.$part"; done
  done
}

# The samples.
common=(--plan "$plan" --year 2026 --receipts samples/so-nhan-bao-cao.csv)
compare samples_json check --lang en --format json "${common[@]}" samples/bao-cao
compare samples_text check "${common[@]}" samples/bao-cao
compare samples_explain check --explain "${common[@]}" samples/bao-cao
for j in 1 2; do
  "$bin" check "${common[@]}" --report "$tmp/report.j$j.xlsx" --jobs "$j" samples/bao-cao >/dev/null 2>&1
  "$bin" consolidate "${common[@]}" -o "$tmp/consolidated.j$j.xlsx" --jobs "$j" samples/bao-cao >/dev/null 2>&1
done
same "check --report workbook" "$tmp/report.j1.xlsx" "$tmp/report.j2.xlsx"
same "consolidated workbook" "$tmp/consolidated.j1.xlsx" "$tmp/consolidated.j2.xlsx"
[ -s "$tmp/consolidated.j1.xlsx" ] || { echo "FAIL: no consolidated workbook"; fail=1; }

# Generated reports, refused files and a reader crash mixed in, more files than workers.
mkdir "$tmp/in"
"$make" "$tmp/in" 40 >/dev/null || { echo "could not generate the reports"; exit 1; }
cp samples/bao-cao/* "$tmp/in/"
cp tests/data/bad_truncated.xlsx tests/data/bad_zip_bomb.xlsx tests/data/bad_not_a_spreadsheet.xlsx "$tmp/in/"
cp tests/data/report_hidden.xlsx tests/data/report_hidden.ods "$tmp/in/"
export TONGHOP_TEST_READER_FAULT=crash:bao-cao-0007.xlsx
compare mixed_json check --lang en --format json --plan "$plan" --year 2026 "$tmp/in"
for j in 1 3; do
  "$bin" consolidate --plan "$plan" --year 2026 -o "$tmp/mixed.j$j.xlsx" --jobs "$j" "$tmp/in" >/dev/null 2>&1
done
same "consolidated workbook of the mixed folder" "$tmp/mixed.j1.xlsx" "$tmp/mixed.j3.xlsx"
unset TONGHOP_TEST_READER_FAULT
# Every file is in the output once, in the order given, the crashed one refused.
files=$(grep -c '"path"' "$tmp/mixed_json.j1.out")
given=$(ls "$tmp/in" | wc -l)
if [ "$files" -ne "$given" ]; then
  echo "FAIL: $files files in the JSON, $given given"
  fail=1
fi
if ! grep -q 'bao-cao-0007.xlsx.*' "$tmp/mixed_json.j1.out" || ! grep -q '"reader-failed"' "$tmp/mixed_json.j1.out"; then
  echo "FAIL: the crashing reader's file is not refused as reader-failed"
  fail=1
fi

# A bad value is a usage error.
"$bin" check --plan "$plan" --jobs 0 samples/bao-cao >/dev/null 2>"$tmp/usage.err"
code=$?
if [ "$code" -ne 2 ] || ! grep -q -- "--jobs" "$tmp/usage.err"; then
  echo "FAIL: --jobs 0 gave exit $code"
  fail=1
fi
[ "$fail" -eq 0 ] && echo "ok: --jobs 1, 2 and 3 give the same bytes"
exit "$fail"
