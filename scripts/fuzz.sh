#!/usr/bin/env bash
# Fuzzes qantar's loaders, time parsers and exporters with the libFuzzer harnesses in tests/fuzz
# (issue 13). Builds them in build-san/, the clang-14 build it shares with scripts/sanitize.sh
# (scripts/san-build.sh: -DQANTAR_FUZZ=ON, ASan + UBSan + libFuzzer), then runs each harness for
# SECONDS (default 60) with the dictionary tests/fuzz/qantar.dict and its seed corpus, and prints
# per harness the executions, exec/s and any reproducer saved.
#
# usage: scripts/fuzz.sh [SECONDS_PER_HARNESS] [HARNESS...]
#        (harnesses: events_csv events_geojson cities regions tally story time export export_events;
#         default: all)
# environment:
#   QANTAR_FUZZ_JOBS=N   harnesses run N at a time (default 1)
#   QANTAR_FUZZ_FRESH=1  start from the seeds only, in a temporary corpus (test.sh uses this);
#                        otherwise the corpus grows in build-san/fuzz-corpus/<harness> across runs
#   QANTAR_FUZZ_STRICT=1 wrong results (invalid UTF-8 out, times that do not round-trip) are findings
#                        too (read by the harnesses, tests/fuzz/fuzz_util.hpp)
#   QANTAR_SAN_BUILT=1   build-san/ is already built (test.sh builds it once for both steps)
# Reproducers (crash-*, timeout-*, oom-*, leak-*) go to build-san/fuzz-findings/<harness>/ and logs
# to build-san/fuzz-logs/; replay one with: build-san/tests/fuzz/fuzz_<harness> FILE
# Exit status: 0 when no harness found anything, 1 on a finding, 2 for a usage or build error.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

all=(events_csv events_geojson cities regions tally story time export export_events)
secs=${1:-60}
[[ "$secs" =~ ^[0-9]+$ && "$secs" -gt 0 ]] || { echo "usage: $0 [SECONDS_PER_HARNESS] [HARNESS...]" >&2; exit 2; }
shift || true
harnesses=("$@")
[[ ${#harnesses[@]} -gt 0 ]] || harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
  [[ " ${all[*]} " == *" $h "* ]] || { echo "fuzz: unknown harness '$h' (known: ${all[*]})" >&2; exit 2; }
done
jobs=${QANTAR_FUZZ_JOBS:-1}

bdir=build-san
if [[ "${QANTAR_SAN_BUILT:-0}" != 1 ]]; then
  targets=()
  for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
  ./scripts/san-build.sh "${targets[@]}" || { echo "fuzz: build failed" >&2; exit 2; }
fi

fdir=$root/$bdir/tests/fuzz
mkdir -p $bdir/fuzz-logs $bdir/fuzz-findings
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qantar-fuzz-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# The harnesses find their data through the build; a stray QANTAR_GEODATA would change the story's.
unset QANTAR_GEODATA
# Their scratch directories (qantar-fuzz-PID) go inside this run's, so that a harness that stops on
# a finding (and so skips its exit handler) leaves nothing in /tmp.
export TMPDIR=$tmp

# Runs one harness; writes "<execs> <exec/s> <status> <reproducer>" to $tmp/<h>.result.
run_one() {
  local h=$1 corpus findings log rc=0
  if [[ "${QANTAR_FUZZ_FRESH:-0}" == 1 ]]; then
    corpus=$tmp/corpus-$h
  else
    corpus=$root/$bdir/fuzz-corpus/$h
  fi
  findings=$root/$bdir/fuzz-findings/$h
  log=$root/$bdir/fuzz-logs/$h.log
  mkdir -p "$corpus" "$findings"
  local before
  before=$(ls "$findings" | wc -l)
  # -timeout: one input taking over 10 s is a hang (a finding). The outer timeout is a backstop
  # for a harness that stops answering altogether.
  timeout -k 10 $((secs + 120)) "$fdir/fuzz_$h" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=2048 -dict="$root/tests/fuzz/qantar.dict" -print_final_stats=1 \
    -artifact_prefix="$findings/" "$corpus" "$fdir/seeds/$h" >"$log" 2>&1 || rc=$?
  local execs rate status repro
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  repro=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
  status=ok
  if [[ $rc -ne 0 || $(ls "$findings" | wc -l) -ne $before ]]; then
    status=FINDING
    [[ $rc -eq 124 || $rc -eq 137 ]] && status=STUCK
  fi
  echo "${execs:-?} ${rate:-?} $status ${repro:--}" >"$tmp/$h.result"
}

echo "fuzz: ${#harnesses[@]} harness(es), ${secs} s each, $jobs at a time (logs in $bdir/fuzz-logs)"
running=0
for h in "${harnesses[@]}"; do
  run_one "$h" &
  running=$((running + 1))
  if [[ $running -ge $jobs ]]; then wait -n || true; running=$((running - 1)); fi
done
wait || true

failed=0
printf '%-16s %12s %10s  %s\n' harness executions exec/s result
for h in "${harnesses[@]}"; do
  read -r execs rate status repro <"$tmp/$h.result" || { execs=? rate=? status=FINDING repro=-; }
  printf '%-16s %12s %10s  %s\n' "$h" "$execs" "$rate" "$status"
  if [[ $status != ok ]]; then
    failed=$((failed + 1))
    [[ $repro != - ]] && echo "    reproducer: $repro"
    grep -m 3 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|qantar fuzz:|SUMMARY' \
      "$root/$bdir/fuzz-logs/$h.log" | sed 's/^/    /' || true
    echo "    log: $bdir/fuzz-logs/$h.log"
  fi
done
echo "fuzz: $(( ${#harnesses[@]} - failed )) passed, $failed with findings"
[[ $failed -eq 0 ]]
