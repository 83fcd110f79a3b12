#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of @oauth1a/connections' Postgres store.
#
#   scripts/with-postgres.sh <command> [args...]   start a cluster, run the command with DATABASE_URL
#                                                   exported, stop the cluster and delete it (always)
#   eval "$(scripts/with-postgres.sh start)"        start one and print the exports (DATABASE_URL,
#   scripts/with-postgres.sh stop                   OAUTH1A_PG_DIR); stop reads OAUTH1A_PG_DIR
#   scripts/with-postgres.sh restart [dir]          restart that cluster (fast: drops every session), same port
#
# Uses Debian's postgresql package (/usr/lib/postgresql/<version>/bin). The cluster lives in a temp
# folder, listens on 127.0.0.1 on a free port and its own socket folder, trusts local connections (it
# is a test database reachable only from this machine), and runs as the `postgres` user when this
# script runs as root (initdb refuses root).
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "with-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local bin dir port
  bin=$(pg_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/oauth1a-pg.XXXXXX")
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  echo "export OAUTH1A_PG_DIR='$dir'"
  echo "export DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres'"
}

stop() {
  local dir=${1:-${OAUTH1A_PG_DIR:-}}
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then return 0; fi
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

restart() {
  local dir=${1:-${OAUTH1A_PG_DIR:-}}
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then echo "with-postgres: no cluster to restart" >&2; exit 1; fi
  # pg_ctl restart reuses the options of the running server (port, socket folder, listen address).
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 30 restart >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  restart) restart "${2:-}" ;;
  "") echo "usage: $0 <command> [args...] | start | stop" >&2; exit 2 ;;
  *)
    exports=$(start)
    eval "$exports"
    trap 'stop "$OAUTH1A_PG_DIR"' EXIT INT TERM
    echo "with-postgres: $DATABASE_URL" >&2
    "$@"
    ;;
esac
