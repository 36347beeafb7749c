#!/usr/bin/env bash
# Whole-process time of `qantar info` on the bundled data and on 100,000 synthetic ACLED-style
# events, from CSV and from GeoPackage. Builds into build-bench/ (Release). Usage: bench/bench_load.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
build=build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DQANTAR_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target qantar gen_events >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/gen_events" "$n" >"$work/events.csv"
ogr2ogr -f GPKG "$work/events.gpkg" "$work/events.csv" -nln events -a_srs EPSG:4326 \
  -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=NO
echo "qantar info, whole process ($(nproc) CPUs; $n synthetic events; $(du -h "$work/events.csv" | cut -f1) CSV, $(du -h "$work/events.gpkg" | cut -f1) GPKG)"

cases=("bundled data|$build/qantar info"
       "$n events, CSV|$build/qantar info --events $work/events.csv"
       "$n events, GPKG|$build/qantar info --events $work/events.gpkg")
if command -v hyperfine >/dev/null; then
  for c in "${cases[@]}"; do
    hyperfine --warmup 1 --runs 5 -N --style basic --command-name "${c%%|*}" "${c#*|}" 2>&1 |
      grep -E "Time|Range|±" | sed "s/^/${c%%|*}: /" || true
  done
else
  for c in "${cases[@]}"; do
    best=""
    for _ in 1 2 3 4 5; do
      t=$( { /usr/bin/time -f "%e %M" ${c#*|} >/dev/null; } 2>&1 | tail -1)
      best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF' | sort -n | head -1)
    done
    printf '%-22s best of 5: %s s wall, %s KiB peak memory\n' "${c%%|*}" ${best}
  done
fi
