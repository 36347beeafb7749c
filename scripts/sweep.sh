#!/usr/bin/env bash
# The sweep (issue 12): renders the bundled story at 1920x1080 and 1280x720, every 3 hours of the
# data and at every presenter beat, in en, kk and ru, and checks each frame from its LAYOUT (the
# JSON `render --layout-json` writes beside each PNG, not pixels) with scripts/sweep_check.py:
#   - no two text boxes overlap, and none leaves the screen;
#   - no map text (city, badge, origin, country or sea) sits in a HUD zone, the caption card or the panel;
#   - every colour drawn has exactly one legend entry, whose swatch is the colour drawn;
#   - the HUD clock shows the local time of the zones in view (both when the view spans two).
# One qantar process per language and size renders all its frames (`render --every H --all-beats
# -o DIR/`: the data loaded once). Prints one line per failure and a summary; makes contact sheets
# (ImageMagick `montage`): OUT/contact-beats-<lang>-<size>.png and OUT/contact-every-<lang>-<size>.png.
# Exit 1 if any check fails.
#
# Usage: scripts/sweep.sh [--quick] [QANTAR_BIN] [OUT_DIR]
#   --quick: en only, 1280x720, every 36 hours and every beat (the CTest test `sweep_quick`).
#   The full run (about a thousand frames; minutes) is by hand.
# Environment: QANTAR_SWEEP_ARGS: extra data options for every render (e.g. --sources FILE);
# QANTAR_SWEEP_HOURS: the step between moments (default 3); QANTAR_SWEEP_LANGS, QANTAR_SWEEP_SIZES:
# space-separated subsets (default "en kk ru" and "1920x1080 1280x720"); QANTAR_SWEEP_JOBS: how
# many renders at once (default 2); QANTAR_SWEEP_SHEETS=0: no contact sheets; QANTAR_SWEEP_RENDER=0:
# no rendering, only the sheets and checks of the frames already in OUT_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
if [[ "${1:-}" == "--quick" ]]; then quick=1; shift; fi
bin=${1:-build/qantar}
out=${2:-build/sweep}

[[ -x "$bin" ]] || { echo "sweep: no qantar at $bin (build it first)" >&2; exit 2; }
if [[ -z "${DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" $([[ $quick == 1 ]] && echo --quick) "$bin" "$out"
fi

if [[ $quick == 1 ]]; then langs=(en); sizes=(1280x720); hours=36
else
  read -r -a langs <<< "${QANTAR_SWEEP_LANGS:-en kk ru}"
  read -r -a sizes <<< "${QANTAR_SWEEP_SIZES:-1920x1080 1280x720}"
  hours=${QANTAR_SWEEP_HOURS:-3}
fi
mkdir -p "$out"
[[ ${QANTAR_SWEEP_RENDER:-1} == 0 ]] || for lang in "${langs[@]}"; do for size in "${sizes[@]}"; do
  rm -rf "${out:?}/$lang-$size"
  echo "$lang $size"
done; done | SWEEP_BIN=$bin SWEEP_OUT=$out SWEEP_HOURS=$hours SWEEP_ARGS=${QANTAR_SWEEP_ARGS:-} \
  xargs -P "${QANTAR_SWEEP_JOBS:-2}" -L 1 bash -c '
    read -r -a extra <<< "$SWEEP_ARGS"
    dir=$SWEEP_OUT/$0-$1
    "$SWEEP_BIN" render "${extra[@]}" --every "$SWEEP_HOURS" --all-beats --size "$1" --lang "$0" \
      -o "$dir/" --layout-json "$dir/" >/dev/null || { echo "sweep: render $0 $1 failed" >&2; exit 255; }'

if [[ ${QANTAR_SWEEP_SHEETS:-1} != 0 ]]; then
  font=(); f=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; [[ -r $f ]] && font=(-font "$f")
  for lang in "${langs[@]}"; do for size in "${sizes[@]}"; do
    dir=$out/$lang-$size
    # Each frame shrunk as it is read ("f.png[480x270]"): a hundred full frames at once exceed
    # ImageMagick's default resource limits.
    beats=("$dir"/beat-*.png) every=("$dir"/at-*.png)
    montage "${font[@]}" -label '%t' "${beats[@]/%/[480x270]}" -tile 4x -geometry 480x270+4+4 -background '#0c1019' \
      -fill '#8c96a8' "$out/contact-beats-$lang-$size.png" &
    montage "${font[@]}" -label '%t' "${every[@]/%/[240x135]}" -tile 8x -geometry 240x135+2+2 -background '#0c1019' \
      -fill '#8c96a8' -pointsize 9 "$out/contact-every-$lang-$size.png" &
    wait
  done; done
fi

python3 scripts/sweep_check.py "$out"/*-*x*/
