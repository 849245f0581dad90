#!/bin/bash
# golden_xml.sh TONGHOP GOLDEN_DIR EXPECTED_EXIT [template] ARGS...
# Runs `tonghop consolidate ARGS -o TMP.xlsx` (with "template": `tonghop template ARGS -o
# TMP/` for one unit's form), checks its exit code, then checks that the
# workbook holds exactly the parts listed in GOLDEN_DIR/parts.txt (no part more, none
# less) and compares every XML part with its golden copy in GOLDEN_DIR (one file per
# part, "/" in the part name written as "__"). docProps/core.xml holds the writing date:
# it must be there, its content is not compared. UPDATE_GOLDEN=1 rewrites the golden
# folder (then review the diff before committing).
set -u
bin=$1 golden=$2 want=$3
shift 3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${1:-}" = template ]; then
  shift
  "$bin" template "$@" -o "$tmp/forms" >"$tmp/stdout" 2>&1
  code=$?
  mv "$tmp"/forms/*.xlsx "$tmp/out.xlsx" 2>/dev/null
else
  "$bin" consolidate "$@" -o "$tmp/out.xlsx" >"$tmp/stdout" 2>&1
  code=$?
fi
if [ "$code" != "$want" ]; then
  echo "exit code $code, expected $want"
  cat "$tmp/stdout"
  exit 1
fi
if [ ! -f "$tmp/out.xlsx" ]; then
  echo "no workbook written (exit $code)"
  cat "$tmp/stdout"
  exit 1
fi
unzip -Z1 "$tmp/out.xlsx" | LC_ALL=C sort >"$tmp/parts.txt"
[ -s "$tmp/parts.txt" ] || { echo "the workbook holds no parts"; exit 1; }
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  rm -rf "$golden"
  mkdir -p "$golden"
  cp "$tmp/parts.txt" "$golden/parts.txt"
fi
status=0
if ! diff -u "$golden/parts.txt" "$tmp/parts.txt" >"$tmp/diff"; then
  echo "the workbook's parts differ from $golden/parts.txt:"
  cat "$tmp/diff"
  status=1
fi
compared=0
while read -r part; do
  case "$part" in
    docProps/core.xml) continue ;;     # the writing date
    *.xml | *.rels) ;;
    *) continue ;;                     # binary parts (none today)
  esac
  name=${part//\//__}
  pattern=$(printf '%s' "$part" | sed 's/[][*?]/\\&/g')  # unzip reads [ ] as a wildcard
  unzip -p "$tmp/out.xlsx" "$pattern" | sed 's/></>\n</g' >"$tmp/$name"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$tmp/$name" "$golden/$name"
  elif [ ! -f "$golden/$name" ]; then
    echo "$part has no golden copy $golden/$name"
    status=1
  elif ! diff -u "$golden/$name" "$tmp/$name" >"$tmp/diff"; then
    echo "$part differs from $golden/$name:"
    head -40 "$tmp/diff"
    status=1
  fi
  compared=$((compared + 1))
done <"$tmp/parts.txt"
[ "$compared" -gt 0 ] || { echo "no part compared"; exit 1; }
echo "$compared parts compared"
exit $status
