#!/bin/sh
# A map of any place from the command line: `qantar info --json --events FILE` with no other file
# (the world base map of tests/data/world), --bbox, --filter and --size-by.
# Usage: cli_world.sh QANTAR_BIN CASE
set -u
qantar=$1
case_=$2
here=$(cd "$(dirname "$0")" && pwd)
data=$here/..
unset QANTAR_GEODATA
export QANTAR_WORLD="$here"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL ($case_): $*"; cat "$tmp/err" 2>/dev/null; exit 1; }
check() {  # check FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open('$1')); assert $2, {k: d.get(k) for k in ('crs','extent','outside_extent','title','subtitle','regions','cities')}" || fail "$2"
}

case $case_ in
region)  # California: a conic fitted to California, framed on it, US states as regions
  "$qantar" info --json --events "$data/usgs/california-m1.csv" >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
  check "$tmp/out" "d['crs'].startswith('+proj=lcc ') and -124 < float(d['crs'].split('+lon_0=')[1].split()[0]) < -117"
  check "$tmp/out" "-126 < d['extent'][0] < -120 and 31 < d['extent'][1] < 35 and -117 < d['extent'][2] < -113 and 38 < d['extent'][3] < 42.5"
  check "$tmp/out" "d['title'] == 'United States of America' and d['subtitle'] == '31 January \u2013 7 February 2018'"
  check "$tmp/out" "0 < d['outside_extent'] < 20 and d['events'] == 306"
  check "$tmp/out" "d['regions'] >= 1 and 1 <= d['cities'] <= 10"
  check "$tmp/out" "any(f.endswith('admin1.fgb') for f in d['input_files'])"
  ;;
world)  # The whole world: Equal Earth, every country with events as a region, "World"
  "$qantar" info --json --events "$data/usgs/world-m2.5.csv" >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
  check "$tmp/out" "d['crs'].startswith('+proj=eqearth ')"
  check "$tmp/out" "d['title'] == 'World' and (d['extent'][2] - d['extent'][0]) % 360 > 120"
  check "$tmp/out" "d['regions'] >= 5"
  ;;
antimeridian)  # Tonga and Fiji quakes on both sides of 180: a box across it, a conic centred on it
  "$qantar" info --json --events "$data/usgs/world-m2.5.csv" --filter \
    "(CAST(longitude AS FLOAT) > 170 OR CAST(longitude AS FLOAT) < -170) AND CAST(latitude AS FLOAT) BETWEEN -30 AND -10" \
    >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
  check "$tmp/out" "d['events'] == 8 and d['extent'][0] > 170 and d['extent'][2] < -170 and d['outside_extent'] == 0"
  check "$tmp/out" "d['crs'].startswith('+proj=lcc ') and abs(float(d['crs'].split('+lon_0=')[1].split()[0])) > 170"
  ;;
bbox)  # --bbox frames what it says and counts the rest; a bad one is a usage error (2, one line)
  "$qantar" info --json --events "$data/usgs/california-m1.csv" --bbox=-119,33,-117,35 >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
  check "$tmp/out" "d['extent'] == [-119, 33, -117, 35] and d['outside_extent'] > 100"
  "$qantar" info --events "$data/usgs/california-m1.csv" --bbox=1,2,3 >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] || fail "bad bbox: exit $rc"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q -- "--bbox '1,2,3'" "$tmp/err" || fail "bad bbox message"
  ;;
filter)  # --filter through OGR SQL; a bad expression: one line with the file and the expression, exit 1
  "$qantar" info --json --events "$data/usgs/california-m1.csv" --filter "CAST(mag AS FLOAT) >= 2" >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
  n=$(python3 -c "import csv; print(sum(1 for r in csv.DictReader(open('$data/usgs/california-m1.csv')) if float(r['mag']) >= 2))")
  check "$tmp/out" "d['events'] == $n"
  "$qantar" info --events "$data/usgs/california-m1.csv" --filter "mag >>> 2" >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc -eq 1 ] || fail "bad filter: exit $rc"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "california-m1.csv: filter 'mag >>> 2'" "$tmp/err" || fail "bad filter message"
  "$qantar" info --events "$data/usgs/california-m1.csv" --size-by nosuch >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc -eq 1 ] && grep -q "field 'nosuch'" "$tmp/err" || fail "bad --size-by: exit $rc"
  ;;
still)  # a still of the one-file map renders (needs a display: CTest runs under xvfb-run)
  [ -n "${DISPLAY:-}" ] || { echo "skipped: no display"; exit 77; }
  "$qantar" render --events "$data/usgs/california-m1.csv" --at 2018-02-04T12:00Z --size 960x540 \
    --size-by mag -o "$tmp/still.png" >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
  python3 -c "import sys; b=open('$tmp/still.png','rb').read(); assert b[:8]==b'\\x89PNG\\r\\n\\x1a\\n' and len(b) > 20000, len(b)" || fail "not a PNG"
  ;;
*) echo "unknown case $case_"; exit 2 ;;
esac
echo "ok ($case_)"
