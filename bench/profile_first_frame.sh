#!/usr/bin/env bash
# Where the CPU time to the first frame of the window goes, by stage and thread: `perf record` of
# `qantar view` (QANTAR_LOG=1 QANTAR_QUIT_AFTER_FRAMES=1, 1600x900) at 1000 samples/s, each sample
# put in a stage by the functions on its stack. One sample is about 1 ms of CPU (perf's own
# unwinding adds some). Unlike wall times, these hold on a machine shared with builds. On an idle
# 2-core machine the time to the first frame is about: start-up + max(main thread until the data
# is there, the loading thread's path) + renderer ready + first frame draw.
# usage: bench/profile_first_frame.sh [runs=3] [QANTAR]   (QANTAR: default build/qantar; another
# build's binary compares two versions; it finds its own geodata/ and shaders/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
qantar=${2:-build/qantar}
command -v perf >/dev/null || { echo "profile_first_frame: perf is missing"; exit 77; }
export QANTAR_GEODATA=${QANTAR_GEODATA:-$PWD/geodata}
xrun=()
[[ -n ${DISPLAY:-} ]] || xrun=(xvfb-run -a -s "-screen 0 1920x1080x24")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((i = 0; i < runs; i++)); do
  QANTAR_LOG=1 QANTAR_QUIT_AFTER_FRAMES=1 "${xrun[@]}" perf record -q -F 1000 --call-graph dwarf,16384 -o "$tmp/p$i.data" \
    "$qantar" view --size 1600x900 >/dev/null 2>&1
  perf script -i "$tmp/p$i.data" -F comm,tid,ip,sym 2>/dev/null >"$tmp/s$i.txt"
done
python3 - "$runs" "$tmp" <<'PY'
import collections, statistics, sys
runs, tmp = int(sys.argv[1]), sys.argv[2]
def stage(comm, s):
    if comm.startswith('llvmpipe'): return 'llvmpipe threads (rasterising)'
    if 'run_view' in s and 'lambda' not in s and 'Loaded' not in s and 'triangulate_all' not in s:
        if 'open_window' in s or 'RenderWindow::RenderWindow' in s or 'Window::create' in s: return 'main: window open'
        if 'make_render_resources' in s: return 'main: shader and fonts'
        if 'warm_up' in s or 'reserve_vertex_buffer' in s: return 'main: warm-up while loading'
        if 'Renderer::Renderer' in s or 'BaseMap::BaseMap' in s: return 'main: renderer ready'
        if 'Renderer::draw' in s or 'Window::display' in s or 'ViewSession::' in s: return 'main: first frame draw'
        return 'main: other'
    # The load's own threads too: a story's context layers and its projection are made beside it.
    if ('load_dataset' in s or 'prepare_render' in s or 'Timeline::Timeline' in s or 'triangulate' in s
            or 'read_context' in s or 'load_context' in s or 'Projector::Projector' in s):
        if 'triangulate' in s: return 'loading: triangulation (all threads)'
        if 'prepare_render' in s: return 'loading: render preparation'
        if 'Timeline::Timeline' in s: return 'loading: timeline'
        return 'loading: read and project'
    if '_dl_start' in s or 'dl_main' in s or '_dl_init' in s: return 'start-up before main'
    return 'other (exit, unattributed stacks)'
per_run = []
for i in range(runs):
    c = collections.Counter(); comm = None; frames = []
    for line in open(f'{tmp}/s{i}.txt', errors='replace'):
        line = line.rstrip('\n')
        if not line.strip():
            if comm is not None: c[stage(comm, ' '.join(frames))] += 1
            comm, frames = None, []
        elif comm is None and not line.startswith('\t'):
            comm = line.split()[0]
        else:
            frames.append(line.strip())
    if comm is not None: c[stage(comm, ' '.join(frames))] += 1
    per_run.append(c)
names = sorted(set().union(*per_run))
print(f'profile_first_frame: CPU ms by stage, median of {runs} (samples at 1000/s)')
for n in names:
    print(f'  {n:40s} {statistics.median(r[n] for r in per_run):6.0f}')
print(f'  {"total":40s} {statistics.median(sum(r.values()) for r in per_run):6.0f}')
PY
