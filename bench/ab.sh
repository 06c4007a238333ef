#!/usr/bin/env bash
# A/B timing of two builds of actviz on one command, runs alternating so load changes hit both.
#
#   git worktree add /tmp/base HEAD~1 && ln -s "$PWD/node_modules" /tmp/base/ && (cd /tmp/base && npm run build)
#   bench/ab.sh 5 neurons bench/.out/inputs/lines-1000x128.npy      # BASE=/tmp/base by default
#
# Prints each side's wall times in ms, sorted (the middle one is the median). Outputs go to
# $TMPDIR/actviz-ab-{base,main} (removed before each run); --out and -q are added.
set -euo pipefail
runs=$1; shift
base=${BASE:-/tmp/base}
main=$(cd "$(dirname "$0")/.." && pwd)
tmp=${TMPDIR:-/tmp}
for _ in $(seq "$runs"); do
  for side in base main; do
    dir=$base; [ "$side" = main ] && dir=$main
    rm -rf "$tmp/actviz-ab-$side"
    start=$(date +%s%N)
    node "$dir/bin/actviz.js" "$@" --out "$tmp/actviz-ab-$side" -q >/dev/null 2>&1
    end=$(date +%s%N)
    echo "$side $(( (end - start) / 1000000 ))"
  done
done | sort -k1,1 -k2n | awk '{ t[$1] = t[$1] " " $2 } END { print "base" t["base"]; print "main" t["main"] }'
