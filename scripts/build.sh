#!/usr/bin/env bash
# Configures and builds qantar into build/ (build/qantar). Used by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
build_type=${QANTAR_BUILD_TYPE:-RelWithDebInfo}
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j "$(nproc)"
