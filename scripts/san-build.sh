#!/usr/bin/env bash
# Configures (once) and builds build-san/, the one clang-14 build that scripts/sanitize.sh and
# scripts/fuzz.sh share (issue 13): -DQANTAR_FUZZ=ON, so every target is compiled with
# -fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow -fno-sanitize-recover=all at
# -O1 -g (top-level CMakeLists.txt). The unit-test executables and `qantar` link with
# -fsanitize=address,undefined (their own main); the harnesses of tests/fuzz with -fsanitize=fuzzer.
#
# usage: scripts/san-build.sh [TARGET...]
#        (default: qantar_tests qantar_render_tests qantar_app_tests qantar fuzz_all, all that both steps need)
# Exit status: 0 when built, 2 when clang-14 is missing, the configuration or the build failed.
set -euo pipefail
cd "$(dirname "$0")/.."

bdir=build-san
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(qantar_tests qantar_render_tests qantar_app_tests qantar fuzz_all)

if [[ ! -f $bdir/CMakeCache.txt ]]; then
  command -v clang++-14 >/dev/null || { echo "san-build: clang++-14 not found (scripts/setup.sh installs it)" >&2; exit 2; }
  gen=()
  command -v ninja >/dev/null && gen=(-G Ninja)
  # -O1: compiles fast, and the tests and harnesses still run quickly. QANTAR_BENCH=OFF: nothing
  # sanitized needs the benchmarks.
  if ! log=$(CC=clang-14 CXX=clang++-14 cmake -S . -B $bdir "${gen[@]}" -DQANTAR_FUZZ=ON -DQANTAR_BENCH=OFF \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" 2>&1); then
    echo "$log" | tail -n 30 >&2
    rm -f $bdir/CMakeCache.txt  # configure again next time
    echo "san-build: configuring $bdir failed" >&2
    exit 2
  fi
fi
args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done
echo "san-build: building $bdir (${targets[*]})"
t0=$(date +%s)
if ! log=$(cmake --build $bdir -j 2 "${args[@]}" 2>&1); then
  echo "$log" | grep -E -A3 'error|Error' | head -n 40 >&2
  echo "san-build: build failed" >&2
  exit 2
fi
echo "san-build: built in $(( $(date +%s) - t0 )) s"
