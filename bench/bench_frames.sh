#!/usr/bin/env bash
# The renderer's speed: time to the first frame of `qantar view` on the bundled data, and mean
# frame times with 1k / 100k / 1M synthetic events at 1280x720. Builds into build/ (or
# $QANTAR_BUILD_DIR) and runs under xvfb-run when there is no display.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${QANTAR_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target qantar bench_render >/dev/null
run=()
[[ -n "${DISPLAY:-}" ]] || run=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset")
export QANTAR_GEODATA=$PWD/geodata
echo "time to first frame (qantar view, bundled data, 1600x900), 3 runs:"
for i in 1 2 3; do
  QANTAR_LOG=1 QANTAR_QUIT_AFTER_FRAMES=1 "${run[@]}" "$build/qantar" view 2>&1 | grep "first frame" || true
done
"${run[@]}" "$build/bench_render" "${1:-120}"
