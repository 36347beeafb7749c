#!/usr/bin/env bash
# End to end: in the window, key E writes the current moment's events, cities and regions to a
# GeoPackage in --export-dir and says where. Checks the log line, that the file holds the three
# layers, and that its events are those `qantar export --at` gives for the same moment.
#
# usage: e2e_key_export.sh QANTAR_EXECUTABLE      exit 77 (skipped) without xdotool / Xvfb
set -uo pipefail
bin=$1
. "$(dirname "$0")/e2e_lib.sh"
need_tools xdotool ogrinfo
with_display "$0" "$@"

dir=$(mktemp -d)
log=$dir/view.log
at=2022-01-05T18:00+06:00
QANTAR_LOG=1 "$bin" view --paused --at "$at" --size 1000x600 --export-dir "$dir/out" 2>"$log" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

mkdir -p "$dir/out"
wait_for 'first frame' 30
win=$(xdotool search --sync --name '^qantar' | head -n 1)
[[ -n "$win" ]] || fail "no qantar window"
xdotool key --window "$win" e
wait_for '^exported ' 10
path=$(grep -E '^exported ' "$log" | tail -n 1 | cut -d' ' -f2-)
[[ "$path" == "$dir/out/qantar-2022-01-05T1800+0600.gpkg" ]] || fail "unexpected path '$path'"
[[ -f "$path" ]] || fail "no file at $path"
layers=$(ogrinfo -ro -q "$path" | sed -E 's/^[0-9]+: ([a-z]+).*/\1/' | tr '\n' ' ')
[[ "$layers" == "events cities regions " ]] || fail "layers are '$layers'"
count() { ogrinfo -ro -so "$1" "$2" | sed -n 's/^Feature Count: //p'; }
"$bin" export --layer events --at "$at" --window 24 -o "$dir/events.geojson" || fail "qantar export failed"
want=$(count "$dir/events.geojson" events)
got=$(count "$path" events)
[[ -n "$got" && "$got" == "$want" ]] || fail "key E wrote $got events, export --at gives $want"
echo "key E wrote $path with $got events (as export --at $at --window 24)"
exit 0
