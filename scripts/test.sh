#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test with CTest. Tests that need a display
# run under xvfb-run when there is none. Then (issue 13) one sanitized clang build, build-san/
# (scripts/san-build.sh), that both following steps use: the unit tests again under ASan + UBSan
# (scripts/sanitize.sh) and each fuzz harness for a short time over its seeds (scripts/fuzz.sh).
# Skip those with QANTAR_SKIP_SANITIZERS=1 / QANTAR_SKIP_FUZZ=1 (both: no sanitized build either).
# Arguments go to the first ctest. Exit status: non-zero if any step failed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh

status=0
steps=()
if [[ -z "${DISPLAY:-}" ]]; then
  # -noreset: an X server resets when its last client leaves, and a test that connects during the
  # reset fails to open the display; with tests starting and ending in parallel that happens.
  (cd build && xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" ctest --output-on-failure -j 2 "$@") || status=1
else
  (cd build && ctest --output-on-failure -j 2 "$@") || status=1
fi
steps+=("ctest: $([[ $status -eq 0 ]] && echo ok || echo FAILED)")

# Each step: a header, its own summary line, and its time.
step() {
  local name=$1 t0 rc=0
  shift
  echo
  echo "=== $name"
  t0=$(date +%s)
  "$@" || rc=$?
  steps+=("$name: $([[ $rc -eq 0 ]] && echo ok || echo FAILED) ($(( $(date +%s) - t0 )) s)")
  [[ $rc -eq 0 ]] || status=1
}

skip_san=${QANTAR_SKIP_SANITIZERS:-0}
skip_fuzz=${QANTAR_SKIP_FUZZ:-0}

# The sanitized build, once, with what the steps below need; they then only run (QANTAR_SAN_BUILT=1).
san_targets=()
[[ $skip_san == 1 ]] || san_targets+=(qantar_tests qantar_render_tests qantar_app_tests qantar)
[[ $skip_fuzz == 1 ]] || san_targets+=(fuzz_all)
san_built=0
if [[ ${#san_targets[@]} -gt 0 ]]; then
  step san-build ./scripts/san-build.sh "${san_targets[@]}"
  [[ ${steps[-1]} == "san-build: ok"* ]] && san_built=1
fi
export QANTAR_SAN_BUILT=1

if [[ $skip_san == 1 ]]; then
  steps+=("sanitizers: skipped (QANTAR_SKIP_SANITIZERS=1)")
elif [[ $san_built == 0 ]]; then
  steps+=("sanitizers: FAILED (not run: build-san did not build)")
else
  step sanitizers ./scripts/sanitize.sh
fi

if [[ $skip_fuzz == 1 ]]; then
  steps+=("fuzz: skipped (QANTAR_SKIP_FUZZ=1)")
elif [[ $san_built == 0 ]]; then
  steps+=("fuzz: FAILED (not run: build-san did not build)")
else
  # Two harnesses at a time, each from its seeds only, ${QANTAR_FUZZ_SECONDS:-15} s each. Crashes,
  # sanitizer reports, hangs, stray exceptions and wrong results (invalid UTF-8 out, times that do
  # not round-trip) fail the step; QANTAR_FUZZ_STRICT=0 only reports the wrong results.
  step fuzz env QANTAR_FUZZ_JOBS=2 QANTAR_FUZZ_FRESH=1 QANTAR_FUZZ_STRICT="${QANTAR_FUZZ_STRICT:-1}" \
    ./scripts/fuzz.sh "${QANTAR_FUZZ_SECONDS:-15}"
fi

echo
echo "=== summary"
printf '  %s\n' "${steps[@]}"
exit $status
