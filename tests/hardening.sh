#!/usr/bin/env bash
# Regression checks for issue 13 ("no hang, no wrong result, no stray file, no network"): one
# check per hardening case, each builds its malformed input in a scratch directory, runs qantar
# the way a user would, and prints "ok   CASE", "FAIL CASE: why (observed: ...)" or
# "skip CASE: why". Exits 1 if any case failed.
#
# usage: tests/hardening.sh QANTAR_EXECUTABLE [CASE...]     (no CASE: all; --list prints them)
# Needs an X display for the render cases; without one it runs itself under xvfb-run.
# Registered in CTest with the label `hardening` (-DQANTAR_HARDENING_TESTS=ON; off until the
# fixes land).
set -euo pipefail

bin=$(realpath "${1:?usage: hardening.sh QANTAR_EXECUTABLE [CASE...]}")
shift
here=$(cd "$(dirname "$0")" && pwd)
export QANTAR_GEODATA=${QANTAR_GEODATA:-$here/../geodata}

if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null && [[ -z "${QANTAR_HARDENING_XVFB:-}" ]]; then
  export QANTAR_HARDENING_XVFB=1
  exec xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "$0" "$bin" "$@"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/qantar-hardening.XXXXXX")
bg_pids=()
cleanup() {
  local p
  for p in "${bg_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

failures=0
ok() { echo "ok   $case"; }
fail() { echo "FAIL $case: $1${2:+ (observed: $2)}"; failures=$((failures + 1)); }
skip() { echo "skip $case: $1"; }

# run [timeout_s] -- ARGS...: runs qantar with a time limit; sets rc, err (stderr), secs.
run() {
  local limit=$1
  shift
  [[ $1 == -- ]] && shift
  local t0 t1
  t0=$(date +%s.%N)
  rc=0
  timeout -k 5 "$limit" "$bin" "$@" >"$work/out" 2>"$work/err" </dev/null || rc=$?
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  err=$(cat "$work/err")
}
first_line() { printf '%s' "$err" | head -n 1 | cut -c1-160; }
# Every stderr line is qantar's own, one line in all.
one_clean_line() { [[ $(printf '%s\n' "$err" | grep -c .) -eq 1 && $err == qantar:* ]]; }
all_lines_qantar() { ! printf '%s\n' "$err" | grep . | grep -qv '^qantar:'; }
no_huge_number() { ! printf '%s' "$err" | grep -Eq '[0-9]{30,}'; }

# --- inputs ---------------------------------------------------------------------------------------
header='event_id_cnty,latitude,longitude,category,start_time,city_id,fatalities'
events_csv() {  # events_csv FILE [ROW...]: two good rows unless rows are given
  {
    echo "$header"
    if [[ $# -gt 1 ]]; then printf '%s\n' "${@:2}"; else
      echo 'A1,43.3414,52.8596,peaceful_protest,2022-01-02T09:00+05:00,zhanaozen,'
      echo 'A2,43.2389,76.9458,riot,2022-01-05T09:00+06:00,almaty,1'
    fi
  } >"$1"
}
events_geojson() {  # the two good rows as GeoJSON (GDAL recognises it by content, whatever the name)
  cat >"$1" <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"event_id_cnty":"A1","category":"peaceful_protest","start_time":"2022-01-02T09:00+05:00","city_id":"zhanaozen"},"geometry":{"type":"Point","coordinates":[52.8596,43.3414]}},
{"type":"Feature","properties":{"event_id_cnty":"A2","category":"riot","start_time":"2022-01-05T09:00+06:00","city_id":"almaty"},"geometry":{"type":"Point","coordinates":[76.9458,43.2389]}}]}
EOF
}
regions_geojson() {  # regions_geojson FILE UTC_OFFSET RING_JSON
  cat >"$1" <<EOF
{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"region_id":"KZ-MAN","name_en":"Mangystau","name_kk":"M","name_ru":"M","kind":"region","utc_offset":"$2","capital_city_id":"aktau"},
 "geometry":{"type":"Polygon","coordinates":[$3]}}]}
EOF
}
good_ring='[[50,41],[56,41],[56,46],[50,46],[50,41]]'
at=2022-01-05T18:00+06:00

# --- the cases -------------------------------------------------------------------------------------

case_fifo_events() {
  mkfifo fifo.csv
  run 20 -- info --events fifo.csv
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "hangs on a FIFO with no writer (killed after 20 s)"
  elif [[ $rc -eq 1 ]] && one_clean_line; then ok
  else fail "exit $rc, not one clean line" "$(first_line)"; fi
}

case_fifo_story() {
  mkfifo story.csv
  local what
  for what in "present --beats story.csv" "render --beats story.csv -o story.mp4"; do
    # shellcheck disable=SC2086
    run 20 -- $what
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "'$what' hangs on a FIFO story (killed after 20 s)"; return
    elif [[ $rc -ne 1 ]] || ! one_clean_line || [[ $err != *story.csv* ]]; then
      fail "'$what': exit $rc, not one clean line naming the file" "$(first_line)"; return
    fi
  done
  ok
}

case_render_frames_spd() {
  # Beyond one day per second of... a day per day: refused as a usage error naming the option's limit.
  run 20 -- render -o a.mp4 --seconds-per-day 1e9
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "1e9 not refused within 20 s"; return
  elif ! { [[ $rc -eq 2 ]] && one_clean_line && [[ $err == *seconds-per-day* && $err == *86400* ]] && [[ ! -e a.mp4 ]]; }; then
    fail "exit $rc in ${secs} s; want a refusal naming the --seconds-per-day limit" "$(first_line)"; return; fi
  # Within that limit, 18 days at a day per day is 47 million frames: refused by the frame-count limit.
  run 20 -- render -o a.mp4 --seconds-per-day 86400
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "86400 not refused within 20 s"
  elif [[ $rc -ne 0 ]] && one_clean_line && [[ $err == *frame* && $err == *--max-frames* ]] && [[ ! -e a.mp4 ]]; then ok
  else fail "exit $rc in ${secs} s; want a refusal naming the frame-count limit" "$(first_line)"; fi
}

case_render_frames_span() {
  run 20 -- render -o a.mp4 --from 0001-01-01 --to 9999-12-31
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "not refused within 20 s"
  elif [[ $rc -ne 0 ]] && one_clean_line && [[ $err == *frame* ]] && [[ ! -e a.mp4 ]]; then ok
  else fail "exit $rc in ${secs} s; want a refusal naming the frame-count limit" "$(first_line)"; fi
}

case_story_beat_9999() {
  # A story whose last beat is in the year 9999: the video's frame count is refused, not attempted.
  { head -n 3 "$QANTAR_GEODATA/kazakhstan-2022/beats.csv"
    sed -n 3p "$QANTAR_GEODATA/kazakhstan-2022/beats.csv" | sed 's/^[^,]*,2022-01-02/late,9999-01-02/'; } >s9999.csv
  run 20 -- render --beats s9999.csv -o s.mp4
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "not refused within 20 s"
  elif [[ $rc -ne 0 ]] && one_clean_line && [[ $err == *frame* ]] && [[ ! -e s.mp4 ]]; then ok
  else fail "exit $rc in ${secs} s; want a refusal naming the frame-count limit" "$(first_line)"; fi
}

case_info_years_span() {
  # ~4 KB of events from year 715 to 5412: the per-day histogram must not try to hold 1.7 M days.
  {
    echo "$header"
    local i y
    for ((i = 0; i < 50; ++i)); do
      y=$((715 + i * (5412 - 715) / 49))
      printf 'Y%02d,43.2389,76.9458,riot,%04d-01-05T09:00+06:00,almaty,1\n' "$i" "$y"
    done
  } >span.csv
  local t0 t1 rss
  t0=$(date +%s)
  rc=0
  ( ulimit -v 3000000; exec /usr/bin/env time -f 'maxrss_kb=%M' -o rss.txt timeout -k 5 30 "$bin" info --json --events span.csv ) \
    >out.json 2>err.txt || rc=$?
  t1=$(date +%s)
  err=$(grep -v '^maxrss_kb=' err.txt || true)
  rss=$(sed -n 's/^maxrss_kb=//p' rss.txt 2>/dev/null || echo 0)
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "not done within 30 s"
  elif [[ ${rss:-0} -gt 1048576 ]]; then fail "used $((rss / 1024)) MiB"
  elif [[ $rc -eq 0 && $((t1 - t0)) -le 10 ]]; then ok
  elif [[ $rc -eq 1 ]] && one_clean_line && printf '%s' "$err" | grep -Eqi 'span|limit|years'; then ok
  else fail "exit $rc in $((t1 - t0)) s, max RSS $((rss / 1024)) MiB" "$(first_line)"; fi
}

case_input_is_output_png() {
  events_geojson ev.png
  local before after
  before=$(sha256sum ev.png)
  run 60 -- render --events ev.png --at "$at" -o ev.png
  after=$(sha256sum ev.png)
  if [[ $before != "$after" ]]; then fail "the input was overwritten (exit $rc)" "$(first_line)"
  elif [[ $rc -ne 0 ]] && one_clean_line; then ok
  else fail "exit $rc; want a one-line refusal" "$(first_line)"; fi
}

case_input_is_output_video() {
  events_geojson ev.mp4
  local before after
  before=$(sha256sum ev.mp4)
  run 120 -- render --events ev.mp4 -o ev.mp4 --from 2022-01-05 --to 2022-01-05T02:00+06:00 \
    --size 320x180 --fps 2
  after=$(sha256sum ev.mp4)
  if [[ $before != "$after" ]]; then fail "the input was overwritten (exit $rc)" "$(first_line)"
  elif [[ $rc -ne 0 ]] && one_clean_line; then ok
  else fail "exit $rc; want a one-line refusal" "$(first_line)"; fi
}

case_usage_nan() {
  local a bad=""
  for a in "render --at $at -o x.png --window nan" "render --at $at -o x.png --seconds-per-day nan" \
           "render --at $at -o x.png --seconds-per-day 1e308" "render -o x.mp4 --beats --beat-seconds 1e308" \
           "present --beat-seconds 1e308"; do
    # shellcheck disable=SC2086
    run 20 -- $a
    if [[ $rc -ne 2 ]] || ! all_lines_qantar || ! no_huge_number; then bad+="'$a' -> exit $rc: $(first_line); "; fi
  done
  rm -f x.png x.mp4
  if [[ -z $bad ]]; then ok; else fail "want exit 2 and one qantar: line" "$bad"; fi
}

case_region_utc_nan() {
  regions_geojson r.geojson nan "$good_ring"
  run 20 -- info --regions r.geojson
  if [[ $rc -eq 1 ]] && one_clean_line && [[ $err == *r.geojson* && $err == *feature* && $err == *utc_offset* ]]; then ok
  else fail "exit $rc; want an error naming file, feature and field" "$(first_line)"; fi
}

case_latitude_hex() {
  events_csv ev.csv 'A1,0x2B,52.8596,peaceful_protest,2022-01-02T09:00+05:00,zhanaozen,'
  run 20 -- info --events ev.csv
  if [[ $rc -eq 1 ]] && one_clean_line && [[ $err == *latitude* ]]; then ok
  else fail "latitude 0x2B: exit $rc, want an error naming the field" "$(first_line)"; fi
}

case_csv_unterminated_quote() {
  events_csv ev.csv 'A1,43.3414,52.8596,peaceful_protest,2022-01-02T09:00+05:00,zhanaozen,' \
    'A2,43.2389,76.9458,"riot,2022-01-05T09:00+06:00,almaty,1'
  run 20 -- info --events ev.csv
  if [[ $rc -eq 1 ]] && one_clean_line && [[ $err == *line* ]]; then ok
  else fail "exit $rc; want an error naming the line" "$(first_line)"; fi
}

case_csv_quote_swallows_rows() {
  # A quote left open in a free-text column mid-file: the next rows must not vanish into it.
  printf '%s\n' 'event_id_cnty,latitude,longitude,category,start_time,city_id,notes' \
    'A1,43.2389,76.9458,riot,2022-01-05T09:00+06:00,almaty,"oops' \
    'A2,43.2389,76.9458,riot,2022-01-05T10:00+06:00,almaty,fine' \
    'A3,43.2389,76.9458,riot,2022-01-05T11:00+06:00,almaty,"a quoted, closed note"' >ev.csv
  run 20 -- info --events ev.csv
  if [[ $rc -eq 1 ]] && one_clean_line && [[ $err == *"line 2"* && $err == *quote* ]]; then ok
  else fail "exit $rc; want an error naming line 2 and the open quote" "$(first_line)"; fi
}

case_utf8_column_name() {
  events_csv ev.csv
  printf '%s,bad\xff\xfename\n' "$header" >ev2.csv
  tail -n +2 ev.csv | sed 's/$/,x/' >>ev2.csv
  local out bad=""
  for out in o.geojson o.kml; do
    run 30 -- export --events ev2.csv -o "$out"
    if [[ $rc -eq 0 ]]; then
      iconv -f UTF-8 -t UTF-8 "$out" >/dev/null 2>&1 || bad+="$out is not valid UTF-8; "
    elif ! one_clean_line; then bad+="$out: exit $rc, not one clean line: $(first_line); "
    fi
  done
  if [[ -z $bad ]]; then ok; else fail "invalid UTF-8 in a column name" "$bad"; fi
}

case_region_short_rings() {
  local ring bad=""
  for ring in '[[50,41]]' '[[50,41],[56,41]]'; do
    regions_geojson r.geojson +05:00 "$ring"
    run 20 -- info --regions r.geojson
    if [[ $rc -ne 1 ]] || ! one_clean_line; then bad+="ring $ring -> exit $rc: $(first_line); "; fi
  done
  if [[ -z $bad ]]; then ok; else fail "want a one-line refusal" "$bad"; fi
}

case_directory_as_events() {
  mkdir -p adir
  run 20 -- info --events adir
  if [[ $rc -eq 1 ]] && one_clean_line; then ok
  else fail "exit $rc; want one qantar: line and no raw GDAL lines" "$(printf '%s' "$err" | tr '\n' '|' | cut -c1-200)"; fi
}

case_fatalities_out_of_range() {
  events_csv ev.csv 'A1,43.3414,52.8596,riot,2022-01-02T09:00+05:00,zhanaozen,1e30'
  run 20 -- info --events ev.csv
  if [[ $rc -eq 1 ]] && one_clean_line && [[ $err == *range* && $err != *negative* ]]; then ok
  else fail "want 'out of range', not 'is negative'" "$(first_line)"; fi
}

case_output_is_directory() {
  mkdir -p existing_dir.png
  run 60 -- render --at "$at" -o existing_dir.png
  if [[ $rc -ne 0 ]] && one_clean_line && [[ $err != *Success* ]] && printf '%s' "$err" | grep -qi 'directory'; then ok
  else fail "exit $rc; want a clear reason (a directory)" "$(first_line)"; fi
}

case_still_unwritable() {
  run 60 -- render --at "$at" -o missing/dir/x.png
  if [[ $rc -eq 0 ]] || ! one_clean_line || [[ $err == *Success* ]] || ! printf '%s' "$err" | grep -Eqi 'no such|not exist|missing'; then
    fail "missing directory: exit $rc, want one line with the reason" "$(first_line)"; return
  fi
  if [[ $(id -u) -eq 0 ]]; then ok; echo "     (read-only directory not checked: running as root)"; return; fi
  mkdir -p ro && chmod 555 ro
  run 60 -- render --at "$at" -o ro/x.png
  if [[ $rc -ne 0 ]] && one_clean_line && printf '%s' "$err" | grep -qi 'permission'; then ok
  else fail "read-only directory: exit $rc" "$(first_line)"; fi
}

case_permission_denied_input() {
  events_csv ev.csv && chmod 000 ev.csv
  if [[ $(id -u) -eq 0 ]]; then
    # Mode 000 does not stop root: read it as nobody, when nobody may run the program and enter here.
    chmod 755 "$work" "$work/c" 2>/dev/null || true
    if ! command -v su >/dev/null || ! su nobody -s /bin/sh -c "test -x '$bin' && test -r '$QANTAR_GEODATA/kazakhstan-2022/events.csv'" 2>/dev/null; then
      skip "running as root, and nobody cannot run $bin"; return
    fi
    rc=0
    err=$(su nobody -s /bin/sh -c "QANTAR_GEODATA='$QANTAR_GEODATA' timeout 20 '$bin' info --events '$PWD/ev.csv'" 2>&1 >/dev/null) || rc=$?
  else
    run 20 -- info --events ev.csv
  fi
  if [[ $rc -eq 1 ]] && one_clean_line && printf '%s' "$err" | grep -qi 'permission denied'; then ok
  else fail "want 'permission denied'" "$(first_line)"; fi
}

case_crs_unknown() {
  run 20 -- info --crs EPSG:999999
  if [[ $rc -ne 0 ]] && one_clean_line && [[ $err != *"Unknown error"* && $err != *"code 4096"* ]]; then ok
  else fail "want a clear message" "$(first_line)"; fi
}

case_latitude_huge() {
  events_csv ev.csv 'A1,1e308,52.8596,riot,2022-01-02T09:00+05:00,zhanaozen,'
  run 20 -- info --events ev.csv
  if [[ $rc -eq 1 ]] && one_clean_line && no_huge_number; then ok
  else fail "want the value as written, not a 309-digit number" "$(first_line | cut -c1-100)"; fi
}

case_window_negative() {
  run 20 -- render --at "$at" -o x.png --window -3
  if [[ $rc -eq 2 ]] && all_lines_qantar && no_huge_number; then ok
  else fail "exit $rc; want a qantar: line without a 309-digit number" "$(first_line | cut -c1-100)"; fi
}

case_usage_prefix() {
  local a bad=""
  for a in "info --no-such-option" "render --at $at -o x.png --lang xx" "render --fps 0 -o x.mp4" \
           "export --layer nope -o x.geojson" "render --at $at -o x.png --antialias 3"; do
    # shellcheck disable=SC2086
    run 20 -- $a
    if [[ $rc -ne 2 ]] || ! all_lines_qantar; then bad+="'$a' -> exit $rc: $(first_line); "; fi
  done
  if [[ -z $bad ]]; then ok; else fail "every usage error line starts with qantar:" "$bad"; fi
}

case_vrt_no_raw_errors() {
  cat >ev.vrt <<'EOF'
<OGRVRTDataSource>
  <OGRVRTLayer name="ev">
    <SrcDataSource>does-not-exist.csv</SrcDataSource>
    <GeometryType>wkbPoint</GeometryType>
    <GeometryField encoding="PointFromColumns" x="longitude" y="latitude"/>
  </OGRVRTLayer>
</OGRVRTDataSource>
EOF
  run 20 -- info --events ev.vrt
  if [[ $rc -eq 1 ]] && all_lines_qantar; then ok
  else fail "exit $rc; raw GDAL lines on stderr" "$(printf '%s' "$err" | tr '\n' '|' | cut -c1-200)"; fi
}

# A big events file: 200,000 rows (about 15 MB), long enough to write for a signal to land.
big_events() {
  [[ -f big.csv ]] && return 0
  awk -v h="$header" 'BEGIN { print h; for (i = 0; i < 200000; ++i)
    printf "B%06d,43.2389,76.9458,riot,2022-01-0%dT%02d:%02d+06:00,almaty,1\n", i, 2 + i % 7, i % 24, i % 60 }' >big.csv
}

# Sends SIG to `export` once its temporary file beside the destination exists; nothing may be left.
signal_export() {
  local sig=$1 pid i seen=0 left
  big_events
  rm -rf sig && mkdir sig
  "$bin" export --events big.csv -o sig/out.gpkg >/dev/null 2>&1 &
  pid=$!
  bg_pids+=("$pid")
  for ((i = 0; i < 1200; ++i)); do
    if compgen -G 'sig/.*tmp-*' >/dev/null; then seen=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  kill -"$sig" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  left=$(ls -A sig | tr '\n' ' ')
  if [[ $seen -eq 0 ]]; then skip "SIG$sig: never saw the temporary file while writing (left: ${left:-nothing})"
  elif compgen -G 'sig/.*tmp-*' >/dev/null; then fail "SIG$sig during the write left a temporary file" "$left"
  else ok; fi
}
case_sigterm_export() { signal_export TERM; }
case_sigint_export() { signal_export INT; }

# kill -9 during a render leaves its temporary file (it cannot clean up); the next render of the
# same kind must remove leftovers whose PID is dead.
kill9_render() {  # kill9_render OUT PATTERN
  local out=$1 pattern=$2 pid i seen=0
  rm -rf k9 && mkdir k9
  "$bin" render -o "k9/$out" --size 640x360 --fps 30 --seconds-per-day 60 >/dev/null 2>&1 &
  pid=$!
  bg_pids+=("$pid")
  for ((i = 0; i < 1200; ++i)); do
    if compgen -G "k9/$pattern" >/dev/null; then seen=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  sleep 0.5
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [[ $seen -eq 0 ]]; then skip "never saw the render's temporary output"; return; fi
  compgen -G "k9/$pattern" >/dev/null || { skip "kill -9 left nothing to clean"; return; }
  run 120 -- render -o "k9/$out" --from 2022-01-05 --to 2022-01-05T01:00+06:00 --size 320x180 --fps 2
  if compgen -G "k9/$pattern" >/dev/null; then fail "a later render left the dead one's leftovers" "$(ls -A k9 | tr '\n' ' ')"
  elif [[ $rc -ne 0 ]]; then fail "the later render failed (exit $rc)" "$(first_line)"
  else ok; fi
}
case_kill9_render_mp4() { kill9_render out.mp4 '.out.mp4.qantar-tmp-*'; }
case_kill9_render_frames() { kill9_render frames/ '.frames.qantar-tmp-*'; }

case_no_network() {
  local port server_log
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  server_log=$work/http.log
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work" >"$server_log" 2>&1 &
  local spid=$!
  bg_pids+=("$spid")
  events_csv x.csv
  for ((i = 0; i < 50; ++i)); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2).close()" 2>/dev/null && break
    sleep 0.1
  done
  : >"$server_log"  # the readiness probe above is not a request
  cat >net.vrt <<EOF
<OGRVRTDataSource>
  <OGRVRTLayer name="x">
    <SrcDataSource>/vsicurl/http://127.0.0.1:$port/x.csv</SrcDataSource>
    <GeometryType>wkbPoint</GeometryType>
    <GeometryField encoding="PointFromColumns" x="longitude" y="latitude"/>
  </OGRVRTLayer>
</OGRVRTDataSource>
EOF
  run 30 -- info --events net.vrt
  sleep 0.3
  kill "$spid" 2>/dev/null || true
  if grep -aqE 'GET|HEAD' "$server_log"; then
    fail "qantar connected to 127.0.0.1:$port (exit $rc)" "$(grep -a -m1 -E 'GET|HEAD' "$server_log")"
  elif [[ $rc -eq 1 ]] && one_clean_line; then ok
  else fail "no connection, but exit $rc / not one clean line" "$(first_line)"; fi
}

all_cases=(fifo_events fifo_story render_frames_spd render_frames_span story_beat_9999 info_years_span
  input_is_output_png input_is_output_video usage_nan region_utc_nan latitude_hex
  csv_unterminated_quote csv_quote_swallows_rows utf8_column_name region_short_rings directory_as_events
  fatalities_out_of_range output_is_directory still_unwritable permission_denied_input crs_unknown
  latitude_huge window_negative usage_prefix vrt_no_raw_errors sigterm_export sigint_export
  kill9_render_mp4 kill9_render_frames no_network)

if [[ "${1:-}" == --list ]]; then printf '%s\n' "${all_cases[@]}"; exit 0; fi
cases=("$@")
[[ ${#cases[@]} -gt 0 ]] || cases=("${all_cases[@]}")
for case in "${cases[@]}"; do
  declare -F "case_$case" >/dev/null || { echo "hardening: unknown case '$case'" >&2; exit 2; }
  rm -rf "$work/c" && mkdir "$work/c" && cd "$work/c"
  "case_$case"
  cd "$work"
done
echo "hardening: $(( ${#cases[@]} - failures )) of ${#cases[@]} ok or skipped, $failures failed"
[[ $failures -eq 0 ]]
