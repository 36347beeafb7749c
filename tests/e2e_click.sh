#!/usr/bin/env bash
# End to end, as a person would: start `qantar view` paused at a moment, click Almaty's marker
# with xdotool at the screen position the program itself reports for its first frame
# (QANTAR_LOG=1 prints "city ID X Y"), and check from its log that the details panel opened for
# that city; then the keyboard: C copies, Esc closes, Tab + Enter opens the first city the unrest
# reached (Zhanaozen); a click on the Caspian Sea opens nothing. Screenshots (import -window
# root) go to $QANTAR_E2E_OUT (default: a temporary folder) to be looked at.
#
# usage: e2e_click.sh QANTAR_EXECUTABLE      exit 77 (skipped) without xdotool / Xvfb
set -uo pipefail
bin=$1
. "$(dirname "$0")/e2e_lib.sh"
need_tools xdotool import
with_display "$0" "$@"

out=${QANTAR_E2E_OUT:-$(mktemp -d)}
mkdir -p "$out"
log=$out/view.log
: >"$log"
QANTAR_LOG=1 "$bin" view --paused --at 2022-01-05T18:00+06:00 --size 1200x700 2>"$log" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
trap cleanup EXIT


wait_for '^city almaty [0-9]+ [0-9]+$' 30
read -r _ _ x y < <(grep -E '^city almaty ' "$log" | tail -n 1)
win=$(xdotool search --sync --name '^qantar' | head -n 1)
[[ -n "$win" ]] || fail "no qantar window"
# Where the window lands depends on the X server; put it at the top left so the screenshots show it whole.
xdotool windowmove --sync "$win" 0 0 2>/dev/null || xdotool windowmove "$win" 0 0
sleep 0.3
echo "Almaty is at ($x, $y) in window $win"

xdotool mousemove --window "$win" "$x" "$y"
sleep 0.3
import -window root "$out/hover-almaty.png"
xdotool click 1
wait_for '^select city almaty$' 10
wait_for '^panel open city almaty$' 10
sleep 0.4
import -window root "$out/click-almaty.png"

# Keyboard: copy, close, then Tab to the first city reached and Enter.
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool key --window "$win" c
wait_for '^copied [0-9]+ bytes$' 10
xdotool key --window "$win" Escape
wait_for '^select none$' 10
xdotool key --window "$win" Tab
sleep 0.2
xdotool key --window "$win" Return
wait_for '^select city zhanaozen$' 10
sleep 0.4
import -window root "$out/tab-zhanaozen.png"

# The sea closes the panel (positions as logged after the map slid aside for Zhanaozen): a point in the Caspian, west of Aktau and Zhanaozen.
read -r _ _ ax ay < <(grep -E '^city aktau ' "$log" | tail -n 1)
sx=$((ax - 60)); sy=$ay
(( sx > 5 )) || sx=5
xdotool mousemove --window "$win" "$sx" "$sy" click 1
for ((i = 0; i < 100; ++i)); do
  (( $(grep -c '^select none$' "$log") >= 2 )) && break
  sleep 0.1
done
(( $(grep -c '^select none$' "$log") >= 2 )) || fail "a click on the sea did not close the panel"
import -window root "$out/sea-closed.png"

echo "ok: click opened Almaty's panel; screenshots in $out"
exit 0
