#!/usr/bin/env bash
# Whole-animation export speed: the bundled data at 1920x1080, 30 fps, 3 s per day, to MP4 and to
# a PNG sequence, under Xvfb with software OpenGL (llvmpipe); at the default antialiasing (0, the
# same as the window: edges smoothed by feathered geometry) and with 4x MSAA (--antialias 4).
# Prints frames, seconds and frames per second for each.
# usage: bench/bench_export.sh [build dir=build-present] [antialias levels="0 4"]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build-present}
levels=${2:-0 4}
cmake --build "$build" --target qantar -j2 >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QANTAR_GEODATA="$here/geodata"
echo "bench_export: whole bundled animation, 1920x1080, 30 fps, 3 s/day, $(nproc) cores, Xvfb + llvmpipe"
for aa in $levels; do
  for out in anim.mp4 seq/; do
    rm -rf "$tmp/$out"
    start=$(date +%s.%N)
    xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$build/qantar" render --size 1920x1080 --fps 30 \
      --seconds-per-day 3 --antialias "$aa" -o "$tmp/$out" 2>"$tmp/log"
    end=$(date +%s.%N)
    if [ -d "$tmp/$out" ]; then frames=$(ls "$tmp/$out" | wc -l)
    else frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames \
                  -of csv=p=0 "$tmp/$out"); fi
    # The wall time includes loading the data and starting Xvfb; the render line is the loop alone.
    awk -v f="$frames" -v s="$start" -v e="$end" -v o="$out" -v a="$aa" -v r="$(tail -1 "$tmp/log")" \
      'BEGIN { printf "%-9s antialias %s: %5d frames in %6.1f s = %5.1f fps (wall, with start-up); %s\n", o, a, f, e - s, f / (e - s), r }'
  done
done
