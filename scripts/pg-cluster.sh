#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + PostGIS 3 cluster for tests and benchmarks: Debian's binaries, a Unix
# socket in the cluster's own directory and no TCP at all (listen_addresses = ''), one database
# with the postgis extension. Works as root: the server runs as an unprivileged user (nobody, or
# $QANTAR_PG_USER) that owns the directory.
#
# usage: scripts/pg-cluster.sh start DIR   create and start a cluster in DIR (DIR must not exist
#                                          or be empty); prints the env lines below
#        scripts/pg-cluster.sh stop DIR    stop it and remove DIR (safe to repeat; no-op if absent)
#        scripts/pg-cluster.sh restart DIR immediate shutdown (clients see their connection drop),
#                                          then start again with the same data
#        scripts/pg-cluster.sh env DIR     prints PGHOST=, PGDATABASE=, PGUSER= and QANTAR_PG=
#                                          (the PG: connection string), one per line
#        scripts/pg-cluster.sh run DIR -- COMMAND...   start, run COMMAND with those variables
#                                          exported, stop and remove whatever COMMAND returned
# Exits 77 (CTest's skip code) with a message when PostgreSQL or PostGIS is not installed.
set -euo pipefail

bindir=${QANTAR_PG_BINDIR:-/usr/lib/postgresql/15/bin}
db=qantar
port=5432  # only names the socket file (.s.PGSQL.5432): nothing listens on TCP

die() { echo "pg-cluster: $*" >&2; exit 1; }

have_postgis() {
  [[ -x $bindir/initdb && -x $bindir/pg_ctl && -x $bindir/postgres ]] || return 1
  local share
  share=$("$bindir/pg_config" --sharedir 2>/dev/null) || share=/usr/share/postgresql/15
  compgen -G "$share/extension/postgis.control" >/dev/null
}

# The user the server runs as: ourselves, or an unprivileged one when we are root (initdb refuses root).
server_user() {
  if [[ $(id -u) -ne 0 ]]; then id -un; else echo "${QANTAR_PG_USER:-nobody}"; fi
}

as_server() {
  local user=$1; shift
  if [[ $(id -u) -ne 0 ]]; then "$@"; else runuser -u "$user" -- "$@"; fi
}

env_lines() {
  local dir=$1
  echo "PGHOST=$dir/sock"
  echo "PGPORT=$port"
  echo "PGDATABASE=$db"
  echo "PGUSER=$(cat "$dir/user")"
  echo "QANTAR_PG=PG:dbname=$db host=$dir/sock port=$port user=$(cat "$dir/user")"
}

start() {
  local dir=$1
  have_postgis || { echo "pg-cluster: PostgreSQL 15 or PostGIS 3 is not installed (scripts/setup.sh installs postgresql-15 and postgresql-15-postgis-3)" >&2; exit 77; }
  [[ -e $dir && -n $(ls -A "$dir" 2>/dev/null) ]] && die "$dir exists and is not empty"
  local user t0
  user=$(server_user)
  t0=$(date +%s.%N)
  mkdir -p "$dir/sock"
  # Every directory above DIR must be traversable by the server's user.
  chmod 0755 "$dir"
  echo "$user" >"$dir/user"
  [[ $(id -u) -eq 0 ]] && chown -R "$user" "$dir"
  as_server "$user" "$bindir/initdb" -D "$dir/data" -U "$user" -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir/sock'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
max_connections = 20
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
EOF
  as_server "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null ||
    { cat "$dir/server.log" >&2; die "the server did not start"; }
  as_server "$user" psql -X -q -h "$dir/sock" -p $port -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $db" >/dev/null
  as_server "$user" psql -X -q -h "$dir/sock" -p $port -d $db -v ON_ERROR_STOP=1 \
    -c "CREATE EXTENSION postgis" -c "CREATE EXTENSION pg_stat_statements" >/dev/null
  echo "pg-cluster: started in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }') s ($dir, user $user)" >&2
  env_lines "$dir"
}

stop() {
  local dir=$1
  [[ -d $dir ]] || return 0
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_server "$(cat "$dir/user" 2>/dev/null || server_user)" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 \
      stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

restart() {
  local dir=$1 user
  [[ -f $dir/user ]] || die "no cluster in $dir"
  user=$(cat "$dir/user")
  as_server "$user" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null
  as_server "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
    { tail -5 "$dir/server.log" >&2; die "the server did not start again"; }
}

cmd=${1:-}
dir=${2:-}
[[ -n $cmd && -n $dir ]] || { sed -n '2,19p' "$0" >&2; exit 2; }
case $cmd in
  start) start "$dir" ;;
  stop) stop "$dir" ;;
  restart) restart "$dir" ;;
  env) [[ -f $dir/user ]] || die "no cluster in $dir"; env_lines "$dir" ;;
  run)
    shift 2
    [[ ${1:-} == -- ]] && shift
    trap 'stop "$dir"' EXIT INT TERM
    lines=$(start "$dir")  # exits here with start's status (77: not installed)
    while IFS= read -r line; do export "${line?}"; done <<<"$lines"
    "$@"
    ;;
  *) die "unknown command $cmd (start, stop, restart, env or run)" ;;
esac
