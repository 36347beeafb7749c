#!/bin/sh
# `cmake --install` into a temporary prefix, then the installed program runs from / with no
# environment variable: it finds its geodata (and shaders) under <prefix>/share/qantar.
# Usage: install_test.sh CMAKE BUILD_DIR
set -u
cmake=$1
build=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build" --prefix "$prefix" >"$prefix/install.log" 2>&1 || { cat "$prefix/install.log"; echo "FAIL: install"; exit 1; }
[ -x "$prefix/bin/qantar" ] || { echo "FAIL: no $prefix/bin/qantar"; exit 1; }
[ -f "$prefix/share/qantar/shaders/events.vert" ] || { echo "FAIL: shaders not installed"; exit 1; }
[ -f "$prefix/share/qantar/geodata/events.csv" ] || [ -d "$prefix/share/qantar/geodata" ] || { echo "FAIL: geodata not installed"; exit 1; }
out=$(cd / && env -i PATH=/usr/bin:/bin "$prefix/bin/qantar" info --json 2>&1) || { echo "FAIL: qantar info from /: $out"; exit 1; }
echo "$out" | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d['events'] > 0, d['events']
assert all(f.startswith('$prefix/share/qantar/') for f in d['input_files']), d['input_files']
for lang in ('kk', 'ru'):  # the installed catalogues, found from / with no environment
    c = d['catalogues'][lang]
    assert c['path'] == '$prefix/share/qantar/locale/' + lang + '/LC_MESSAGES/qantar.mo', c
    assert c['messages'] > 100, c
" || { echo "FAIL: the installed program did not read the installed data"; exit 1; }
echo "ok: installed under $prefix, ran from /"
