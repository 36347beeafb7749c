#!/usr/bin/env bash
# Regenerates the renderer's golden images (tests/golden/*.png) after an intended change of look,
# then runs the renderer's tests against them. Look at the new images before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${QANTAR_BUILD_DIR:-build}
cmake -S . -B "$build" >/dev/null
cmake --build "$build" -j "$(nproc)" --target qantar_render_tests
run=()
[[ -n "${DISPLAY:-}" ]] || run=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset")
QANTAR_UPDATE_GOLDEN=1 "${run[@]}" "$build/qantar_render_tests" "[golden]"
"${run[@]}" "$build/qantar_render_tests"
ls -l tests/golden
