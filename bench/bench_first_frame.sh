#!/usr/bin/env bash
# Time to the first frame of the bundled story (issue 11: <= 0.3 s), two ways, median of R runs:
#   - the window: `qantar view` at 1600x900 with QANTAR_LOG=1 QANTAR_QUIT_AFTER_FRAMES=1, which
#     logs "first frame after N ms" (from the start of main to the first frame shown), with the
#     stages before it (options read, window open, data loaded, renderer ready) from the same run,
#     and the first frame's time of day, from which the whole process's time is taken (from the
#     moment the script launches it: the dynamic loading before main included);
#   - a still: `qantar render --at <the animation's first moment>` as a whole process (wall time,
#     /usr/bin/time), the PNG written.
# Runs under xvfb-run when there is no display (Xvfb's own start-up is counted in neither figure).
# The window's stages are counted from main(); the dynamic loading before it (some 130 shared
# libraries, GDAL's dependencies most of them) is also given apart: a whole `qantar --version`.
# On a machine shared with builds, wall times follow the load: the CPU seconds (user + sys) of each
# process are printed beside them.
# usage: bench/bench_first_frame.sh [runs=5]   (build in $QANTAR_BUILD_DIR, default build/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
build=${QANTAR_BUILD_DIR:-build}
# A build directory is brought up to date; a bare folder with a qantar (beside ../geodata, ../shaders) is run as it is.
[[ ! -f $build/CMakeCache.txt ]] || cmake --build "$build" -j2 --target qantar >/dev/null
export QANTAR_GEODATA=${QANTAR_GEODATA:-$PWD/geodata}
# One X server for the whole run (its start-up in no figure): without a display, the script runs
# itself again under xvfb-run.
[[ -n ${DISPLAY:-} ]] || exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" "$@"
xrun=()
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for ((i = 0; i < runs; i++)); do
  launched=$(date +%s%3N)  # the whole process: from here to the first frame's time of day (its log)
  QANTAR_LOG=1 QANTAR_QUIT_AFTER_FRAMES=1 "${xrun[@]}" /usr/bin/time -f 'cpu %U %S' "$build/qantar" view --size 1600x900 \
    2>"$tmp/log.$i" >/dev/null || true
  sed -n "s/^qantar: first frame after .* (unix ms \([0-9]*\)).*/\1/p" "$tmp/log.$i" | awk -v t0="$launched" '{ print $1 - t0 }' >>"$tmp/whole"
  /usr/bin/time -f '%e %U %S' -o "$tmp/v.$i" "$build/qantar" --version >/dev/null
done
echo "bench_first_frame: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), qantar at $(git rev-parse --short HEAD), median of $runs"
# What a page's first write costs here: the first frame writes ~190 MB the process has never
# touched (libraries' relocations, the load, software OpenGL's binning), and a virtual machine can
# make that write many times slower than a rewrite of the same memory. dd's one 256 MiB buffer,
# written once, then 33 times (the 32 rewrites by difference).
dd_s() { dd if=/dev/zero of=/dev/null bs=256M count="$1" 2>&1 | sed -n 's/.* copied, \([0-9.]*\) s.*/\1/p'; }
once=$(dd_s 1) many=$(dd_s 33)
awk -v a="$once" -v b="$many" 'BEGIN { printf "  this machine: fresh memory written at %.0f MB/s (first write of 256 MiB), rewritten at %.1f GB/s\n", 268.435456 / a, 32 * 0.268435456 / (b - a) }'
awk '{ printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000 }' "$tmp"/v.* >"$tmp/version"
printf '  start-up before main (qantar --version, whole process): %s ms, cpu %s ms\n' \
  "$(cut -d' ' -f1 "$tmp/version" | median)" "$(cut -d' ' -f2 "$tmp/version" | median)"
# The stages: window open (main thread); shader and fonts (main thread, while the data loads);
# warmed up (main thread, only while the data still loads: render/warm_up.hpp); data loaded (the
# loading thread: the data read, projected and triangulated, its timeline, and the base map's
# geometry with the first frame's border strips); renderer ready (the uploads). A stage that did
# not happen in a run (the data came first) is left out of its median.
for stage in "options read" "window open" "shader and fonts" "warmed up" "data loaded" "renderer ready"; do
  ms=$(cat "$tmp"/log.* | sed -n "s/^qantar: $stage at \([0-9]*\) ms/\1/p" | median)
  printf '  view: %-16s %6s ms%s\n' "$stage" "${ms:--}" "$([[ -n $ms ]] || echo '   (in no run: the data came first)')"
done
printf '  view: %-16s %6s ms\n' "first frame" "$(cat "$tmp"/log.* | sed -n 's/^qantar: first frame after \([0-9]*\) ms.*/\1/p' | median)"
printf '  view: first frame, whole process (from its launch): %s ms (min %s, max %s)\n' "$(median <"$tmp/whole")" \
  "$(sort -n "$tmp/whole" | head -1)" "$(sort -n "$tmp/whole" | tail -1)"
printf '  view: whole process cpu %s ms (user + sys, to the first frame and exit)\n' \
  "$(cat "$tmp"/log.* | awk '/^cpu / { printf "%.0f\n", ($2 + $3) * 1000 }' | median)"

# The animation's first moment: the first day of the data, at midnight UTC. Timed inside xvfb-run
# (Xvfb's own start-up is not counted).
first_day=$("$build/qantar" info --json | sed -n 's/^ *"date": "\([0-9-]*\)".*/\1/p' | head -1)
for ((i = 0; i < runs; i++)); do
  "${xrun[@]}" /usr/bin/time -f '%e %U %S' -o "$tmp/t.$i" "$build/qantar" render --at "${first_day}T00:00Z" --size 1600x900 \
    -o "$tmp/first.png" 2>/dev/null
done
printf '  render --at %sT00:00Z (whole process): %s ms, cpu %s ms\n' "$first_day" \
  "$(awk '{ printf "%.0f\n", $1 * 1000 }' "$tmp"/t.* | median)" "$(awk '{ printf "%.0f\n", ($2 + $3) * 1000 }' "$tmp"/t.* | median)"
