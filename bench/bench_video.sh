#!/usr/bin/env bash
# Encoder throughput: N synthetic 1920x1080 frames to MP4 (libx264 through ffmpeg) and to a PNG
# sequence (zlib, worker threads, unchanged bands reused); prints frames per second for each. Measures the encoders
# alone; the full render+encode figure comes from `qantar render` itself.
# usage: bench/bench_video.sh [frames=300] [formats=mp4,png,webm,gif] [build dir=build-video]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
frames=${1:-300}
formats=${2:-mp4,png}
build=${3:-$here/build-video}
cmake --build "$build" --target bench_video -j2 >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "bench_video: $frames frames at 1920x1080 on $(nproc) cores"
"$build/bench_video" "$frames" 1920 1080 "$tmp" "$formats"
