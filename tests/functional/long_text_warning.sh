#!/bin/bash
# long_text_warning.sh TONGHOP
# A unit's file with a 40,000-character note: `check --report` copies it cut to Excel's
# 32,767 characters with the marker "…[đã cắt]" and says so on stderr, naming the cell.
# Before: the cell disappeared from the copy without a word.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
note=$(head -c 40000 /dev/zero | tr '\0' 'x')
printf 'STT,Chỉ tiêu,Đơn vị tính,Kế hoạch năm 2026,Thực hiện năm 2026,Ghi chú\n6,Tỷ lệ người dân tham gia bảo hiểm y tế,%%,97.5,97.8,%s\n' \
  "$note" >"$tmp/tram-y-te.csv"
"$bin" check --plan samples/ke-hoach/an-duong-2026-2030.xlsx --year 2026 --report "$tmp/sua-loi.xlsx" "$tmp/tram-y-te.csv" \
  >"$tmp/stdout" 2>"$tmp/stderr"
code=$?
if [ "$code" -gt 1 ] || [ ! -f "$tmp/sua-loi.xlsx" ]; then
  echo "check --report: exit $code"; cat "$tmp/stderr"; exit 1
fi
if ! grep -q "cảnh báo: 'tram-y-te'!F2: .*40.000 ký tự" "$tmp/stderr"; then
  echo "no warning naming the cut cell:"; cat "$tmp/stderr"; exit 1
fi
if ! unzip -p "$tmp/sua-loi.xlsx" | grep -q "xxx…\[đã cắt\]"; then
  echo "the copy does not end the cut text with the marker"; exit 1
fi
echo ok
