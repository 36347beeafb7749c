#!/bin/sh
# CLI checks of `qantar export` that need a shell: GeoJSON on standard output, a full device
# (/dev/full), refusal to overwrite an input, and a full file system (a 64 KiB tmpfs, and a 1 MiB
# one for a large export; skipped with status 77 where mounting is not allowed).
# Usage: cli_test.sh QANTAR_EXE FIXTURE_DIR CASE
set -u
exe=$1; fx=$2; case_=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/qantar-cli-export.XXXXXX") || exit 1
trap 'umount "$work/full" 2>/dev/null; rm -rf "$work"' EXIT
cp "$fx/events.csv" "$fx/cities.csv" "$fx/regions.geojson" "$fx/tally.csv" "$work/"
data="--events $work/events.csv --cities $work/cities.csv --regions $work/regions.geojson --tally $work/tally.csv"
fail() { echo "FAIL: $*"; exit 1; }

case $case_ in
stdout)
    $exe export $data -o - > "$work/out.json" 2> "$work/err" || fail "exit $?: $(cat "$work/err")"
    head -c 1 "$work/out.json" | grep -q '{' || fail "not JSON"
    grep -q '"FeatureCollection"' "$work/out.json" || fail "no FeatureCollection"
    [ "$(grep -c . "$work/err")" = 0 ] || fail "stderr: $(cat "$work/err")"
    ;;
devfull)
    $exe export $data -o - > /dev/full 2> "$work/err"; rc=$?
    [ $rc = 1 ] || fail "exit $rc, expected 1"
    [ "$(wc -l < "$work/err")" = 1 ] || fail "expected one line: $(cat "$work/err")"
    grep -q "No space left on device" "$work/err" || fail "message: $(cat "$work/err")"
    ;;
refuse)
    cp "$work/events.csv" "$work/before.csv"
    $exe export $data -o "$work/events.csv" 2> "$work/err"; rc=$?
    [ $rc = 1 ] || fail "exit $rc, expected 1"
    cmp -s "$work/events.csv" "$work/before.csv" || fail "the input changed"
    grep -q "refusing to overwrite" "$work/err" || fail "message: $(cat "$work/err")"
    ;;
unwritable)
    $exe export $data -o "$work/missing/dir/out.gpkg" 2> "$work/err"; rc=$?
    [ $rc = 1 ] || fail "exit $rc, expected 1"
    [ "$(wc -l < "$work/err")" = 1 ] || fail "expected one line: $(cat "$work/err")"
    $exe export $data -o "$work/out.txt" 2> "$work/err"; rc=$?
    [ $rc = 2 ] || fail "unknown extension: exit $rc, expected 2"
    ;;
fulldisk)
    mkdir "$work/full"
    mount -t tmpfs -o size=64k tmpfs "$work/full" 2>/dev/null || { echo "SKIP: cannot mount a tmpfs"; exit 77; }
    # Fill it nearly up, then export a file larger than what is left.
    dd if=/dev/zero of="$work/full/filler" bs=1k count=60 2>/dev/null
    $exe export $data --layer regions -o "$work/full/regions.gpkg" 2> "$work/err"; rc=$?
    [ $rc = 1 ] || fail "exit $rc, expected 1"
    grep -q "No space left on device" "$work/err" || fail "message: $(cat "$work/err")"
    left=$(ls -A "$work/full" | grep -v '^filler$' || true)
    [ -z "$left" ] || fail "left behind: $left"
    ;;
fulldisk_large)
    # A large export (30,000 rows: written in slices built on a second thread, the GeoPackage's
    # spatial index packed) that fills a 1 MiB tmpfs: one line, exit 1, nothing left.
    mkdir "$work/full"
    mount -t tmpfs -o size=1m tmpfs "$work/full" 2>/dev/null || { echo "SKIP: cannot mount a tmpfs"; exit 77; }
    head -1 "$fx/events.csv" > "$work/large.csv"
    sed -n 3p "$fx/events.csv" | awk -F, -v OFS=, '{ for (i = 1; i <= 30000; i++) { $1 = sprintf("L-%06d", i); print } }' >> "$work/large.csv"
    large="--events $work/large.csv --cities $work/cities.csv --regions $work/regions.geojson --tally $work/tally.csv"
    $exe export $large -o "$work/large.gpkg" 2> "$work/err" || fail "exit $?: $(cat "$work/err")"
    [ "$(ogrinfo -so -al "$work/large.gpkg" 2>/dev/null | sed -n 's/^Feature Count: //p')" = 30000 ] || fail "not 30,000 rows"
    $exe export $large -o "$work/full/large.gpkg" 2> "$work/err"; rc=$?
    [ $rc = 1 ] || fail "exit $rc, expected 1"
    [ "$(wc -l < "$work/err")" = 1 ] || fail "expected one line: $(cat "$work/err")"
    grep -q "No space left on device" "$work/err" || fail "message: $(cat "$work/err")"
    left=$(ls -A "$work/full" || true)
    [ -z "$left" ] || fail "left behind: $left"
    ;;
*) fail "unknown case $case_" ;;
esac
echo "ok: $case_"
