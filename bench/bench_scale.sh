#!/usr/bin/env bash
# Issue 11's scale figures, each beside GDAL's on the same file, in one run:
#   - load: `ogr2ogr -f Memory` vs `qantar info --events`, wall and peak RSS, GPKG and CSV, ratios;
#   - frame time: bench_render (1k / 100k / 1M of its own synthetic events, 1280x720);
#   - PostGIS: load N rows (COPY), index them as README says, time to the first frame of a 7-day
#     window, the rows that travelled (pg_stat_statements), the statements qantar sent (the server's
#     log, log_min_duration_statement = 0) and their plans (EXPLAIN (ANALYZE, BUFFERS));
#   - with --10m: also 10,000,000 rows in PostGIS, and a 10M-row CSV whose row 7,654,321 is bad
#     (the error names that line; --skip-invalid counts it and gives the reason);
#   - export of the largest N to GeoPackage vs `ogr2ogr -f GPKG`;
#   - a PNG sequence (1920x1080, one frame per hour, $QGIS_FRAMES frames, default 48) by qantar and by
#     QGIS's temporal-controller export, for the sizes up to 100k, when python3-qgis is installed
#     (else one line: skipped). QGIS is bench-only: scripts/setup.sh does not install it.
# Rows come from bench/gen_acled (31 ACLED columns, 60 countries, 20 years, notes ~250 chars).
#
# usage: bench/bench_scale.sh [--sizes "1000 100000 1000000"] [--10m] [--runs R] [--no-pg] [--no-frames]
#                             [--no-files] [--pg-dir DIR]
# --no-files: no file loads or export (the PostGIS and bad-row parts only); --sizes "" --10m
# --no-files --no-frames gives the 10M PostGIS figures alone.
# --pg-dir DIR: the PostGIS part on a cluster already running in DIR (scripts/pg-cluster.sh start DIR)
# whose table ev is loaded and indexed as pg_load below does (any number of rows): the first frame
# $runs times, the rows that travelled and the plans, nothing loaded, no index dropped. With
# --sizes "" --no-files --no-frames it is the PostGIS figures alone, without reloading 10M rows.
# Uses the build in $QANTAR_BUILD_DIR (default build/), building qantar, gen_acled and bench_render
# there. Scratch files go to $TMPDIR (1M rows: ~0.6 GB CSV + ~0.7 GB GPKG; 10M in PostGIS: ~11 GB).
set -euo pipefail
# One X server for the whole run, so that no timing includes starting one.
if [[ -z ${DISPLAY:-} && -z ${QANTAR_BENCH_XVFB:-} ]] && command -v xvfb-run >/dev/null; then
  QANTAR_BENCH_XVFB=1 exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" "$@"
fi
cd "$(dirname "$0")/.."
root=$PWD
sizes="1000 100000 1000000"
runs=1
pg=1
frames=1
files=1
pg_dir=
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --10m) sizes="$sizes 10000000"; shift ;;
    --runs) runs=$2; shift 2 ;;
    --no-pg) pg=0; shift ;;
    --no-frames) frames=0; shift ;;
    --no-files) files=0; shift ;;
    --pg-dir) pg_dir=$(cd "$2" && pwd); shift 2 ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
  esac
done

build=${QANTAR_BUILD_DIR:-build}
[[ -f $build/CMakeCache.txt ]] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target qantar gen_acled bench_arrow $([[ $frames == 1 ]] && echo bench_render) >/dev/null
qantar=$root/$build/qantar
# No $QANTAR_GEODATA: a plain events file then gets the world base map, as a user running
# `qantar info --events FILE` does (with it, the bundled story's one-country map would be used).
# qantar finds its geodata beside the build directory.
unset QANTAR_GEODATA
xrun=()
[[ -n ${DISPLAY:-} ]] || xrun=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset")
sizes=$(echo $sizes)

work=$(mktemp -d "${TMPDIR:-/tmp}/qantar-scale.XXXXXX")
chmod 0755 "$work"
cleanup() {
  [[ -d $work/pg ]] && "$root/scripts/pg-cluster.sh" stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

# measure CMD...: the median over $runs of "wall_s peak_MiB" (whole process, /usr/bin/time);
# a command that fails prints its last line of stderr instead of the figures (not when it is
# expected to fail: expect_failure=1 measure ...).
measure() {
  local i
  for ((i = 0; i < runs; i++)); do
    if ! /usr/bin/time -f '%e %M' "$@" >/dev/null 2>"$work/time.err" && [[ ${expect_failure:-0} != 1 ]]; then
      echo "FAILED: $(grep -v 'exited with' "$work/time.err" | tail -2 | head -1)" >&2
    fi
    tail -1 "$work/time.err"
  done | sort -n | awk '{ a[NR] = $1; b[NR] = $2 } END { m = int((NR + 1) / 2); printf "%.2f %.0f\n", a[m], b[m] / 1024 }'
}
timed() { local runs=1; measure "$@"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2fx" : "-"), a / b }'; }

echo "bench_scale: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(gdal-config --version 2>/dev/null | sed 's/^/GDAL /'), qantar at $(git rev-parse --short HEAD), build $build ($(grep CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)), median of $runs"
# The columnar store needs ~0.45 KB an event at peak (issue 11; GDAL's in-memory layer ~1.9 KB): a
# load that would not fit in the memory available is skipped with a line saying so rather than run
# into the OOM killer.
fits() { awk -v n="$1" '/MemAvailable/ { exit !(n * 0.5 / 1024 < $2 / 1024 * 0.8) }' /proc/meminfo; }

for n in $sizes; do "$build/gen_acled" "$n" >"$work/e$n.csv"; done
sync  # no timing below pays for writing back the generated files
largest=$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -1)

if [[ $files == 1 ]]; then
  echo
  echo "== load: GDAL reading into memory vs qantar info (whole process) =="
  printf '%-10s %-5s %9s %10s | %9s %10s | %7s %7s\n' rows fmt gdal_s gdal_MiB qantar_s qantar_MiB wall mem
  for n in $sizes; do
    t0=$(date +%s.%N)
    ogr2ogr -f GPKG "$work/e$n.gpkg" "$work/e$n.csv" -nln events -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=longitude \
      -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=NO -gt 200000
    gen_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    sync
    for fmt in gpkg csv; do
      oo=()
      [[ $fmt == csv ]] && oo=(-oo AUTODETECT_TYPE=NO -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude)
      read -r gs gm < <(measure ogr2ogr -f Memory "$work/mem" "$work/e$n.$fmt" "${oo[@]}")
      if fits "$n"; then
        read -r qs qm < <(measure "$qantar" info --events "$work/e$n.$fmt")
      else
        qs=skipped qm="(no memory)"
      fi
      printf '%-10s %-5s %9s %10s | %9s %10s | %7s %7s\n' "$n" "$fmt" "$gs" "$gm" "$qs" "$qm" "$(ratio "$qs" "$gs")" "$(ratio "$qm" "$gm")"
    done
    echo "           (GPKG written in $gen_s s: CSV $(du -h "$work/e$n.csv" | cut -f1), GPKG $(du -h "$work/e$n.gpkg" | cut -f1))"
    [[ $n == "$largest" ]] || rm -f "$work/e$n.gpkg"
  done

  echo
  echo "== GDAL's reading alone, $largest rows: feature by feature vs OGR_L_GetArrowStream (qantar: CSV by feature in ~256 KB pieces, one reader per core; GeoPackage as Arrow batches of 512 rows) =="
  for fmt in gpkg csv; do
    echo "$fmt:"
    "$build/bench_arrow" "$work/e$largest.$fmt" feature arrow | sed 's/^/  /'
  done

  echo
  echo "== export of $largest rows to GeoPackage: qantar export vs ogr2ogr -f GPKG (same input GPKG) =="
  if fits "$largest"; then
    sync
    read -r xs xm < <(timed env QANTAR_PROFILE=1 "$qantar" export --events "$work/e$largest.gpkg" -o "$work/x-qantar.gpkg")
    phases=$(sed -n 's/^profile: //p' "$work/time.err")  # qantar's seconds: load, timeline, export
    sync
    read -r os om < <(timed ogr2ogr -f GPKG "$work/x-ogr.gpkg" "$work/e$largest.gpkg")
    echo "qantar export ${xs} s, ${xm} MiB ($phases); ogr2ogr ${os} s, ${om} MiB; wall ratio $(ratio "$xs" "$os")"
    rm -f "$work"/x-*.gpkg
  else
    echo "skipped: $largest events need more memory than is available"
  fi
  rm -f "$work"/e*.gpkg
fi

if [[ $frames == 1 ]]; then
  echo
  echo "== frame time (bench_render: its own synthetic events, window mode, 1280x720) =="
  "$build/bench_render" 60 2>&1 | tail -n 20 || echo "bench_render failed"
fi

# pg_load N: the generated CSV into table ev through COPY, typed as a database would hold it
# (event_date a date, the point generated from longitude/latitude), with the indexes README
# recommends: a B-tree on (event_date, event_type) for the window and the per-day counts, a GiST
# on the geometry. Prints the times.
pg_load() {
  local n=$1 t0 t1 t2
  t0=$(date +%s.%N)
  sql -c "DROP TABLE IF EXISTS ev" -c "CREATE TABLE ev (
    ogc_fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id_cnty text, event_date date, year integer, time_precision integer, disorder_type text, event_type text,
    sub_event_type text, actor1 text, assoc_actor_1 text, inter1 integer, actor2 text, assoc_actor_2 text,
    inter2 integer, interaction integer, civilian_targeting text, iso integer, region text, country text,
    admin1 text, admin2 text, admin3 text, location text, latitude double precision, longitude double precision,
    geo_precision integer, source text, source_scale text, notes text, fatalities integer, tags text,
    timestamp bigint,
    geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED)"
  sql -c "SET datestyle = 'ISO, DMY'" -c "COPY ev ($(head -1 "$work/e$n.csv")) FROM STDIN (FORMAT csv, HEADER true)" \
    <"$work/e$n.csv"
  t1=$(date +%s.%N)
  sql -c "SET maintenance_work_mem = '1GB'" -c "CREATE INDEX ev_date ON ev (event_date, event_type)" \
    -c "CREATE INDEX ev_geom ON ev USING gist (geom)" -c "VACUUM ANALYZE ev"
  t2=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v c="$t2" -v size="$(sql -c "SELECT pg_size_pretty(pg_total_relation_size('ev'))")" \
    'BEGIN { printf "COPY %.1f s, indexes and VACUUM ANALYZE %.1f s, %s on disk", b - a, c - b, size }'
}

# The statements a client sent, with their durations, from the server's log.
pg_log() {
  grep -F "] $1 LOG:" "${pg_dir:-$work/pg}/server.log" | sed "s/^.*\] $1 LOG:  //"
}
# (Empty when the rows were read whole: a small table has no window; grep's "no match" is no error.)
# (The window's cursor selects the table's columns, each quoted: not the catalogue's cursors.)
pg_window_sql() { { pg_log "$1" | grep -o 'CURSOR for SELECT ".*WHERE.*' || true; } | head -1 | sed 's/^CURSOR for //'; }
# The per-day counts' session as qantar sets it for a server on this machine (a Unix socket): no
# JIT, and no more parallel workers than the cores beyond two (io/pg_source.cpp).
days_session=(-c "SET jit = off" -c "SET max_parallel_workers_per_gather = $(( $(nproc) > 2 ? $(nproc) - 2 : 0 ))")
pg_days_sql() { { pg_log "$1" | grep -o "WITH qantar_days AS .*" || true; } | head -1; }

if [[ $pg == 1 && -n $pg_dir ]]; then
  echo
  echo "== PostGIS: a 7-day window (render --at ... --window 168, 1280x720) on table ev of the cluster in $pg_dir, whole process =="
  while IFS= read -r line; do export "${line?}"; done < <("$root/scripts/pg-cluster.sh" env "$pg_dir")
  sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
  sql -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %a '" \
    -c "SELECT pg_reload_conf()" >/dev/null
  at=2014-06-15T12:00Z
  echo "$(sql -c "SELECT count(*) FROM ev") rows, $(sql -c "SELECT pg_size_pretty(pg_total_relation_size('ev'))") with its indexes:"\
       "$(sql -c "SELECT string_agg(indexdef, '; ') FROM pg_indexes WHERE tablename = 'ev'")"
  sql -c "SELECT pg_stat_statements_reset()" >/dev/null
  tag=qantar_bench_existing_$$
  for ((i = 1; i <= runs; i++)); do
    read -r fs fm < <(timed "$qantar" render --events "$QANTAR_PG application_name=${tag}_$i" --events-layer ev --at "$at" \
      --window 168 --size 1280x720 -o "$work/pg-frame.png")
    echo "  run $i: first frame of the 7-day window ${fs} s (whole process, ${fm} MiB)"
  done
  moved=$(sql -c "SELECT coalesce(sum(rows), 0)::bigint / $runs FROM pg_stat_statements WHERE query ILIKE 'FETCH%'")
  window_sql=$(pg_window_sql "${tag}_$runs")
  days_sql=$(pg_days_sql "${tag}_$runs")
  sample_sql=$({ pg_log "${tag}_$runs" | grep -o "WITH qantar_sample AS .*" || true; } | head -1)
  echo "  rows fetched through cursors per run: $moved; the window's query (its margins included) returns"\
       "$(sql -c "SELECT count(*) FROM ($window_sql) AS w"), the rest are one-row probes (size, column type, row estimate)"
  echo
  echo "statements of the last run, with their durations on the server (the log; GDAL's catalogue queries left out):"
  pg_log "${tag}_$runs" | grep -v -e ' parse <unnamed>' -e ' bind <unnamed>' -e 'FETCH 500' -e 'pg_' -e 'information_schema' \
    -e 'SHOW ' -e 'version()' -e 'current_schema' -e 'ST_Srid' -e 'BEGIN' -e 'COMMIT' -e 'CLOSE ' -e 'SET ENABLE' | cut -c1-200 | sed 's/^/  /'
  pg_log "${tag}_$runs" | awk '/execute <unnamed>: FETCH 500/ { n++; ms += $2 }
    END { printf "  and %d cursor FETCH 500 statements, %.0f ms in all\n", n, ms }'
  echo
  echo "plan of the window's query:"
  sql -c "EXPLAIN (ANALYZE, BUFFERS) $window_sql"
  echo
  echo "plan of the per-day counts (TIMING OFF: per-row timing would double it):"
  sql "${days_session[@]}" -c "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $days_sql"
  echo
  echo "plan of the framing's sample:"
  sql -c "EXPLAIN (ANALYZE, BUFFERS) $sample_sql"
elif [[ $pg == 1 ]]; then
  echo
  echo "== PostGIS: a 7-day window (render --at ... --window 168, 1280x720), whole process =="
  if ! env_lines=$("$root/scripts/pg-cluster.sh" start "$work/pg" 2>"$work/pg-start.err"); then
    echo "skipped: $(tail -1 "$work/pg-start.err")"
  else
    cat "$work/pg-start.err"
    while IFS= read -r line; do export "${line?}"; done <<<"$env_lines"
    sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
    # Every statement in the log with its duration and client, to show what qantar sends.
    sql -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "ALTER SYSTEM SET log_line_prefix = '%m [%p] %a '" \
      -c "ALTER SYSTEM SET max_wal_size = '8GB'" -c "SELECT pg_reload_conf()" >/dev/null
    at=2014-06-15T12:00Z
    for n in $sizes; do
      echo "$n rows: $(pg_load "$n")"
      sql -c "SELECT pg_stat_statements_reset()" >/dev/null
      app=qantar_bench_$n
      read -r fs fm < <(timed "$qantar" render --events "$QANTAR_PG application_name=$app" --events-layer ev --at "$at" \
        --window 168 --size 1280x720 -o "$work/pg-frame.png")
      [[ -s $work/pg-frame.png ]] || { echo "render failed"; continue; }
      moved=$(sql -c "SELECT coalesce(sum(rows), 0) FROM pg_stat_statements WHERE query ILIKE 'FETCH%'")
      window_sql=$(pg_window_sql "$app")
      if [[ -z $window_sql ]]; then
        echo "  first frame ${fs} s (whole process, ${fm} MiB); fewer than 200,000 rows: all ${moved} fetched, no window"
        continue
      fi
      want=$(sql -c "SELECT count(*) FROM ($window_sql) AS w")
      # The per-day counts travel as one value: a JSON array of (day, type, count).
      days=$(sql -c "SELECT json_array_length(($(pg_days_sql "$app"))::json)")
      echo "  first frame of a 7-day window ${fs} s (whole process, ${fm} MiB); rows fetched through cursors"\
           "${moved}: the window's query (its margins included) returns ${want}, the size probe 1; and the"\
           "per-day counts one value, a JSON array of ${days} (day, type, count)"
      cp "$work/pg-frame.png" "${TMPDIR:-/tmp}/qantar-bench-pg-$n.png"
      rm -f "$work/pg-frame.png"
    done
    echo
    echo "statements qantar sent for the largest ($largest rows; the server's log, log_min_duration_statement = 0):"
    pg_log "qantar_bench_$largest" | grep -v -e ' parse <unnamed>' -e ' bind <unnamed>' -e 'FETCH 500' | cut -c1-300 | sed 's/^/  /'
    pg_log "qantar_bench_$largest" | awk '/execute <unnamed>: FETCH 500/ { n++; ms += $2 }
      END { printf "  and %d cursor FETCH 500 statements, %.0f ms in all\n", n, ms }'
    window_sql=$(pg_window_sql "qantar_bench_$largest")
    days_sql=$(pg_days_sql "qantar_bench_$largest")
    if [[ -z $window_sql ]]; then
      echo "  (no window was pushed down: the plans need a size of 200,000 rows or more)"
    else
      echo
      echo "plan of the window's query, B-tree on (event_date, event_type):"
      sql -c "EXPLAIN (ANALYZE, BUFFERS) $window_sql"
      echo
      echo "plan of the per-day counts, same index (TIMING OFF: per-row timing would double it):"
      sql "${days_session[@]}" -c "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $days_sql"
      sql -c "DROP INDEX ev_date"
      echo
      echo "plan of the window's query without an index on event_date:"
      sql -c "EXPLAIN (ANALYZE, BUFFERS) $window_sql"
      echo
      echo "plan of the per-day counts without it:"
      sql "${days_session[@]}" -c "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $days_sql"
      sql -c "CREATE INDEX ev_date_brin ON ev USING brin (event_date)" -c "ANALYZE ev"
      echo
      echo "plan of the window's query with a BRIN index on event_date (rows in random date order: BRIN cannot skip much):"
      sql -c "EXPLAIN (ANALYZE, BUFFERS) $window_sql"
      # The rows in time order on disk (README: CLUSTER once, or load in time order): the window's
      # rows then lie on a few pages instead of one page each.
      t0=$(date +%s.%N)
      sql -c "DROP INDEX ev_date_brin" -c "SET maintenance_work_mem = '1GB'" \
        -c "CREATE INDEX ev_date ON ev (event_date, event_type)" -c "CLUSTER ev USING ev_date"
      # CLUSTER writes a new table without its visibility map: without VACUUM the per-day counts
      # are no longer index-only (measured at 10M rows: a parallel sequential scan, 6.5 s).
      sql -c "VACUUM ANALYZE ev"
      echo
      echo "plan of the window's query after CLUSTER ev USING ev_date ($(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s to index, cluster, vacuum and analyse):"
      sql -c "EXPLAIN (ANALYZE, BUFFERS) $window_sql"
      read -r fs fm < <(timed "$qantar" render --events "$QANTAR_PG application_name=qantar_bench_clustered" --events-layer ev \
        --at "$at" --window 168 --size 1280x720 -o "$work/pg-frame.png")
      echo "first frame of the same 7-day window on the clustered table: ${fs} s (whole process, ${fm} MiB)"
      echo
      echo "plan of the per-day counts on the clustered table:"
      sql "${days_session[@]}" -c "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) $days_sql"
    fi
    "$root/scripts/pg-cluster.sh" stop "$work/pg"
  fi
fi

if [[ " $sizes " == *" 10000000 "* ]]; then
  echo
  echo "== a 10,000,000-row CSV whose row 7,654,321 (line 7,654,322) is bad =="
  bad=$work/e10000000.csv
  id=$(sed -n '7654322{s/,.*//;p;q}' "$bad")  # ISO3 then 100000 + the row's index: ISR7754320
  near="%${id:3:6}_"                              # it and its nine neighbours, of any country
  sed -i '7654322s/^\([^,]*\),[^,]*,/\1,never,/' "$bad"
  # Cheap: GDAL reads all 10M rows and keeps the ten around the bad one (--filter); qantar names the line.
  t0=$(date +%s.%N)
  rc=0
  "$qantar" info --events "$bad" --filter "event_id_cnty LIKE '$near'" >/dev/null 2>"$work/bad.err" || rc=$?
  echo "  --filter to the ten rows around it: exit $rc in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s: $(cat "$work/bad.err")"
  { "$qantar" info --events "$bad" --filter "event_id_cnty LIKE '$near'" --skip-invalid 2>&1 || true; } | grep -A3 Skipped | sed 's/^/  /' || true
  if fits 10000000; then
    read -r bs bm < <(expect_failure=1 timed "$qantar" info --events "$bad")
    echo "  the whole file: ${bs} s, ${bm} MiB: $(grep -v exited "$work/time.err" | head -1)"
    { "$qantar" info --events "$bad" --skip-invalid 2>&1 || true; } | grep -A3 Skipped | sed 's/^/  /' || true
  else
    echo "  the whole file: skipped (10M events need ~5 GB in the event store, $(awk '/MemAvailable/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB available)"
  fi
fi

[[ -n $sizes ]] || exit 0
echo
echo "== PNG sequence: qantar render vs QGIS's temporal-controller export (1920x1080, one frame per hour, whole process) =="
# QGIS 3.22 from Debian (python3-qgis), run headless (QT_QPA_PLATFORM=offscreen) by
# bench/qgis_export.py with Debian's own python3 (a python3 first on PATH may not see it).
# qantar draws the events on the world base map (no $QANTAR_GEODATA: with it, the bundled story's
# map of one country would frame none of the 60 countries' events); QGIS draws the points alone.
qgis_py=/usr/bin/python3
[[ -x $qgis_py ]] || qgis_py=python3
if ! "$qgis_py" -c "import qgis.core" 2>/dev/null; then
  echo "skipped: QGIS (python3-qgis) is not installed"
else
  hours=${QGIS_FRAMES:-48}
  printf '%-10s %7s | %9s %9s | %9s %9s | %6s\n' rows frames qantar_s qantar_fps qgis_s qgis_fps ratio
  for n in $sizes; do
    (( n <= 100000 )) || continue
    # The load section removes its GeoPackages; both sides read the same one.
    [[ -f $work/e$n.gpkg ]] || ogr2ogr -f GPKG "$work/e$n.gpkg" "$work/e$n.csv" -nln events -a_srs EPSG:4326 \
      -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=NO -gt 200000
    # The same frames for both: from midnight of the middle row's day (rows are in random date
    # order, so it is a day with events), one per hour, each showing the last 24 hours.
    day=$(awk -F, 'NR == 2 { print $2 }' "$work/e$n.csv")
    from=$(date -u -d "$day" +%Y-%m-%dT00:00)
    to=$(date -u -d "$day + $hours hours" +%Y-%m-%dT%H:%M)
    # Each run starts from an empty output directory (median of $runs).
    read -r qs _ < <(measure bash -c 'rm -rf "$1"; exec env -u QANTAR_GEODATA "${@:2}"' _ "$work/seq-q" "${xrun[@]}" "$qantar" \
      render --events "$work/e$n.gpkg" --from "${from}Z" --to "${to}Z" --fps 24 --seconds-per-day 1 --window 24 \
      --size 1920x1080 -o "$work/seq-q/")
    qf=$(find "$work/seq-q" -name '*.png' | wc -l)
    read -r gs _ < <(QT_QPA_PLATFORM=offscreen measure bash -c 'rm -rf "$1"; mkdir -p "$1"; exec "${@:2}"' _ "$work/seq-g" \
      "$qgis_py" "$root/bench/qgis_export.py" "$work/e$n.gpkg" "$work/seq-g" "$from" "$hours")
    gf=$(find "$work/seq-g" -name '*.png' | wc -l)
    awk -v n="$n" -v qs="$qs" -v qf="$qf" -v gs="$gs" -v gf="$gf" 'BEGIN {
      qr = qs > 0 ? qf / qs : 0; gr = gs > 0 ? gf / gs : 0
      printf "%-10s %3d/%-3d | %9.1f %9.2f | %9.1f %9.2f | %5.2fx\n", n, qf, gf, qs, qr, gs, gr, (gr > 0 ? qr / gr : 0) }'
  done
  rm -rf "$work/seq-q" "$work/seq-g"
fi
