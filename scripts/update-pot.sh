#!/bin/sh
# Extracts every interface message of src/ (tr("..."), N_("...")) into po/qantar.pot and merges
# it into po/kk.po and po/ru.po (msgmerge: new messages arrive untranslated, and
# tests/catalogue_check.sh fails until they are translated).
# Usage: scripts/update-pot.sh [OUT.pot]   (run from anywhere; OUT defaults to po/qantar.pot)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/po/qantar.pot}
cd "$root"
# shellcheck disable=SC2046
xgettext --language=C++ --from-code=UTF-8 --keyword=tr:1 --keyword=N_ --no-location --sort-output \
    --package-name=qantar --omit-header -o "$out" $(find src -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
[ "$#" -gt 0 ] && exit 0
for lang in kk ru; do
    [ -f "po/$lang.po" ] && msgmerge --quiet --update --backup=none --no-location --sort-output "po/$lang.po" "$out"
done
exit 0
