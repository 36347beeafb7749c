#!/usr/bin/env bash
# Issue 11's scale figures, each beside GDAL's on the same file, in one run:
#   - load: `ogr2ogr -f Memory` vs `qantar info --events`, wall and peak RSS, GPKG and CSV, ratios;
#   - frame time: bench_render (1k / 100k / 1M of its own synthetic events, 1280x720);
#   - PostGIS: load N rows, index them, time to the first frame of a 7-day window, the rows that
#     travelled (pg_stat_statements) and the query plan;
#   - export of the largest N to GeoPackage vs `ogr2ogr -f GPKG`;
#   - a PNG sequence (1920x1080, one frame per hour, $QGIS_FRAMES frames, default 48) by qantar and by
#     QGIS's temporal-controller export, for the sizes up to 100k, when python3-qgis is installed
#     (else one line: skipped). QGIS is bench-only: scripts/setup.sh does not install it.
# Rows come from bench/gen_acled (31 ACLED columns, 60 countries, 20 years, notes ~250 chars).
#
# usage: bench/bench_scale.sh [--sizes "1000 100000 1000000"] [--10m] [--runs R] [--no-pg] [--no-frames]
# Uses the build in $QANTAR_BUILD_DIR (default build/), building qantar, gen_acled and bench_render
# there. Scratch files go to $TMPDIR (1M rows: ~0.6 GB CSV + ~0.7 GB GPKG).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sizes="1000 100000 1000000"
runs=1
pg=1
frames=1
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --10m) sizes="$sizes 10000000"; shift ;;
    --runs) runs=$2; shift 2 ;;
    --no-pg) pg=0; shift ;;
    --no-frames) frames=0; shift ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
  esac
done

build=${QANTAR_BUILD_DIR:-build}
[[ -f $build/CMakeCache.txt ]] || cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target qantar gen_acled $([[ $frames == 1 ]] && echo bench_render) >/dev/null
qantar=$root/$build/qantar
export QANTAR_GEODATA=$root/geodata
xrun=()
[[ -n ${DISPLAY:-} ]] || xrun=(xvfb-run -a -s "-screen 0 1920x1080x24 -noreset")

work=$(mktemp -d "${TMPDIR:-/tmp}/qantar-scale.XXXXXX")
chmod 0755 "$work"
cleanup() {
  [[ -d $work/pg ]] && "$root/scripts/pg-cluster.sh" stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

# measure CMD...: the median over $runs of "wall_s peak_MiB" (whole process, /usr/bin/time);
# a command that fails prints its last line of stderr instead of the figures.
measure() {
  local i
  for ((i = 0; i < runs; i++)); do
    if ! /usr/bin/time -f '%e %M' "$@" >/dev/null 2>"$work/time.err"; then
      echo "FAILED: $(grep -v 'exited with' "$work/time.err" | tail -2 | head -1)" >&2
    fi
    tail -1 "$work/time.err"
  done | sort -n | awk '{ a[NR] = $1; b[NR] = $2 } END { m = int((NR + 1) / 2); printf "%.2f %.0f\n", a[m], b[m] / 1024 }'
}
timed() { local runs=1; measure "$@"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2fx" : "-"), a / b }'; }

echo "bench_scale: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(gdal-config --version 2>/dev/null | sed 's/^/GDAL /'), qantar at $(git rev-parse --short HEAD), build $build ($(grep CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2)), median of $runs"
echo
echo "== load: GDAL reading into memory vs qantar info (whole process) =="
printf '%-10s %-5s %9s %10s | %9s %10s | %7s %7s\n' rows fmt gdal_s gdal_MiB qantar_s qantar_MiB wall mem
for n in $sizes; do
  t0=$(date +%s.%N)
  "$build/gen_acled" "$n" >"$work/e$n.csv"
  ogr2ogr -f GPKG "$work/e$n.gpkg" "$work/e$n.csv" -nln events -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=longitude \
    -oo Y_POSSIBLE_NAMES=latitude -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=NO -gt 200000
  gen_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  for fmt in gpkg csv; do
    oo=()
    [[ $fmt == csv ]] && oo=(-oo AUTODETECT_TYPE=NO -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude)
    read -r gs gm < <(measure ogr2ogr -f Memory "$work/mem" "$work/e$n.$fmt" "${oo[@]}")
    read -r qs qm < <(measure "$qantar" info --events "$work/e$n.$fmt")
    printf '%-10s %-5s %9s %10s | %9s %10s | %7s %7s\n' "$n" "$fmt" "$gs" "$gm" "$qs" "$qm" "$(ratio "$qs" "$gs")" "$(ratio "$qm" "$gm")"
  done
  echo "           (generated $n rows in $gen_s s: CSV $(du -h "$work/e$n.csv" | cut -f1), GPKG $(du -h "$work/e$n.gpkg" | cut -f1))"
done
largest=$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -1)

echo
echo "== export of $largest rows to GeoPackage: qantar export vs ogr2ogr -f GPKG (same input GPKG) =="
read -r xs xm < <(timed "$qantar" export --events "$work/e$largest.gpkg" -o "$work/x-qantar.gpkg")
read -r os om < <(timed ogr2ogr -f GPKG "$work/x-ogr.gpkg" "$work/e$largest.gpkg")
echo "qantar export ${xs} s, ${xm} MiB; ogr2ogr ${os} s, ${om} MiB; wall ratio $(ratio "$xs" "$os")"
rm -f "$work"/x-*.gpkg

if [[ $frames == 1 ]]; then
  echo
  echo "== frame time (bench_render: its own synthetic events, window mode, 1280x720) =="
  "${xrun[@]}" "$build/bench_render" 60 2>&1 | tail -n 20 || echo "bench_render failed"
fi

if [[ $pg == 1 ]]; then
  echo
  echo "== PostGIS: a 7-day window (render --at ... --window 168, 1280x720) =="
  if ! env_lines=$("$root/scripts/pg-cluster.sh" start "$work/pg" 2>"$work/pg-start.err"); then
    echo "skipped: $(tail -1 "$work/pg-start.err")"
  else
    cat "$work/pg-start.err"
    while IFS= read -r line; do export "${line?}"; done <<<"$env_lines"
    sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
    for n in $sizes; do
      t0=$(date +%s.%N)
      ogr2ogr -f PostgreSQL "$QANTAR_PG" "$work/e$n.gpkg" -nln ev -overwrite -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=NONE \
        -gt 100000 --config PG_USE_COPY YES
      # ACLED writes "18 July 2010": a typed date column is what the server can index and compare.
      sql -c "ALTER TABLE ev ALTER COLUMN event_date TYPE date USING to_date(event_date, 'DD FMMonth YYYY')"
      load_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      t0=$(date +%s.%N)
      sql -c "CREATE INDEX ev_date ON ev (event_date)" -c "CREATE INDEX ev_geom ON ev USING gist (geom)" -c "ANALYZE ev"
      index_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      at=2014-06-15T12:00Z
      sql -c "SELECT pg_stat_statements_reset()" >/dev/null
      read -r fs fm < <(timed "${xrun[@]}" "$qantar" render --events "$QANTAR_PG" --events-layer ev --at "$at" \
        --window 168 --size 1280x720 -o "$work/pg-frame.png")
      [[ -s $work/pg-frame.png ]] || { echo "render failed"; continue; }
      moved=$(sql -c "SELECT coalesce(sum(rows), 0) FROM pg_stat_statements WHERE query ILIKE 'FETCH%'")
      want=$(sql -c "SELECT count(*) FROM ev WHERE event_date BETWEEN DATE '2014-06-08' AND DATE '2014-06-15'")
      echo "$n rows: ogr2ogr load ${load_s} s, indexes ${index_s} s; first frame of a 7-day window ${fs} s" \
           "(whole process, ${fm} MiB); rows transferred ${moved} (the week itself: ${want}; the count also includes the"\
           "1 row of qantar's size probe)"
      rm -f "$work/pg-frame.png"
    done
    echo
    echo "query qantar sent (from pg_stat_statements):"
    sql -c "SELECT regexp_replace(query, '^(DECLARE \S+ CURSOR for SELECT).* FROM ', '\1 ... FROM ') FROM pg_stat_statements WHERE query ILIKE 'DECLARE%' AND query ILIKE '%WHERE%' ORDER BY calls DESC LIMIT 1"
    where="event_date <= '2014-06-17' AND event_date >= '2014-06-06'"
    echo
    echo "plan with the B-tree index on event_date ($largest rows):"
    sql -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM ev WHERE $where"
    sql -c "DROP INDEX ev_date"
    echo
    echo "plan without an index on event_date:"
    sql -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM ev WHERE $where"
    sql -c "CREATE INDEX ev_date_brin ON ev USING brin (event_date)" -c "ANALYZE ev"
    echo
    echo "plan with a BRIN index on event_date (rows in random date order: BRIN cannot skip much):"
    sql -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM ev WHERE $where"
  fi
fi

echo
echo "== PNG sequence: qantar render vs QGIS's temporal-controller export (1920x1080, one frame per hour, whole process) =="
# QGIS 3.22 from Debian (python3-qgis), run headless (QT_QPA_PLATFORM=offscreen) by
# bench/qgis_export.py with Debian's own python3 (a python3 first on PATH may not see it).
qgis_py=/usr/bin/python3
[[ -x $qgis_py ]] || qgis_py=python3
if ! "$qgis_py" -c "import qgis.core" 2>/dev/null; then
  echo "skipped: QGIS (python3-qgis) is not installed"
else
  hours=${QGIS_FRAMES:-48}
  printf '%-10s %7s | %9s %9s | %9s %9s | %6s\n' rows frames qantar_s qantar_fps qgis_s qgis_fps ratio
  for n in $sizes; do
    (( n <= 100000 )) || continue
    # The same frames for both: from midnight of the middle row's day (rows are in random date
    # order, so it is a day with events), one per hour, each showing the last 24 hours.
    day=$(awk -F, 'NR == 2 { print $2 }' "$work/e$n.csv")
    from=$(date -u -d "$day" +%Y-%m-%dT00:00)
    to=$(date -u -d "$day + $hours hours" +%Y-%m-%dT%H:%M)
    rm -rf "$work/seq-q" "$work/seq-g"
    mkdir -p "$work/seq-g"
    read -r qs _ < <(timed "${xrun[@]}" "$qantar" render --events "$work/e$n.gpkg" --from "${from}Z" --to "${to}Z" \
      --fps 24 --seconds-per-day 1 --window 24 --size 1920x1080 -o "$work/seq-q/")
    qf=$(find "$work/seq-q" -name '*.png' | wc -l)
    read -r gs _ < <(QT_QPA_PLATFORM=offscreen timed "$qgis_py" "$root/bench/qgis_export.py" "$work/e$n.gpkg" \
      "$work/seq-g" "$from" "$hours")
    gf=$(find "$work/seq-g" -name '*.png' | wc -l)
    awk -v n="$n" -v qs="$qs" -v qf="$qf" -v gs="$gs" -v gf="$gf" 'BEGIN {
      qr = qs > 0 ? qf / qs : 0; gr = gs > 0 ? gf / gs : 0
      printf "%-10s %3d/%-3d | %9.1f %9.2f | %9.1f %9.2f | %5.2fx\n", n, qf, gf, qs, qr, gs, gr, (gr > 0 ? qr / gr : 0) }'
  done
  rm -rf "$work/seq-q" "$work/seq-g"
fi
