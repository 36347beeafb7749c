#!/usr/bin/env python3
"""The sweep's checks (issue 12), from the layout JSON that `qantar render --layout-json` writes
beside each frame (render/layout_json.cpp), never from pixels:

  - no two text boxes overlap, and none leaves the screen;
  - no map text (city, badge, origin, country or sea) sits in a HUD zone, the caption card or the panel;
  - the banner covers no city marker;
  - every colour drawn has exactly one legend entry, and that entry's swatch is the colour drawn
    (markers and histogram bars by category, arcs, region tints by state; the banner names itself);
  - the HUD clock shows the offsets of the zones in view: every offset covering at least a tenth of
    the view (core/clock.hpp; at most three), none that is not in view, each with its local time.

Usage: sweep_check.py FILE.json|DIR ...   (a DIR: every *.json under it)
Prints one line per problem and a summary; exit 1 if any.
"""
import glob
import json
import os
import re
import sys

MAP_TEXT = {"city", "badge", "origin", "context"}
MIN_SHARE, MAX_CLOCKS = 0.1, 3  # core/clock.hpp's defaults


def overlap(a, b):
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


def name(t):
    return f'{t["kind"]} "{t["text"]}"'


def check_texts(L):
    W, H, texts, zones = L["width"], L["height"], L["texts"], L["zones"]
    for t in texts:
        if t["x"] < 0 or t["y"] < 0 or t["x"] + t["w"] > W or t["y"] + t["h"] > H:
            yield f"{name(t)} leaves the screen"
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if overlap(texts[i], texts[j]):
                yield f"{name(texts[i])} overlaps {name(texts[j])}"
    for t in texts:
        if t["kind"] in MAP_TEXT:
            for z in zones:
                if overlap(t, z):
                    yield f"{name(t)} is inside the {z['kind']} zone"
    for t in texts:
        if t["kind"] == "banner":
            for m in L.get("markers", []):
                if overlap(t, m):
                    yield f'{name(t)} covers the marker of "{m["text"]}"'


def check_legend(L):
    if not L["hud"]:
        return  # no legend drawn at all
    legend, texts = L["legend"], L["texts"]
    by_key = {}
    for e in legend:
        by_key.setdefault(e["key"], []).append(e)
    for key, entries in by_key.items():
        if len(entries) > 1:
            yield f"legend entry '{key}' is there {len(entries)} times"
    by_colour = {}
    for e in legend:
        by_colour.setdefault(e["colour"], []).append(e["key"])
    for colour, keys in by_colour.items():
        if len(keys) > 1:
            yield f"legend entries {', '.join(keys)} share the swatch colour {colour}"
    for d in L["drawn"]:
        if d["what"] == "banner":  # the banner says what it is
            if not any(t["kind"] == "banner" for t in texts):
                yield f"banner colour {d['colour']} is drawn without its text"
            continue
        entries = by_key.get(d["key"], [])
        if not entries:
            yield f"colour {d['colour']} of {d['what']} '{d['key']}' is drawn but has no legend entry"
        elif entries[0]["colour"] != d["colour"]:
            yield (f"legend swatch of '{d['key']}' is {entries[0]['colour']} but its {d['what']} is drawn "
                   f"{d['colour']}")


def hh_mm(t, off):
    s = (t + off) % 86400
    return f"{s // 3600:02d}:{s // 60 % 60:02d}"


def utc_name(off):
    if off == 0:
        return "UTC"
    sign, a = ("+" if off > 0 else "-"), abs(off)
    return f"UTC{sign}{a // 3600:02d}" + (f":{a // 60 % 60:02d}" if a % 3600 else "")


def check_clock(L):
    c = L["clock"]
    t, shown, text = c["t_utc_s"], c["offsets_s"], c["text"]
    weights = {}
    for z in c["zones_in_view"]:
        if z["weight"] > 0:
            weights[z["offset_s"]] = weights.get(z["offset_s"], 0) + z["weight"]
    total = sum(weights.values())
    if total > 0:
        big = sorted((o for o, w in weights.items() if w >= MIN_SHARE * total), key=lambda o: -weights[o])
        want = sorted(big[:MAX_CLOCKS])
    else:
        want = [c["fallback_offset_s"]]
    for o in shown:
        if o not in weights and total > 0:
            yield f'clock "{text}" shows {utc_name(o)}, which is not in view ({", ".join(map(utc_name, sorted(weights)))})'
    for o in want:
        if o not in shown:
            yield f'clock "{text}" leaves out {utc_name(o)}, {weights.get(o, 0) / (total or 1):.0%} of the view'
    times = re.findall(r"\b\d\d:\d\d\b", text)
    expected = [hh_mm(t, o) for o in sorted(shown)]
    if len(shown) == 1 and "UTC" in text and utc_name(shown[0]) not in text:
        yield f'clock "{text}" names another offset than {utc_name(shown[0])}'
    if times != expected:
        yield f'clock "{text}" says {", ".join(times) or "no time"} where {", ".join(expected)} is due'


def check(L):
    yield from check_texts(L)
    yield from check_legend(L)
    yield from check_clock(L)


def main(args):
    files = []
    for a in args:
        files += sorted(glob.glob(os.path.join(a, "**", "*.json"), recursive=True)) if os.path.isdir(a) else [a]
    fails = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            L = json.load(f)
        for msg in check(L):
            fails += 1
            print(f"sweep: {os.path.relpath(path)}: {msg}")
    print(f"sweep: {len(files)} layouts checked, {fails} problems")
    return 1 if fails or not files else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
