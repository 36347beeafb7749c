#!/usr/bin/env bash
# The command line around --select and the display, as a user meets it:
#   nodisplay  `view` without a display: one line that suggests xvfb-run, exit 1
#   unknown    `render --select Nowhere`: one line naming it and listing known cities, exit 2
#   video      a video frame with --select shows the panel exactly as the still does
# usage: cli_select_display.sh QANTAR_EXECUTABLE CASE      (exit 77: skipped, no X server)
set -uo pipefail
bin=$1 case=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
at=2022-01-05T18:00+06:00

if [[ $case == nodisplay ]]; then
  env -u DISPLAY -u WAYLAND_DISPLAY "$bin" view 2>"$dir/err"; rc=$?
  [[ $rc -eq 1 ]] || fail "exit $rc, want 1"
  [[ $(wc -l <"$dir/err") -eq 1 ]] || fail "want one line, got: $(cat "$dir/err")"
  grep -q "xvfb-run" "$dir/err" || fail "no xvfb-run suggestion: $(cat "$dir/err")"
  exit 0
fi

if [[ -z "${DISPLAY:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "skip: no DISPLAY and no xvfb-run"; exit 77; }
  exec xvfb-run -a -s "-screen 0 1280x720x24 -noreset" "$0" "$@"
fi

case $case in
  unknown)
    "$bin" render --select Nowhere --at "$at" -o "$dir/x.png" 2>"$dir/err"; rc=$?
    [[ $rc -eq 2 ]] || fail "exit $rc, want 2"
    [[ $(wc -l <"$dir/err") -eq 1 ]] || fail "want one line, got: $(cat "$dir/err")"
    grep -q "Nowhere" "$dir/err" && grep -q "Almaty" "$dir/err" || fail "message: $(cat "$dir/err")"
    [[ ! -e "$dir/x.png" ]] || fail "wrote a file"
    ;;
  video)
    command -v compare >/dev/null || { echo "skip: no imagemagick"; exit 77; }
    "$bin" render --select Almaty --at "$at" --size 640x360 -o "$dir/still.png" || fail "still failed"
    "$bin" render --select Almaty --from "$at" --to 2022-01-05T19:00+06:00 --fps 2 --size 640x360 \
      -o "$dir/seq/" 2>/dev/null || fail "video failed"
    first=$(ls "$dir/seq" | sort | head -n 1)
    [[ -n "$first" ]] || fail "no frames"
    diff=$(compare -metric AE "$dir/still.png" "$dir/seq/$first" null: 2>&1)
    [[ "$diff" == 0 ]] || fail "first video frame differs from the still with the panel in $diff pixels"
    # and the panel is really there: without --select the frame differs a lot
    "$bin" render --at "$at" --size 640x360 -o "$dir/plain.png" || fail "plain still failed"
    plain=$(compare -metric AE "$dir/plain.png" "$dir/seq/$first" null: 2>&1)
    (( ${plain%%.*} > 20000 )) || fail "the frame with --select is nearly the plain frame ($plain pixels differ)"
    ;;
  *) fail "unknown case $case" ;;
esac
exit 0
