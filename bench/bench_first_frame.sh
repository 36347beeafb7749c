#!/usr/bin/env bash
# Time to the first frame of the bundled story (issue 11: <= 0.3 s), two ways, median of R runs:
#   - the window: `qantar view` at 1600x900 with QANTAR_LOG=1 QANTAR_QUIT_AFTER_FRAMES=1, which
#     logs "first frame after N ms" (from the start of main to the first frame shown), with the
#     stages before it (window open, data loaded, renderer ready) from the same run;
#   - a still: `qantar render --at <the animation's first moment>` as a whole process (wall time,
#     /usr/bin/time), the PNG written.
# Runs under xvfb-run when there is no display (Xvfb's own start-up is not counted in the window's
# figure, but is in the still's, so the still's is also given without it: a run of `true`).
# usage: bench/bench_first_frame.sh [runs=5]   (build in $QANTAR_BUILD_DIR, default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
build=${QANTAR_BUILD_DIR:-build}
cmake --build "$build" -j2 --target qantar >/dev/null
export QANTAR_GEODATA=$PWD/geodata
xrun=()
[[ -n ${DISPLAY:-} ]] || xrun=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for ((i = 0; i < runs; i++)); do
  QANTAR_LOG=1 QANTAR_QUIT_AFTER_FRAMES=1 "${xrun[@]}" "$build/qantar" view --size 1600x900 2>"$tmp/log.$i" >/dev/null || true
done
echo "bench_first_frame: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), qantar at $(git rev-parse --short HEAD), median of $runs"
for stage in "window open" "data loaded" "renderer ready"; do
  printf '  view: %-15s %6s ms\n' "$stage" "$(cat "$tmp"/log.* | sed -n "s/^qantar: $stage at \([0-9]*\) ms/\1/p" | median)"
done
printf '  view: %-15s %6s ms\n' "first frame" "$(cat "$tmp"/log.* | sed -n 's/^qantar: first frame after \([0-9]*\) ms/\1/p' | median)"

# The animation's first moment: the first day of the data, at midnight UTC.
first_day=$("$build/qantar" info --json | sed -n 's/^ *"date": "\([0-9-]*\)".*/\1/p' | head -1)
for ((i = 0; i < runs; i++)); do
  /usr/bin/time -f '%e' -o "$tmp/t.$i" "${xrun[@]}" "$build/qantar" render --at "${first_day}T00:00Z" --size 1600x900 \
    -o "$tmp/first.png" 2>/dev/null
  /usr/bin/time -f '%e' -o "$tmp/x.$i" "${xrun[@]}" true
done
still=$(cat "$tmp"/t.* | median)
xvfb=$(cat "$tmp"/x.* | median)
awk -v s="$still" -v x="$xvfb" -v d="$first_day" 'BEGIN {
  printf "  render --at %sT00:00Z (whole process) %.0f ms; xvfb-run alone %.0f ms; without it %.0f ms\n", d, s * 1000, x * 1000, (s - x) * 1000 }'
