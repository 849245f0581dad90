#!/bin/bash
# many_reports.sh TONGHOP MAKE_REPORTS N
# A city's folder of N small reports (generated here by bench/make_bench_reports.c),
# consolidated under `ulimit -n 256`: the workbook is written (exit 0 or 1: data errors are
# fine), every report's rows are on the one "Số liệu gốc" sheet, and nothing crashed.
# Before: one temporary file per sheet, "Too many open files" and a NULL worksheet used.
set -u
bin=$1 make=$2 n=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/in"
"$make" "$tmp/in" "$n" >/dev/null || { echo "could not generate the reports"; exit 1; }
ulimit -n 256
"$bin" consolidate --plan samples/ke-hoach/an-duong-2026-2030.xlsx --year 2026 -o "$tmp/out.xlsx" "$tmp/in" \
  >"$tmp/stdout" 2>"$tmp/stderr"
code=$?
if [ "$code" -gt 1 ] || [ ! -f "$tmp/out.xlsx" ]; then
  echo "consolidate of $n reports under ulimit -n 256: exit $code"
  tail -5 "$tmp/stderr"
  exit 1
fi
workbook=$(unzip -p "$tmp/out.xlsx" xl/workbook.xml)
sheets=$(grep -o '<sheet name=' <<<"$workbook" | wc -l)
if ! grep -q 'name="Số liệu gốc"' <<<"$workbook" || [ "$sheets" -gt 10 ]; then
  echo "expected the rows of all $n reports on one 'Số liệu gốc' sheet; sheets: $sheets"
  exit 1
fi
# Every report named on it: the file column holds each generated file name at least once.
files=$(unzip -p "$tmp/out.xlsx" xl/worksheets/sheet6.xml | grep -o 'bao-cao-[0-9]*\.xlsx' | sort -u | wc -l)
if [ "$files" -ne "$n" ]; then
  echo "the raw-rows sheet names $files of the $n files"
  exit 1
fi
echo "ok: $n reports, $sheets sheets, exit $code"
