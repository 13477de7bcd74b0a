#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for demos and tests: data in a folder of your
# choice, listening on 127.0.0.1 only, durability switched off for speed.
#
# Usage:
#   scripts/postgres.sh run DATA_DIR PORT   init the cluster if needed, then run
#                                           postgres in the foreground (Ctrl-C stops)
# The cluster has a trust-authenticated user "postgres" and a database
# "items_db": DATABASE_URL=postgresql://postgres@127.0.0.1:PORT/items_db
#
# Environment: PG_BIN (default: newest /usr/lib/postgresql/*/bin).
# As root, the server runs as the "postgres" system user, because initdb and
# postgres refuse to run as root.
set -euo pipefail

usage() { echo "usage: $0 run DATA_DIR PORT" >&2; exit 2; }
[[ $# -eq 3 && "$1" == run ]] || usage
data_dir="$(realpath -m "$2")"
port="$3"
[[ "$port" =~ ^[0-9]+$ ]] || usage

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -z "${PG_BIN:-}" ]]; then
  "$here/ensure-apt.sh" postgresql
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
[[ -x "$PG_BIN/postgres" ]] || { echo "postgres.sh: no postgres binary in '$PG_BIN'" >&2; exit 1; }

if ((EUID == 0)); then
  # setpriv execs in place (no extra fork, no new session), so signals sent to
  # our process group reach postgres itself.
  as_db=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  install -d -m 0700 -o postgres -g postgres "$data_dir"
  if ! "${as_db[@]}" test -x "$data_dir"; then
    echo "postgres.sh: user postgres cannot reach $data_dir; make its parent folders traversable (chmod o+x)" >&2
    exit 1
  fi
else
  as_db=()
  install -d -m 0700 "$data_dir"
fi
# initdb and postgres complain when the working directory is unreadable to them.
cd "$data_dir"

if [[ ! -f "$data_dir/PG_VERSION" ]]; then
  if ! out="$("${as_db[@]}" "$PG_BIN/initdb" -D "$data_dir" -U postgres -A trust -E UTF8 \
    --no-locale --no-sync --no-instructions 2>&1)"; then
    echo "$out" >&2
    exit 1
  fi
  # Single-user mode creates the database before any client can connect, so
  # callers need no "wait, then createdb" step.
  echo "CREATE DATABASE items_db;" |
    "${as_db[@]}" "$PG_BIN/postgres" --single -D "$data_dir" postgres >/dev/null
fi

exec "${as_db[@]}" "$PG_BIN/postgres" -D "$data_dir" \
  -c listen_addresses=127.0.0.1 -p "$port" -k "$data_dir" \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=50 -c shared_buffers=32MB
