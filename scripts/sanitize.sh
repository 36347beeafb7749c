#!/usr/bin/env bash
# The unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (issue 13), in build-san/, the
# clang-14 build it shares with scripts/fuzz.sh (scripts/san-build.sh configures and builds it:
# -fsanitize=fuzzer-no-link,address,undefined,float-cast-overflow -fno-sanitize-recover=all, -O1 -g;
# the test executables link without libFuzzer and keep their own main). Builds the test executables
# (qantar_tests, which runs build-san/qantar, and qantar_render_tests) and runs them; any sanitizer
# report fails the run. Leaks inside fontconfig and Mesa are suppressed (tests/sanitizers/lsan.supp,
# each entry says why); nothing of qantar's is.
# Used by scripts/test.sh (skip with QANTAR_SKIP_SANITIZERS=1); run alone from the repository root.
#
# usage: scripts/sanitize.sh [CATCH2_ARGS...]    (e.g. a test name or "[export]")
# environment: QANTAR_SAN_BUILT=1  build-san/ is already built (test.sh builds it once for both steps)
# The render tests' [display] cases need an X display; without one this runs under xvfb-run.
# Exit status: 0 when every executable passed, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null && [[ -z "${QANTAR_SANITIZE_XVFB:-}" ]]; then
  export QANTAR_SANITIZE_XVFB=1
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" "$@"
fi

bdir=build-san
start=$(date +%s)
if [[ "${QANTAR_SAN_BUILT:-0}" != 1 ]]; then
  ./scripts/san-build.sh qantar_tests qantar_render_tests qantar_app_tests qantar || { echo "sanitizers: build failed" >&2; exit 1; }
fi
built=$(date +%s)

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export QANTAR_GEODATA=$root/geodata
# Mesa's DRI driver is dlopen()ed by GLX and dlclose()d when the display closes, before LSan looks:
# the driver's own globals then no longer count as roots and what they point to shows as leaks from
# an <unknown module>, which no suppression can name. Preloading it keeps it mapped to the end, so
# LSan sees that memory as reachable (and a real Mesa leak would be named, and suppressed, by module).
for dri in /usr/lib/*/dri/swrast_dri.so /usr/lib/dri/swrast_dri.so; do
  [[ -f $dri ]] && { export LD_PRELOAD=$dri${LD_PRELOAD:+:$LD_PRELOAD}; break; }
done

# The two executables side by side (two cores), then their results in order.
exes=(qantar_tests qantar_render_tests qantar_app_tests)
declare -A pids
for exe in "${exes[@]}"; do
  (cd $bdir && "./$exe" "$@") >"$bdir/sanitize-$exe.log" 2>&1 &
  pids[$exe]=$!
done
passed=0
failed=0
for exe in "${exes[@]}"; do
  log=$bdir/sanitize-$exe.log
  if wait "${pids[$exe]}"; then
    passed=$((passed + 1))
    echo "sanitizers: ok   $exe: $(grep -E '^(All tests passed|test cases:)' "$log" | tail -n 1)"
  else
    failed=$((failed + 1))
    echo "sanitizers: FAIL $exe (log: $log)"
    grep -E -m 8 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY:|FAILED|test cases:' "$log" | sed 's/^/    /' || true
  fi
done
end=$(date +%s)
echo "sanitizers: $passed passed, $failed failed (build $((built - start)) s, tests $((end - built)) s)"
[[ $failed -eq 0 ]]
