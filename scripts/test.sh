#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test with CTest. Tests that need a display
# run under xvfb-run when there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
cd build
if [[ -z "${DISPLAY:-}" ]]; then
  # -noreset: an X server resets when its last client leaves, and a test that connects during the
  # reset fails to open the display; with tests starting and ending in parallel that happens.
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" ctest --output-on-failure -j 2 "$@"
fi
exec ctest --output-on-failure -j 2 "$@"
