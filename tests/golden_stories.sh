#!/bin/sh
# Golden stills of two stories built from data nobody on the project wrote (issue 10): USGS
# earthquakes of one week, the whole world and California (tests/data/usgs, public domain), each
# opened with --events alone on the bundled world base map. Compares the still with the committed
# tests/golden/story-<name>.png: at most 0.5 % of the pixels may differ by more than 10 %.
#   golden_stories.sh QANTAR SOURCE_DIR          check
#   QANTAR_UPDATE_GOLDEN=1 golden_stories.sh ...  rewrite the goldens (look at them before committing)
set -eu
qantar=$1
src=$2
command -v compare >/dev/null || { echo "golden_stories: ImageMagick's compare is missing"; exit 77; }
run=""
[ -n "${DISPLAY:-}" ] || { command -v xvfb-run >/dev/null || { echo "golden_stories: no display"; exit 77; }; run=xvfb; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset QANTAR_GEODATA  # --events alone: the world base map, as a new user gets it
status=0
for spec in "world|world-m2.5.csv|2018-02-04T12:00Z" "california|california-m1.csv|2018-02-04T12:00Z"; do
  name=${spec%%|*}; rest=${spec#*|}; file=${rest%%|*}; at=${rest#*|}
  out=$work/$name.png
  if [ -n "$run" ]; then
    xvfb-run -a -s "-screen 0 1280x720x24" "$qantar" render --events "$src/tests/data/usgs/$file" --at "$at" --size 960x540 -o "$out"
  else
    "$qantar" render --events "$src/tests/data/usgs/$file" --at "$at" --size 960x540 -o "$out"
  fi
  golden=$src/tests/golden/story-$name.png
  if [ -n "${QANTAR_UPDATE_GOLDEN:-}" ]; then cp "$out" "$golden"; echo "updated $golden"; continue; fi
  differing=$(compare -metric AE -fuzz 10% "$out" "$golden" null: 2>&1 || true)
  case $differing in (*[!0-9.e+]*|"") echo "FAIL $name: compare said '$differing'"; status=1; continue ;; esac
  limit=2592  # 0.5 % of 960x540
  if awk -v d="$differing" -v l="$limit" 'BEGIN { exit !(d > l) }'; then
    cp "$out" "${TMPDIR:-/tmp}/failed-story-$name.png"
    echo "FAIL $name: $differing pixels differ (limit $limit); the still is ${TMPDIR:-/tmp}/failed-story-$name.png"
    status=1
  else
    echo "ok $name: $differing pixels differ"
  fi
done
exit $status
