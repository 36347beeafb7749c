#!/bin/sh
# CLI checks of `qantar info`: sh cli_info.sh QANTAR CASE. Exits non-zero with a reason on failure.
set -u
qantar=$1
case_=$2
data=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

case $case_ in
json)
  "$qantar" info --json >"$tmp/out" 2>"$tmp/err" || fail "exit $? ($(cat "$tmp/err"))"
  python3 - "$tmp/out" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("events", "cities", "regions", "start", "end", "spread_root", "skipped", "spread", "days", "categories"):
    assert k in d, "missing key " + k
assert d["events"] >= 60 and d["cities"] >= 19 and d["regions"] == 16, d
assert d["spread_root"] == "Zhanaozen", d["spread_root"]
assert d["start"].startswith("2022-01-01T") and d["start"][-6:] in ("+05:00", "+06:00"), d["start"]
assert d["end"].startswith("2022-01-19T"), d["end"]
assert d["skipped"] == 0
PY
  ;;
text)
  "$qantar" info >"$tmp/out" 2>"$tmp/err" || fail "exit $? ($(cat "$tmp/err"))"
  grep -q "How the unrest spread" "$tmp/out" || fail "no spread section"
  grep -q "Zhanaozen .*(root)" "$tmp/out" || fail "Zhanaozen is not the root"
  ;;
usage)
  "$qantar" info --no-such-option >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 2 ] || fail "exit $rc, expected 2"
  ;;
missing)
  "$qantar" info --events "$tmp/nope.csv" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 1 ] || fail "exit $rc, expected 1"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "not one line: $(cat "$tmp/err")"
  grep -q "nope.csv" "$tmp/err" || fail "the file is not named: $(cat "$tmp/err")"
  ;;
crs)
  "$qantar" info --crs EPSG:99999999 >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 2 ] || fail "exit $rc, expected 2"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "not one line: $(cat "$tmp/err")"
  grep -q "unknown --crs 'EPSG:99999999'" "$tmp/err" || fail "$(cat "$tmp/err")"
  ;;
skip)
  printf 'event_id_cnty,category,start_time,city_id\nA,riot,2022-01-04T19:00+06:00,almaty\nB,riot,never,almaty\n' >"$tmp/e.csv"
  "$qantar" info --events "$tmp/e.csv" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 1 ] || fail "without --skip-invalid: exit $rc, expected 1"
  grep -q "line 3: field 'start_time'" "$tmp/err" || fail "$(cat "$tmp/err")"
  "$qantar" info --events "$tmp/e.csv" --skip-invalid >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
  grep -q "Skipped 1 invalid event record" "$tmp/out" || fail "no skip report"
  grep -q "line 3: field 'start_time'" "$tmp/out" || fail "no reason"
  "$qantar" info --events "$tmp/e.csv" --skip-invalid --json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['skipped']==1 and d['events']==1, d" || fail "json"
  ;;
row7)
  # Issue 11's bad row, small: 20 ACLED-style rows, the 7th (line 8) with a latitude of "north".
  {
    echo "event_id_cnty,event_date,event_type,latitude,longitude,fatalities"
    i=1
    while [ $i -le 20 ]; do
      lat=43.2$i
      [ $i -eq 7 ] && lat=north
      echo "KAZ$i,0$((i % 9 + 1)) January 2022,Protests,$lat,76.9$i,0"
      i=$((i + 1))
    done
  } >"$tmp/r.csv"
  "$qantar" info --events "$tmp/r.csv" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 1 ] || fail "exit $rc, expected 1"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "not one line: $(cat "$tmp/err")"
  grep -q "r.csv: line 8: field 'latitude'" "$tmp/err" || fail "row 7 (line 8) not named: $(cat "$tmp/err")"
  "$qantar" info --events "$tmp/r.csv" --skip-invalid >"$tmp/out" 2>"$tmp/err" || fail "--skip-invalid: exit $?"
  grep -q "Skipped 1 invalid event record" "$tmp/out" || fail "no count: $(cat "$tmp/out")"
  grep -q "line 8: field 'latitude'" "$tmp/out" || fail "no reason: $(cat "$tmp/out")"
  "$qantar" info --events "$tmp/r.csv" --skip-invalid --json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['skipped']==1 and d['events']==19, d" || fail "json"
  ;;
*) fail "unknown case $case_" ;;
esac
