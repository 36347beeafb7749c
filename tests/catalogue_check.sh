#!/bin/sh
# The interface catalogue of one language is complete: every message the sources mark (tr("..."),
# N_("...")) has a translation in po/LANG.po (msgcmp against a fresh extraction), none is fuzzy
# or empty (msgfmt --statistics), the file compiles (msgfmt --check), each translation keeps
# the placeholders {0}, {1}, ... of its English, and po/qantar.pot is up to date.
# Usage: catalogue_check.sh SOURCE_DIR LANG
set -u
src=$1
lang=$2
po=$src/po/$lang.po
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL ($lang): $*"; exit 1; }
[ -f "$po" ] || fail "no $po"
"$src/scripts/update-pot.sh" "$tmp/fresh.pot" 2>"$tmp/xgettext.log" || { cat "$tmp/xgettext.log"; fail "xgettext"; }
msgcmp "$po" "$tmp/fresh.pot" 2>"$tmp/cmp.log" || { cat "$tmp/cmp.log"; fail "messages of src/ missing from $po (run scripts/update-pot.sh, then translate)"; }
msgfmt --check --statistics -o "$tmp/x.mo" "$po" 2>"$tmp/stat.log" || { cat "$tmp/stat.log"; fail "msgfmt --check"; }
grep -q "untranslated\|fuzzy" "$tmp/stat.log" && { cat "$tmp/stat.log"; fail "untranslated or fuzzy messages"; }
cmp -s "$src/po/qantar.pot" "$tmp/fresh.pot" || fail "po/qantar.pot is out of date (run scripts/update-pot.sh)"
# Placeholders: msgid and msgstr hold the same set of {N}.
python3 - "$po" <<'PY' || exit 1
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = []
for mid, mstr in re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M):
    if mid and sorted(re.findall(r"\{\d\}", mid)) != sorted(re.findall(r"\{\d\}", mstr)):
        bad.append(mid)
if bad:
    print("FAIL: placeholders differ in", sys.argv[1], ":", "; ".join(bad))
    sys.exit(1)
PY
n=$(sed -n 's/^\([0-9]*\) translated message.*/\1/p' "$tmp/stat.log")
echo "ok: $lang catalogue complete ($n messages)"
