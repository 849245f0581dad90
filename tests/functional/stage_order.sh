#!/bin/bash
# stage_order.sh SRC_DIR
# Dependencies run one way, in the pipeline's order (README "Layout"): a file of a stage
# may include only its own stage and earlier ones. The link order catches most backward
# calls; this catches every backward #include, inline code too.
set -eu
src=$1
order=(core read evaluate recognise plan validate consolidate write serve cli)
status=0
for i in "${!order[@]}"; do
  stage=${order[$i]}
  [ -d "$src/$stage" ] || continue
  for j in "${!order[@]}"; do
    [ "$j" -gt "$i" ] || continue
    later=${order[$j]}
    if hits=$(grep -rn "#include \"$later/" "$src/$stage" 2>/dev/null); then
      echo "$stage includes the later stage $later:"; echo "$hits"; status=1
    fi
  done
done
exit $status
