#!/bin/sh
# No story in the code: the bundled story's words must not appear in src/ outside comments.
# Prints FILE:LINE: TEXT for each and fails. Usage: story_words.sh [SRC_DIR]
src=${1:-$(dirname "$0")/../src}
words='Kazakhstan|Almaty|Zhanaozen|Nur-Sultan|CSTO|republican significance|January 2022'
# Drop // comments (not inside a string: a // after an odd number of quotes is kept) and the
# lines of /* */ blocks, then look for the words, ignoring case.
found=$(find "$src" -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.vert' -o -name '*.frag' \) | sort |
  while read -r f; do
    awk -v f="$f" -v words="$words" '
      BEGIN { IGNORECASE = 1 }
      {
        line = $0
        if (inblock) { if (index(line, "*/")) { line = substr(line, index(line, "*/") + 2); inblock = 0 } else next }
        if (match(line, /^[ \t]*\/\*/)) { if (!index(line, "*/")) inblock = 1; next }
        out = ""; q = 0
        for (i = 1; i <= length(line); i++) {
          c = substr(line, i, 1)
          if (c == "\\" && q) { out = out c substr(line, i + 1, 1); i++; continue }
          if (c == "\"") q = !q
          if (!q && substr(line, i, 2) == "//") break
          out = out c
        }
        if (tolower(out) ~ tolower(words)) printf "%s:%d: %s\n", f, NR, $0
      }' "$f"
  done)
if [ -n "$found" ]; then
  echo "story words in src/ (they belong in the story's folder):"
  printf "%s\n" "$found"
  exit 1
fi
echo "no story words in $src"
