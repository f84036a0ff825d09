#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests and the benchmark (Debian's postgresql package).
#   tools/pg-cluster.sh start DIR [PORT] [--fast]
#                                          initdb DIR (trust authentication, superuser postgres) and start it;
#                                          prints the Npgsql connection string of its postgres database. --fast turns
#                                          fsync off (tests: a database per test is created from a template, which
#                                          otherwise waits on the disk); the benchmark keeps the durable default.
#   tools/pg-cluster.sh stop DIR           stop it and delete DIR
#   tools/pg-cluster.sh bin                the binaries folder, or exit 1 when PostgreSQL is not installed
# initdb refuses to run as root: as root the cluster belongs to the postgres user.
set -euo pipefail

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/initdb" ]; then echo "$found"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  bin)
    bin_dir
    ;;
  start)
    dir=$2
    shift 2
    port=""
    durability=""
    for arg in "$@"; do
      case $arg in
        --fast) durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" ;;
        *) port=$arg ;;
      esac
    done
    [ -n "$port" ] || port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    bin=$(bin_dir) || { echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2; exit 1; }
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Durability stays at its defaults (fsync on) unless --fast: the figures measured on this cluster must mean something.
    # max_connections: two web nodes, the tests' hosts and Hangfire's workers each keep a pool.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=128MB $durability" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    dir=$2
    bin=$(bin_dir) || exit 0
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR [PORT] [--fast] | stop DIR | bin" >&2
    exit 2
    ;;
esac
