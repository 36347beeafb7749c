#!/usr/bin/env bash
# One command for a new user: install what is missing, build, and open the animated map of
# January 2022 in Kazakhstan on the bundled data. Extra arguments go to qantar (e.g. --lang ru).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  ./build/qantar info
  echo
  echo "qantar: no display here, so the window cannot open; on a desktop run ./build/qantar," >&2
  echo "        or here: xvfb-run -a ./build/qantar render --at 2022-01-05T18:00+06:00 -o frame.png" >&2
  exit 0
fi
exec ./build/qantar view "$@"
