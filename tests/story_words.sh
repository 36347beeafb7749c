#!/bin/sh
# No story in the code: the bundled story's words must not appear anywhere in src/, comments
# included (examples in comments name neutral places). Prints FILE:LINE:TEXT for each and fails.
# Usage: story_words.sh [SRC_DIR]
src=${1:-$(dirname "$0")/../src}
words='Kazakhstan|Almaty|Zhanaozen|Nur-Sultan|CSTO|republican significance|January 2022'
found=$(grep -rniE "$words" "$src" --include='*.cpp' --include='*.hpp' --include='*.h' --include='*.vert' \
  --include='*.frag' --include='*.txt')
if [ -n "$found" ]; then
  echo "story words in src/ (they belong in the story's folder):"
  printf "%s\n" "$found"
  exit 1
fi
echo "no story words in $src"
