#!/usr/bin/env bash
# PostGIS as an events source, end to end: one throw-away cluster (scripts/pg-cluster.sh) for the
# group, started by the `setup` case and removed by `cleanup` (CTest fixture `postgis`), data
# loaded with ogr2ogr, qantar run against it. Every bad input must give one line that names the
# source (never the password) and exit 1, within a time limit.
#
# usage: tests/postgis.sh QANTAR_EXECUTABLE CLUSTER_DIR CASE
# Exits 77 (skip) when PostgreSQL/PostGIS is not installed or the cluster did not start.
set -uo pipefail

bin=$(realpath "${1:?usage: postgis.sh QANTAR CLUSTER_DIR CASE}")
dir=${2:?cluster directory}
case=${3:?case}
here=$(cd "$(dirname "$0")" && pwd)
export QANTAR_GEODATA=${QANTAR_GEODATA:-$here/../geodata}
cluster="$here/../scripts/pg-cluster.sh"

fail() { echo "FAIL $case: $*" >&2; exit 1; }

if [[ $case == setup ]]; then
  "$cluster" stop "$dir"  # leftovers of a killed run
  "$cluster" start "$dir" >/dev/null
  rc=$?
  [[ $rc -eq 0 ]] || exit $rc  # 77: not installed
fi
if [[ $case == cleanup ]]; then
  "$cluster" stop "$dir"
  [[ ! -e $dir ]] || fail "$dir is still there"
  exit 0
fi
[[ -f $dir/user ]] || { echo "skip: no PostGIS test cluster in $dir (PostgreSQL/PostGIS not installed?)"; exit 77; }
while IFS= read -r line; do export "${line?}"; done < <("$cluster" env "$dir")
sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }  # as the cluster's superuser (trust on the socket)
pg="$QANTAR_PG"

work=$(mktemp -d "${TMPDIR:-/tmp}/qantar-postgis.XXXXXX")
chmod 0755 "$work"
trap 'rm -rf "$work"' EXIT

# run LIMIT_S ARGS...: qantar with a time limit; sets rc, out, err.
run() {
  local limit=$1; shift
  timeout -k 2 "$limit" "$bin" "$@" >"$work/out" 2>"$work/err"
  rc=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
}

# expect_error PATTERN: exit 1, one line on stderr starting "qantar: PG:" and matching PATTERN.
expect_error() {
  [[ $rc -eq 1 ]] || fail "exit status $rc, expected 1 (stderr: $err)"
  [[ $(printf '%s\n' "$err" | wc -l) -eq 1 ]] || fail "expected one line, got: $err"
  [[ $err == "qantar: PG:"* ]] || fail "the line does not name the source: $err"
  [[ $err =~ $1 ]] || fail "expected /$1/ in: $err"
  echo "ok   $case: $err"
}

# drop_mid_read HOW ARGS...: runs qantar ARGS (application_name qantar_dropped) and, once it is
# fetching rows, kills its backend (HOW=terminate: pg_terminate_backend) or stops the server
# (HOW=stop: immediate shutdown, then a restart). Sets rc and err; fails if the read ended first
# or qantar hangs.
drop_mid_read() {
  local how=$1; shift
  "$bin" "$@" >"$work/out" 2>"$work/err" &
  local pid=$! killed=0 n
  for _ in $(seq 1 600); do
    n=$(sql -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'qantar_dropped' AND query ILIKE 'FETCH%'")
    if [[ $n -gt 0 ]]; then
      if [[ $how == stop ]]; then
        "$here/../scripts/pg-cluster.sh" restart "$dir" >/dev/null || fail "the server did not come back"
      else
        sql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'qantar_dropped'" >/dev/null
      fi
      killed=1
      break
    fi
    kill -0 $pid 2>/dev/null || break
    sleep 0.05
  done
  for _ in $(seq 1 300); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  kill -0 $pid 2>/dev/null && { kill $pid; fail "qantar still runs 30 s after its connection dropped"; }
  wait $pid; rc=$?
  err=$(cat "$work/err")
  [[ $killed -eq 1 ]] || fail "the read ended before the connection could be dropped (rc $rc)"
}

json_value() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1" <<<"$out"; }

case $case in
  setup)
    # The bundled events, with typed times (timestamptz) so that windows can be pushed down.
    ogr2ogr -f PostgreSQL "$pg" "$QANTAR_GEODATA/kazakhstan-2022/events.csv" -nln events -lco GEOMETRY_NAME=geom \
      -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326 ||
      fail "ogr2ogr could not load the bundled events"
    # A larger generated table: 400,000 events around one city over 46 days, through ogr2ogr too.
    python3 - "$work/big.csv" <<'EOF' || fail "could not write big.csv"
import sys, random, datetime
random.seed(11)
with open(sys.argv[1], "w") as f:
    f.write("event_id_cnty,start_time,longitude,latitude,category\n")
    for i in range(400000):
        t = 1640995200 + i * 10  # 2022-01-01T00:00Z, one every 10 s
        ts = datetime.datetime.utcfromtimestamp(t).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        f.write(f"G{i},{ts},{76.9 + random.random() * 0.05:.5f},{43.24 + random.random() * 0.03:.5f},riot\n")
EOF
    ogr2ogr -f PostgreSQL "$pg" "$work/big.csv" -nln big -lco GEOMETRY_NAME=geom -oo X_POSSIBLE_NAMES=longitude \
      -oo Y_POSSIBLE_NAMES=latitude -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326 -gt 100000 ||
      fail "ogr2ogr could not load big"
    sql -c "CREATE INDEX ON big (start_time); CREATE INDEX ON big USING gist (geom); ANALYZE big" ||
      fail "index"
    sql -c "CREATE TABLE nogeom AS SELECT event_id_cnty, start_time, category FROM big LIMIT 5" \
        -c "CREATE TABLE notime AS SELECT event_id_cnty, geom, category FROM big LIMIT 5" \
        -c "CREATE TABLE secret AS SELECT * FROM events" \
        -c "CREATE ROLE reader LOGIN" -c "REVOKE ALL ON secret FROM PUBLIC" \
        -c "GRANT SELECT ON events TO reader" \
        -c "SET password_encryption = 'scram-sha-256'" -c "CREATE ROLE pw_user LOGIN PASSWORD 'right-one'" \
        -c "GRANT SELECT ON events TO pw_user" || fail "could not create the bad-input tables"
    # Password logins for pw_user over the socket (everyone else: trust).
    hba="$dir/data/pg_hba.conf"
    { echo "local all pw_user scram-sha-256"; cat "$hba"; } >"$hba.new" && cat "$hba.new" >"$hba" && rm "$hba.new"
    sql -c "SELECT pg_reload_conf()" >/dev/null || fail "reload"
    echo "ok   setup: cluster in $dir, $(sql -c 'SELECT count(*) FROM big') rows in big"
    ;;
  info)
    run 60 info --json --events "$pg" --events-layer events
    [[ $rc -eq 0 ]] || fail "exit $rc: $err"
    n=$(json_value 'd["events"]')
    expected=$(( $(wc -l <"$QANTAR_GEODATA/kazakhstan-2022/events.csv") - 1 ))
    [[ $n -eq $expected ]] || fail "$n events, expected $expected"
    [[ $(json_value 'd["database"]["rows_on_server"]') -eq $expected ]] || fail "rows_on_server: $out"
    days=$(sql -c "SELECT count(DISTINCT date_trunc('day', start_time AT TIME ZONE 'UTC')) FROM events")
    [[ $(json_value 'len(d["database"]["per_day"])') -eq $days ]] || fail "per_day has not $days days"
    [[ $(json_value 'sum(x["events"] for x in d["database"]["per_day"])') -eq $expected ]] || fail "per_day sum"
    ext=$(sql -c "SELECT round(ST_XMin(e)::numeric,3)||' '||round(ST_YMax(e)::numeric,3) FROM (SELECT ST_Extent(geom) e FROM events) s")
    got=$(json_value '"%.3f %.3f" % (d["database"]["extent_deg"][0], d["database"]["extent_deg"][3])')
    [[ $got == "$ext" ]] || fail "extent $got, expected $ext"
    echo "ok   info: $n events, $days days, extent starts $got"
    ;;
  sql)
    run 60 info --json --events "$pg" --events-sql "SELECT * FROM events WHERE category = 'riot'"
    [[ $rc -eq 0 ]] || fail "exit $rc: $err"
    expected=$(sql -c "SELECT count(*) FROM events WHERE category = 'riot'")
    [[ $(json_value 'd["events"]') -eq $expected ]] || fail "expected $expected riots: $out"
    echo "ok   sql: $expected rows"
    ;;
  render)
    # A 7-day window of the large table: only about a week's rows may travel.
    sql -c "SELECT pg_stat_statements_reset()" >/dev/null
    run 120 render --events "$pg application_name=qantar_render" --events-layer big --at 2022-01-20T12:00Z \
      --window 168 --size 640x360 -o "$work/frame.png"
    [[ $rc -eq 0 ]] || fail "exit $rc: $err"
    [[ -s $work/frame.png ]] || fail "no PNG"
    moved=$(sql -c "SELECT coalesce(sum(rows), 0) FROM pg_stat_statements WHERE query ILIKE 'FETCH%'")
    week=$(( 7 * 86400 / 10 ))
    total=$(sql -c "SELECT count(*) FROM big")
    (( moved >= week && moved < week + 3 * 38 * 360 )) ||
      fail "$moved rows travelled for a 7-day window ($week rows a week, $total in the table)"
    echo "ok   render: $moved of $total rows travelled for a 7-day window"
    ;;
  day_counts)
    # A 7-day window of the large table travels, but the histogram's days are the server's counts
    # over all of it: each day's count equals a count(*) per local day in the display zone.
    run 120 info --json --events "$pg" --events-layer big --at 2022-01-20T12:00Z --window 168
    [[ $rc -eq 0 ]] || fail "exit $rc: $err"
    total=$(sql -c "SELECT count(*) FROM big")
    loaded=$(json_value 'd["events"]')
    (( loaded < total / 4 )) || fail "$loaded of $total rows travelled: the window was not pushed down"
    zone=$(json_value 'd["display_zone"]')
    if [[ $zone =~ ^UTC([+-][0-9][0-9]):([0-9][0-9])$ ]]; then
      day="((start_time AT TIME ZONE 'UTC') + interval '${BASH_REMATCH[1]} hours ${BASH_REMATCH[2]} minutes')::date"
    else
      day="(start_time AT TIME ZONE '$zone')::date"
    fi
    expected=$(sql -F ' ' -c "SELECT to_char($day, 'YYYY-MM-DD'), count(*) FROM big GROUP BY 1 ORDER BY 1")
    got=$(json_value '"\n".join("%s %d" % (x["date"], x["count"]) for x in d["days"] if x["count"] > 0)')
    [[ -n $expected && $got == "$expected" ]] || fail "days differ from the server's count(*) per day in $zone:
$(diff <(echo "$expected") <(echo "$got") | head -5)"
    riots=$(json_value 'sum(x["categories"].get("riot", 0) for x in d["days"])')
    [[ $riots -eq $total ]] || fail "$riots riots in the days' categories, $total rows on the server"
    echo "ok   day_counts: $loaded of $total rows travelled; $(wc -l <<<"$got") days ($zone) equal the server's count(*) per day"
    # A date column (ACLED's event_date): counted per date, while the window's rows travel.
    sql -c "CREATE TABLE IF NOT EXISTS bigdate AS SELECT event_id_cnty, (start_time AT TIME ZONE 'Asia/Almaty')::date AS event_date,
              category, geom FROM big" -c "ANALYZE bigdate" >/dev/null || fail "could not make bigdate"
    run 120 info --json --events "$pg" --events-layer bigdate --at 2022-01-20T12:00Z --window 168
    [[ $rc -eq 0 ]] || fail "bigdate: exit $rc: $err"
    expected=$(sql -F ' ' -c "SELECT to_char(event_date, 'YYYY-MM-DD'), count(*) FROM bigdate GROUP BY 1 ORDER BY 1")
    got=$(json_value '"\n".join("%s %d" % (x["date"], x["count"]) for x in d["days"] if x["count"] > 0)')
    [[ -n $expected && $got == "$expected" ]] || fail "date column: days differ from the server's count(*) per date:
$(diff <(echo "$expected") <(echo "$got") | head -5)"
    echo "ok   day_counts: a date column's $(wc -l <<<"$got") days equal the server's count(*) per date"
    ;;
  connections)
    # A window of a large table with a date column: the per-day counts run on the connection opened
    # ahead (while the columns are looked up), so that every session qantar opens does work of its
    # own: no connection opened and left idle. Each session's statements are in the server's log
    # (log_statement for these sessions only, through libpq's options).
    sql -c "CREATE TABLE IF NOT EXISTS bigdate AS SELECT event_id_cnty, (start_time AT TIME ZONE 'Asia/Almaty')::date AS event_date,
              category, geom FROM big" -c "ANALYZE bigdate" >/dev/null || fail "could not make bigdate"
    from=$(($(wc -l <"$dir/server.log") + 1))
    run 120 info --events "$pg options='-c log_statement=all'" --events-layer bigdate --at 2022-01-20T12:00Z --window 168
    [[ $rc -eq 0 ]] || fail "exit $rc: $err"
    sleep 0.3  # the log's last lines
    sessions=$(tail -n +"$from" "$dir/server.log" | python3 -c '
import collections, re, sys
work, order = collections.Counter(), []
for line in sys.stdin:
    m = re.search(r"\[(\d+)\] LOG:  (?:statement|execute <unnamed>): (.*)", line)
    if not m: continue
    pid, statement = m.groups()
    if pid not in order: order.append(pid)
    # Work: a query of qantar (the probe, the sample, the days) or a cursor over the table; the
    # rest is the session set-up and GDAL catalogue queries (which name the table in quotes).
    if re.search(r"qantar_|FROM \"bigdate\"", statement): work[pid] += 1
print(len(order), " ".join(p for p in order if not work[p]))')
    read -r n idle <<<"$sessions"
    (( n >= 3 )) || fail "$n sessions in the server's log: expected the reading, the days' and the sample's at least"
    [[ -z $idle ]] || fail "$n sessions, idle ones (opened, never used): $idle"
    echo "ok   connections: $n sessions, each with work of its own (the days' on the one opened ahead)"
    ;;
  framing)
    # A map of any place (no data directory: the world base map) of a window of a table whose first
    # two weeks lie 10 degrees further west: the framing is the whole table's (a server-side sample),
    # so the window, all in the east, is framed with the west too.
    sql -c "CREATE TABLE IF NOT EXISTS wide AS SELECT event_id_cnty, start_time, category,
              CASE WHEN start_time < '2022-01-15' THEN ST_Translate(geom, -10, 0) ELSE geom END AS geom FROM big" \
        -c "ANALYZE wide" >/dev/null || fail "could not make the table"
    QANTAR_GEODATA= run 120 info --json --events "$pg" --events-layer wide --at 2022-01-25T12:00Z --window 24
    [[ $rc -eq 0 ]] || fail "exit $rc: $err"
    west=$(json_value 'd["extent"][0]')
    east=$(sql -c "SELECT min(ST_X(geom)) FROM wide WHERE start_time >= '2022-01-15'")
    awk -v w="$west" -v e="$east" 'BEGIN { exit !(w < e - 9) }' ||
      fail "the framing starts at longitude $west: the window's ($east), not the whole table's"
    echo "ok   framing: the window's events start at longitude $east, the framing at $west"
    ;;
  export)
    run 120 export --events "$pg" --events-layer events --at 2022-01-06T00:00+06:00 --window 24 -o "$work/e.gpkg"
    [[ $rc -eq 0 ]] || fail "exit $rc: $err"
    run 60 export --events "$QANTAR_GEODATA/kazakhstan-2022/events.csv" --at 2022-01-06T00:00+06:00 --window 24 -o "$work/f.gpkg"
    a=$(ogrinfo -so -al "$work/e.gpkg" | grep 'Feature Count'); b=$(ogrinfo -so -al "$work/f.gpkg" | grep 'Feature Count')
    [[ -n $a && $a == "$b" ]] || fail "from PostGIS: $a; from the CSV: $b"
    [[ -z $(ls "$work" | grep -v -e '^e.gpkg$' -e '^f.gpkg$' -e '^out$' -e '^err$') ]] || fail "stray files: $(ls "$work")"
    echo "ok   export: $a, as from the file"
    ;;
  server_down)
    run 20 info --events "PG:dbname=qantar host=$work/nothing-here user=$PGUSER" --events-layer events
    expect_error "cannot connect"
    ;;
  wrong_password)
    run 20 info --events "$pg user=pw_user password=s3cret-wrong" --events-layer events
    [[ $err != *s3cret-wrong* ]] || fail "the password is in the message: $err"
    expect_error "password"
    run 20 info --events "$pg user=pw_user password=right-one" --events-layer events
    [[ $rc -eq 0 ]] || fail "the right password was refused: $err"
    ;;
  wrong_role)
    run 20 info --events "PG:dbname=qantar host=$PGHOST user=nobody_here" --events-layer events
    expect_error "role"
    ;;
  missing_table)
    run 20 info --events "$pg" --events-layer no_such_table
    expect_error "no_such_table"
    ;;
  no_layer)
    run 20 info --events "$pg"
    [[ $rc -eq 2 ]] || fail "exit $rc, expected 2 (usage): $err"
    echo "ok   $case: $err"
    ;;
  no_geometry)
    run 20 info --events "$pg" --events-layer nogeom
    expect_error "latitude"
    ;;
  no_time)
    run 20 info --events "$pg" --events-layer notime
    expect_error "start_time"
    ;;
  permission)
    run 20 info --events "PG:dbname=qantar host=$PGHOST user=reader" --events-layer secret
    expect_error "permission denied|no table"
    ;;
  bad_sql)
    run 20 info --events "$pg" --events-sql "SELECT * FROM events WHERE no_such_column > 1"
    expect_error "no_such_column"
    ;;
  writing_sql)
    # The session is read-only: a query that writes fails on the server and changes nothing.
    run 20 info --events "$pg" --events-sql "DELETE FROM nogeom RETURNING *"
    [[ $(sql -c "SELECT count(*) FROM nogeom") -eq 5 ]] || fail "the DELETE went through"
    expect_error "read-only"
    ;;
  statement_timeout)
    run 30 info --events "$pg" --statement-timeout 1 --events-sql "SELECT *, pg_sleep(2) AS slow FROM events"
    expect_error "statement timeout"
    ;;
  dropped)
    # The backend is killed while qantar reads the large table.
    drop_mid_read terminate info --events "$pg application_name=qantar_dropped" --events-layer big
    expect_error "reading stopped|terminat|connection"
    ;;
  dropped_export)
    # The same during an export: one line, exit 1, and no file at -o (nor a temporary one left).
    drop_mid_read terminate export --events "$pg application_name=qantar_dropped" --events-layer big -o "$work/x.gpkg"
    expect_error "reading stopped|terminat|connection"
    [[ -z $(ls "$work" | grep -v -e '^out$' -e '^err$') ]] || fail "left behind: $(ls "$work")"
    ;;
  server_stopped)
    # The whole server goes away mid-read (pg_ctl stop -m immediate), then comes back for the
    # cases after this one.
    drop_mid_read stop export --events "$pg application_name=qantar_dropped" --events-layer big -o "$work/x.gpkg"
    expect_error "reading stopped|terminat|connection|server closed"
    [[ -z $(ls "$work" | grep -v -e '^out$' -e '^err$') ]] || fail "left behind: $(ls "$work")"
    ;;
  *) echo "unknown case $case" >&2; exit 2 ;;
esac
