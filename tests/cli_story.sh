#!/bin/sh
# Stories on the command line (issue 10): sh cli_story.sh QANTAR CASE. Run from anywhere; the
# bundled story is found through QANTAR_GEODATA.
set -u
qantar=$1
case_=$2
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
one_line_exit1() {  # the last run: exit 1 and one line on stderr holding each argument
  [ "$rc" -eq 1 ] || fail "exit $rc, expected 1 ($(cat "$tmp/err"))"
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "not one line: $(cat "$tmp/err")"
  for p in "$@"; do grep -qF -- "$p" "$tmp/err" || fail "no '$p' in: $(cat "$tmp/err")"; done
}

case $case_ in
story)
  # --story DIR, --story DIR/story.toml and no option at all: the same bundled story.
  "$qantar" info --json >"$tmp/default.json" 2>"$tmp/err" || fail "default: $(cat "$tmp/err")"
  "$qantar" info --json --story "$root/geodata/kazakhstan-2022" >"$tmp/dir.json" 2>"$tmp/err" || fail "dir: $(cat "$tmp/err")"
  "$qantar" info --json --story "$root/geodata/kazakhstan-2022/story.toml" >"$tmp/toml.json" 2>"$tmp/err" || fail "toml: $(cat "$tmp/err")"
  cmp -s "$tmp/default.json" "$tmp/dir.json" || fail "--story DIR differs from the default"
  cmp -s "$tmp/default.json" "$tmp/toml.json" || fail "--story story.toml differs from the default"
  python3 - "$tmp/default.json" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["title"] == "Kazakhstan \u00b7 January 2022", d["title"]
assert sorted(d["categories"]) == sorted(["peaceful_protest", "riot", "security_operation", "state_of_emergency",
                                          "political_decision", "foreign_troops", "internet_shutdown"]), d["categories"]
assert sum(d["categories"].values()) == d["events"]
PY
  # --title overrides the manifest.
  "$qantar" info --json --title "Other" >"$tmp/t.json" 2>"$tmp/err" || fail "title: $(cat "$tmp/err")"
  python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['title'] == 'Other'" "$tmp/t.json" || fail "--title ignored"
  ;;
plain)
  # --events alone: no manifest, no title, ACLED's own types as categories.
  "$qantar" info --json --events "$root/tests/data/acled.csv" >"$tmp/out" 2>"$tmp/err" || fail "$(cat "$tmp/err")"
  python3 - "$tmp/out" <<'PY' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["title"] == "", d["title"]
c = d["categories"]
assert c == {"Protests": 1, "Riots": 1, "Battles": 1, "Violence against civilians": 0,
             "Explosions/Remote violence": 0, "Strategic developments": 0}, c
PY
  ;;
badmanifest)
  cp -r "$root/geodata/kazakhstan-2022" "$tmp/s"
  sed -i '0,/^colour = "#ff4838"$/s///' "$tmp/s/story.toml"   # the riot loses its colour
  "$qantar" info --story "$tmp/s" >"$tmp/out" 2>"$tmp/err"; rc=$?
  one_line_exit1 "$tmp/s/story.toml: key 'categories[2].colour'" "missing"
  rm "$tmp/s/story.toml"
  "$qantar" info --story "$tmp/s" >"$tmp/out" 2>"$tmp/err"; rc=$?
  one_line_exit1 "story.toml" "no such file"
  ;;
colorby)
  "$qantar" info --json --events "$root/tests/data/acled.csv" --color-by nope >"$tmp/out" 2>"$tmp/err"; rc=$?
  one_line_exit1 "acled.csv" "field 'nope'" "no such field" "admin1"
  "$qantar" info --json --events "$root/tests/data/acled.csv" --color-by admin1 >"$tmp/out" 2>"$tmp/err" || fail "$(cat "$tmp/err")"
  python3 - "$tmp/out" <<'PY' || exit 1
import json, sys
c = json.load(open(sys.argv[1]))["categories"]
assert sum(c.values()) == 3 and "Protests" not in c, c
PY
  ;;
init)
  # qantar init DIR --events FILE: a manifest filled from the file, refering to it; then --story DIR opens it.
  "$qantar" init "$tmp/s" --events "$root/tests/data/acled.csv" >"$tmp/out" 2>"$tmp/err" || fail "init: $(cat "$tmp/err")"
  [ -s "$tmp/s/story.toml" ] || fail "no story.toml"
  [ ! -e "$tmp/s/acled.csv" ] || fail "the events file was copied"
  grep -q '^events = ".*tests/data/acled.csv"$' "$tmp/s/story.toml" || fail "events not named: $(grep events "$tmp/s/story.toml")"
  case $(grep '^events = ' "$tmp/s/story.toml") in *'"/'*) fail "events by absolute path" ;; esac
  grep -q '^category = "event_type"$' "$tmp/s/story.toml" || fail "category field not event_type"
  if [ -n "${DISPLAY:-}" ]; then
    [ -s "$tmp/s/preview.png" ] || fail "no preview.png with a display"
    python3 -c "import sys; d=open(sys.argv[1],'rb').read(24); assert d[:8]==b'\x89PNG\r\n\x1a\n' and int.from_bytes(d[16:20],'big')==1280" "$tmp/s/preview.png" || fail "preview.png is not a 1280-wide PNG"
  fi
  "$qantar" info --json --story "$tmp/s" >"$tmp/story.json" 2>"$tmp/err" || fail "--story DIR of init: $(cat "$tmp/err")"
  "$qantar" info --json --events "$root/tests/data/acled.csv" >"$tmp/plain.json" 2>"$tmp/err" || fail "plain: $(cat "$tmp/err")"
  python3 - "$tmp/story.json" "$tmp/plain.json" <<'PY' || exit 1
import json, sys
s, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert s["categories"] == p["categories"], (s["categories"], p["categories"])
assert s["events"] == p["events"] == 3
PY
  # A non-empty folder is refused (usage), unless --force.
  "$qantar" init "$tmp/s" --events "$root/tests/data/acled.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc -eq 2 ] || fail "non-empty DIR: exit $rc, expected 2"
  grep -q -- "--force" "$tmp/err" || fail "no hint of --force: $(cat "$tmp/err")"
  "$qantar" init "$tmp/s" --force --events "$root/tests/data/acled.csv" >"$tmp/out" 2>"$tmp/err" || fail "--force: $(cat "$tmp/err")"
  ;;
*) fail "unknown case $case_" ;;
esac
