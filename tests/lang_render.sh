#!/usr/bin/env bash
# Issue 12: `render --lang LANG` draws the interface in that language whatever the process locale.
# A still of 5 January 18:00 (the internet shutdown's banner, the states of emergency, spread arcs)
# is rendered with an empty environment (env -i: no LANG, C locale), with LC_ALL=C.UTF-8, and
# with a foreign locale asked for (LANGUAGE=de, LC_ALL=de_DE.UTF-8, not generated): the three
# PNGs and layouts are byte-identical. Then every laid-out interface text (legend, playback line,
# banner, city labels) is checked in the layout JSON: Cyrillic and no English interface word for
# kk and ru; for en, the English words are there (so the check can fail).
# usage: lang_render.sh QANTAR_EXECUTABLE GEODATA_DIR LANG      (exit 77: skipped, no X server)
set -uo pipefail
bin=$1 geodata=$2 lang=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL ($lang): $*"; exit 1; }

if [[ -z "${DISPLAY:-}" ]]; then
  command -v xvfb-run >/dev/null || { echo "skip: no DISPLAY and no xvfb-run"; exit 77; }
  exec xvfb-run -a -s "-screen 0 1280x720x24 -noreset" "$0" "$@"
fi

args=(render --lang "$lang" --at 2022-01-05T18:00+06:00 --size 1280x720)
base=(PATH="$PATH" DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" QANTAR_GEODATA="$geodata")
env -i "${base[@]}" "$bin" "${args[@]}" -o "$dir/a.png" --layout-json "$dir/a.json" 2>"$dir/err" \
  || fail "render (env -i): $(cat "$dir/err")"
env -i "${base[@]}" LC_ALL=C.UTF-8 "$bin" "${args[@]}" -o "$dir/b.png" --layout-json "$dir/b.json" 2>"$dir/err" \
  || fail "render (C.UTF-8): $(cat "$dir/err")"
env -i "${base[@]}" LANGUAGE=de LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 "$bin" "${args[@]}" -o "$dir/c.png" \
  --layout-json "$dir/c.json" 2>"$dir/err" || fail "render (de_DE): $(cat "$dir/err")"
for x in b c; do
  cmp -s "$dir/a.png" "$dir/$x.png" || fail "the process locale changed the image ($x)"
  cmp -s "$dir/a.json" "$dir/$x.json" || fail "the process locale changed the layout ($x)"
done

python3 - "$dir/a.json" "$lang" <<'PY'
import json, re, sys
layout = json.load(open(sys.argv[1], encoding="utf-8"))
lang = sys.argv[2]
texts = [t for t in layout["texts"] if t["kind"] in ("legend", "playback", "banner", "city")]
kinds = {t["kind"] for t in texts}
missing = {"legend", "playback", "banner", "city"} - kinds
if missing: sys.exit(f"FAIL ({lang}): no {sorted(missing)} text in the layout")
# English words of the interface and of the story's legend and banner.
english = re.compile(r"\b(Region|protest|violence|emergency|per day|last|cumulative|Nearest|Peaceful|Riot|"
                     r"Security|Political|Foreign|INTERNET|SHUT|Almaty|Karaganda)\b")
cyrillic = re.compile("[\u0400-\u04FF]")
bad = []
for t in texts:
    if lang == "en":
        continue
    if not cyrillic.search(t["text"]): bad.append(f"{t['kind']} {t['text']!r}: no Cyrillic")
    if english.search(t["text"]): bad.append(f"{t['kind']} {t['text']!r}: English word")
if lang == "en" and not any(english.search(t["text"]) for t in texts):
    bad.append("no English interface word in the English frame")
if bad: sys.exit(f"FAIL ({lang}): " + "; ".join(bad))
print(f"ok: {lang}: {len(texts)} interface texts, " + " | ".join(sorted({t['text'] for t in texts if t['kind'] != 'city'})))
PY
