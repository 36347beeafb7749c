#!/usr/bin/env bash
# The sweep (issue 12): renders the bundled story at 1920x1080 and 1280x720, every 3 hours of the
# data and at every presenter beat, in en, kk and ru, and checks each frame from its LAYOUT (the
# boxes `render --layout-json` writes beside the PNG, not pixels):
#   - no two text boxes overlap, and none leaves the screen;
#   - no map text (city, badge, origin, country or sea) sits in a HUD zone, the caption card or the panel;
#   - every event colour drawn (and the spread arcs) has a legend entry.
# Prints one line per failure and a summary; makes a contact sheet of the beats per language
# (build/sweep/contact-<lang>.png, ImageMagick `montage`). Exit 1 if any check fails.
#
# Usage: scripts/sweep.sh [--quick] [QANTAR_BIN] [OUT_DIR]
#   --quick: en only, 1280x720, six moments and three beats (the CTest test `sweep_quick`).
#   The full run (a few thousand frames' worth of work; minutes) is by hand.
# Environment: QANTAR_SWEEP_ARGS: extra data options for every render (e.g. --sources FILE);
# QANTAR_SWEEP_HOURS: the step between moments (default 3); QANTAR_SWEEP_LANGS, QANTAR_SWEEP_SIZES:
# space-separated subsets (default "en kk ru" and "1920x1080 1280x720").
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
if [[ "${1:-}" == "--quick" ]]; then quick=1; shift; fi
bin=${1:-build/qantar}
out=${2:-build/sweep}
story=${QANTAR_SWEEP_BEATS:-geodata/kazakhstan-2022/beats.csv}  # the bundled story's beats
read -r -a extra <<< "${QANTAR_SWEEP_ARGS:-}"

[[ -x "$bin" ]] || { echo "sweep: no qantar at $bin (build it first)" >&2; exit 2; }
if [[ -z "${DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" $([[ $quick == 1 ]] && echo --quick) "$bin" "$out"
fi
mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.json

# The moments: every 3 hours from the first day's midnight to the last day's end (UTC+6 clock).
mapfile -t moments < <(python3 - "$bin" "$quick" "${QANTAR_SWEEP_HOURS:-3}" <<'EOF'
import json, subprocess, sys, datetime as dt
info = json.loads(subprocess.run([sys.argv[1], "info", "--json"], check=True, capture_output=True, text=True).stdout)
tz = dt.timezone(dt.timedelta(hours=6))
start = dt.datetime.fromisoformat(info["start"]).astimezone(tz).replace(hour=0, minute=0, second=0)
end = dt.datetime.fromisoformat(info["end"]).astimezone(tz)
t, out = start, []
while t <= end:
    out.append(t.strftime("%Y-%m-%dT%H:%M+06:00"))
    t += dt.timedelta(hours=float(sys.argv[3]))
if sys.argv[2] == "1":  # a spread of moments through the story: start, unrest, shutdown, troops, end
    picks = ["2022-01-02T12:00+06:00", "2022-01-04T21:00+06:00", "2022-01-05T18:00+06:00",
             "2022-01-06T15:00+06:00", "2022-01-14T15:00+06:00", out[-1]]
    out = [p for p in picks if p in out] or out[:: max(1, len(out) // 6)]
print("\n".join(out))
EOF
)
beats=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1]))))" "$story")

if [[ $quick == 1 ]]; then langs=(en); sizes=(1280x720); beat_list=(1 9 11)
else
  read -r -a langs <<< "${QANTAR_SWEEP_LANGS:-en kk ru}"
  read -r -a sizes <<< "${QANTAR_SWEEP_SIZES:-1920x1080 1280x720}"
  beat_list=($(seq 1 "$beats"))
fi

frames=0
for lang in "${langs[@]}"; do
  for size in "${sizes[@]}"; do
    for at in "${moments[@]}"; do
      name="$out/at-${lang}-${size}-${at%%+*}"
      "$bin" render "${extra[@]}" --at "$at" --size "$size" --lang "$lang" -o "$name.png" --layout-json "$name.json"
      frames=$((frames + 1))
    done
    for b in "${beat_list[@]}"; do
      name="$out/beat-${lang}-${size}-$(printf %02d "$b")"
      "$bin" render "${extra[@]}" --beat "$b" --beats "$story" --size "$size" --lang "$lang" -o "$name.png" --layout-json "$name.json"
      frames=$((frames + 1))
    done
  done
  # The contact sheet of the beats at the first size, in this language.
  montage "$out"/beat-"$lang"-"${sizes[0]}"-*.png -tile 4x -geometry 480x270+4+4 -background '#0c1019' \
    "$out/contact-$lang.png"
done

python3 - "$out" "$frames" <<'EOF'
import glob, json, os, sys
out, frames = sys.argv[1], int(sys.argv[2])
fails = 0
MAP_TEXT = {"city", "badge", "origin", "context"}

def overlap(a, b):
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]

def say(path, msg):
    global fails
    fails += 1
    print(f"sweep: {os.path.basename(path)}: {msg}")

def name(t):
    return f'{t["kind"]} "{t["text"]}"'

files = sorted(glob.glob(os.path.join(out, "*.json")))
for path in files:
    L = json.load(open(path))
    W, H, texts, zones = L["width"], L["height"], L["texts"], L["zones"]
    for t in texts:
        if t["x"] < 0 or t["y"] < 0 or t["x"] + t["w"] > W or t["y"] + t["h"] > H:
            say(path, f"{name(t)} leaves the screen")
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if overlap(texts[i], texts[j]):
                say(path, f"{name(texts[i])} overlaps {name(texts[j])}")
    for t in texts:
        if t["kind"] not in MAP_TEXT:
            continue
        for z in zones:
            if overlap(t, z):
                say(path, f"{name(t)} is inside the {z['kind']} zone")
    legend = set(L["legend_categories"])
    for c in L["drawn_categories"]:
        if c not in legend:
            say(path, f"colour of '{c}' is drawn but has no legend entry")
print(f"sweep: {len(files)} layouts of {frames} frames checked, {fails} problems")
sys.exit(1 if fails or len(files) != frames else 0)
EOF
