#!/usr/bin/env bash
# Soak test (issue 13): runs `qantar view` in a window (under its own Xvfb when there is no display)
# playing at full speed, drives it for MINUTES with xdotool as a restless user would (random seeks
# with Left/Right/Shift+Left/Home/End and clicks on the timeline, details panels opened with
# Tab+Enter or a click on a city and closed with Esc, modes switched with M, labels with L, help
# with H, zoom with the wheel, R to reset), samples the process's resident memory (VmRSS) every
# 10 s, prints one row a minute, and the least-squares slope of RSS over the second half of the run
# in MiB per minute. Exits 1 if the slope exceeds the limit or the program died.
#
# usage: bench/soak.sh [MINUTES]        (default 10; run from anywhere)
# environment: QANTAR_SOAK_MAX_SLOPE  MiB/min allowed over the second half (default 2)
#              QANTAR_SOAK_SAMPLE_S   seconds between samples (default 10)
#              QANTAR_BIN             the executable (default build/qantar)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

minutes=${1:-10}
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -gt 0 ]] || { echo "usage: $0 [MINUTES]" >&2; exit 2; }
max_slope=${QANTAR_SOAK_MAX_SLOPE:-2}
sample_s=${QANTAR_SOAK_SAMPLE_S:-10}
bin=${QANTAR_BIN:-$root/build/qantar}
[[ -x $bin ]] || { echo "soak: $bin not found (run scripts/build.sh)" >&2; exit 2; }
command -v xdotool >/dev/null || { echo "soak: xdotool is not installed (scripts/setup.sh)" >&2; exit 2; }

if [[ -z "${DISPLAY:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "soak: no DISPLAY and no xvfb-run" >&2; exit 2; }
  exec xvfb-run -a -s "-screen 0 1400x900x24 -noreset" "$0" "$@"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/qantar-soak.XXXXXX")
log=$work/view.log
export QANTAR_GEODATA=${QANTAR_GEODATA:-$root/geodata}
QANTAR_LOG=1 "$bin" view --seconds-per-day 0.5 --size 1200x700 --export-dir "$work" 2>"$log" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

win=""
for ((i = 0; i < 300; ++i)); do
  win=$(xdotool search --name '^qantar' 2>/dev/null | head -n 1 || true)
  [[ -n $win ]] && break
  kill -0 "$pid" 2>/dev/null || { echo "soak: qantar exited at start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $win ]] || { echo "soak: no qantar window" >&2; exit 1; }
xdotool windowmove "$win" 0 0 2>/dev/null || true
sleep 1
eval "$(xdotool getwindowgeometry --shell "$win")"  # WIDTH HEIGHT
w=$WIDTH h=$HEIGHT

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0; }

# One random action, as a user would do it.
act() {
  local r=$((RANDOM % 16)) x y line
  case $r in
    0) xdotool key --window "$win" Left ;;
    1) xdotool key --window "$win" Right ;;
    2) xdotool key --window "$win" shift+Left ;;
    3) xdotool key --window "$win" Home ;;
    4) xdotool key --window "$win" End ;;
    5 | 6)  # the timeline bar along the bottom edge
      x=$((20 + RANDOM % (w - 40))); y=$((h - 12 - RANDOM % 20))
      xdotool mousemove --window "$win" "$x" "$y" click 1 ;;
    7) xdotool key --window "$win" Tab Return ;;
    8)  # a city, where the program last logged it
      line=$(grep -E '^city [^ ]+ [0-9]+ [0-9]+$' "$log" | tail -n 40 | shuf -n 1 || true)
      if [[ -n $line ]]; then
        read -r _ _ x y <<<"$line"
        xdotool mousemove --window "$win" "$x" "$y" click 1
      fi ;;
    9)  # Esc closes the panel; with nothing open it would close the window, so only then
      line=$(grep -E '^select ' "$log" | tail -n 1 || true)
      [[ $line == "select none" || -z $line ]] || xdotool key --window "$win" Escape ;;
    10) xdotool key --window "$win" m ;;
    11) xdotool key --window "$win" l ;;
    12) xdotool key --window "$win" h; sleep 0.3; xdotool key --window "$win" h ;;
    13)  # zoom in or out at a random point
      x=$((RANDOM % w)); y=$((RANDOM % (h - 60)))
      xdotool mousemove --window "$win" "$x" "$y" click $((4 + RANDOM % 2)) ;;
    14) xdotool key --window "$win" r ;;
    15) xdotool mousemove --window "$win" $((RANDOM % w)) $((RANDOM % h)) ;;
  esac
}

samples=$work/samples  # seconds since start, RSS in KiB
start=$(date +%s)
end=$((start + minutes * 60))
next_sample=$start
next_row=$start
actions=0
printf '%8s %12s %10s\n' minute 'RSS (MiB)' actions
while :; do
  now=$(date +%s)
  if ! kill -0 "$pid" 2>/dev/null; then
    rc=0; wait "$pid" || rc=$?
    echo "soak: qantar exited (status $rc) after $((now - start)) s; log tail:" >&2
    grep -v '^city ' "$log" | tail -n 20 >&2
    exit 1
  fi
  if [[ $now -ge $next_sample ]]; then
    echo "$((now - start)) $(rss_kb)" >>"$samples"
    next_sample=$((next_sample + sample_s))
  fi
  if [[ $now -ge $next_row ]]; then
    awk -v a="$actions" 'END { printf "%8.1f %12.1f %10d\n", $1 / 60, $2 / 1024, a }' "$samples"
    next_row=$((next_row + 60))
  fi
  [[ $now -ge $end ]] && break
  act || true
  actions=$((actions + 1))
  sleep 0.$((2 + RANDOM % 4))
done
echo "$(( $(date +%s) - start )) $(rss_kb)" >>"$samples"
awk -v a="$actions" 'END { printf "%8.1f %12.1f %10d\n", $1 / 60, $2 / 1024, a }' "$samples"

# Least squares over the second half: RSS (MiB) against time (minutes).
read -r slope n first last peak < <(awk -v half=$((minutes * 30)) '
  { if ($2 / 1024 > peak) peak = $2 / 1024 }
  NR == 1 { first = $2 / 1024 }
  { last = $2 / 1024 }
  $1 >= half { x = $1 / 60; y = $2 / 1024; n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
  END {
    d = n * sxx - sx * sx
    printf "%.3f %d %.1f %.1f %.1f\n", (n > 1 && d != 0) ? (n * sxy - sx * sy) / d : 0, n, first, last, peak
  }' "$samples")
echo "soak: ${minutes} min, $actions actions; RSS first $first MiB, last $last MiB, peak $peak MiB"
echo "soak: slope over the second half ($n samples): $slope MiB/min (limit $max_slope)"
if awk -v s="$slope" -v m="$max_slope" 'BEGIN { exit !(s > m) }'; then
  echo "soak: FAIL: resident memory grows faster than $max_slope MiB/min"
  exit 1
fi
echo "soak: ok"
