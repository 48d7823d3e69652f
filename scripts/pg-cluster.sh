#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks (ADR 0900): Debian's server, initdb into a folder owned by
# the run, listening on 127.0.0.1 at a free port (and a unix socket in the folder), trust authentication, durability
# off (fsync) since the data dies with the run.
#   scripts/pg-cluster.sh start DIR   -> prints the connection string (without Database) on its last line
#   scripts/pg-cluster.sh stop DIR    -> stops the server and removes DIR
# Installs the `postgresql` package with apt-get when no server is found and the script runs as root.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

# postgres refuses to run as root: as root, run the server's commands as the `postgres` system user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    bin=$(find_bin)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing PostgreSQL (package postgresql)..." >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        # The package's own cluster is not ours: it is left as the package set it up.
        bin=$(find_bin)
      else
        echo "PostgreSQL is not installed: sudo apt-get install postgresql" >&2
        exit 1
      fi
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
      chown postgres "$dir"
      chmod 700 "$dir"
    fi
    port=""
    for candidate in $(shuf -i 20000-59999 -n 50); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
      fi
    done
    [ -n "$port" ] || { echo "No free port found on 127.0.0.1" >&2; exit 1; }
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 400
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start >&2 \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true;Maximum Pool Size=50"
    ;;
  stop)
    bin=$(find_bin)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
