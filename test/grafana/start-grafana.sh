#!/usr/bin/env bash
# Start the Grafana built by build-grafana.sh on loopback, with SQLite in a
# fresh data dir, wait until it is healthy, and create an Admin service
# account token for dac to use.
#
#   eval "$(test/grafana/start-grafana.sh)"      # sets GRAFANA_URL, GRAFANA_TOKEN, ...
#   test/grafana/start-grafana.sh --stop "$GRAFANA_DIR"
#
# Environment (all optional):
#   GRAFANA_BIN, GRAFANA_HOME     default: read from build-grafana.sh's output
#   DAC_GRAFANA_PORT              default: a free loopback port
#   DAC_GRAFANA_DIR               default: a new temp dir (data, logs, pid, env)
#   DAC_GRAFANA_ADMIN_PASSWORD    default: random
#   DAC_GRAFANA_TIMEOUT           seconds to wait for health, default 90
#   GF_*                          passed through to Grafana (e.g. GF_FEATURE_TOGGLES_ENABLE)
#
# Prints (and writes to $GRAFANA_DIR/env) shell assignments:
#   GRAFANA_URL GRAFANA_PID GRAFANA_DIR GRAFANA_ADMIN_USER GRAFANA_ADMIN_PASSWORD GRAFANA_TOKEN
# Server output goes to $GRAFANA_DIR/grafana.log.
set -euo pipefail

log() { printf '[start-grafana] %s\n' "$*" >&2; }
die() { printf '[start-grafana] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" == "--stop" ]]; then
  dir="${2:-${GRAFANA_DIR:-}}"
  [[ -n "$dir" && -f "$dir/grafana.pid" ]] || die "usage: $0 --stop GRAFANA_DIR (no grafana.pid there)"
  pid=$(cat "$dir/grafana.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { log "pid $pid still alive after 10s; sending KILL"; kill -9 "$pid"; }
  fi
  rm -f "$dir/grafana.pid"
  log "stopped grafana (pid $pid); data left in $dir"
  exit 0
fi

command -v curl >/dev/null 2>&1 || die "curl is needed"

if [[ -z "${GRAFANA_BIN:-}" || -z "${GRAFANA_HOME:-}" ]]; then
  envfile="${DAC_CACHE:-$HOME/.cache/dac}/grafana-10.0.0-preview-81d85ce8/env"
  [[ -f "$envfile" ]] || die "no Grafana build found ($envfile); run test/grafana/build-grafana.sh first"
  # shellcheck disable=SC1090
  . "$envfile"
fi
[[ -x "$GRAFANA_BIN" ]] || die "GRAFANA_BIN=$GRAFANA_BIN is not executable"
[[ -f "$GRAFANA_HOME/conf/defaults.ini" ]] || die "GRAFANA_HOME=$GRAFANA_HOME has no conf/defaults.ini"

free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
  else
    echo $(( 20000 + RANDOM % 20000 ))
  fi
}

PORT="${DAC_GRAFANA_PORT:-$(free_port)}"
DIR="${DAC_GRAFANA_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/dac-grafana.XXXXXX")}"
PW="${DAC_GRAFANA_ADMIN_PASSWORD:-dac-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}"
TIMEOUT="${DAC_GRAFANA_TIMEOUT:-90}"
URL="http://127.0.0.1:$PORT"
mkdir -p "$DIR/data" "$DIR/logs" "$DIR/plugins" \
  "$DIR/provisioning"/{dashboards,datasources,plugins,notifiers,alerting,access-control}

export GF_PATHS_DATA="$DIR/data"
export GF_PATHS_LOGS="$DIR/logs"
export GF_PATHS_PLUGINS="$DIR/plugins"
export GF_PATHS_PROVISIONING="$DIR/provisioning"
export GF_SERVER_HTTP_ADDR=127.0.0.1
export GF_SERVER_HTTP_PORT="$PORT"
export GF_SERVER_ROOT_URL="$URL/"
export GF_DATABASE_TYPE=sqlite3
export GF_SECURITY_ADMIN_USER=admin
export GF_SECURITY_ADMIN_PASSWORD="$PW"
export GF_ANALYTICS_REPORTING_ENABLED=false
export GF_ANALYTICS_CHECK_FOR_UPDATES=false
export GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES=false
export GF_PLUGINS_PREINSTALL_DISABLED=true   # ignored by this version; harmless on newer ones
export GF_NEWS_NEWS_FEED_ENABLED=false
export GF_USERS_ALLOW_SIGN_UP=false
export GF_LOG_MODE=console
export GF_LOG_LEVEL="${GF_LOG_LEVEL:-info}"

t0=$(date +%s%N)
# Bounded in time like every server the tests start: a crashed test run cannot leave it behind.
nohup timeout "${DAC_GRAFANA_LIFETIME:-1200}" "$GRAFANA_BIN" server --homepath "$GRAFANA_HOME" </dev/null >"$DIR/grafana.log" 2>&1 &
PID=$!
echo "$PID" >"$DIR/grafana.pid"

healthy=""
deadline=$(( $(date +%s) + TIMEOUT ))
while (( $(date +%s) < deadline )); do
  if ! kill -0 "$PID" 2>/dev/null; then
    tail -30 "$DIR/grafana.log" >&2
    die "grafana exited during startup (log: $DIR/grafana.log)"
  fi
  body=$(curl -s --max-time 2 "$URL/api/health" || true)
  if grep -q '"database": *"ok"' <<<"$body"; then healthy=1; break; fi
  sleep 0.25
done
if [[ -z "$healthy" ]]; then
  tail -30 "$DIR/grafana.log" >&2
  kill "$PID" 2>/dev/null || true
  die "grafana not healthy at $URL/api/health after ${TIMEOUT}s (log: $DIR/grafana.log)"
fi
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
log "healthy at $URL after ${ms} ms (pid $PID, dir $DIR)"

# Admin service account + token (Bearer glsa_...).
sa=$(curl -s -u "admin:$PW" -H 'Content-Type: application/json' \
  -d '{"name":"dac-test","role":"Admin"}' "$URL/api/serviceaccounts")
sa_id=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' <<<"$sa")
[[ -n "$sa_id" ]] || die "service account creation failed: $sa"
tk=$(curl -s -u "admin:$PW" -H 'Content-Type: application/json' \
  -d '{"name":"dac-test-token"}' "$URL/api/serviceaccounts/$sa_id/tokens")
TOKEN=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' <<<"$tk")
[[ -n "$TOKEN" ]] || die "token creation failed: $tk"

{
  printf 'GRAFANA_URL=%q\n' "$URL"
  printf 'GRAFANA_PID=%q\n' "$PID"
  printf 'GRAFANA_DIR=%q\n' "$DIR"
  printf 'GRAFANA_ADMIN_USER=admin\n'
  printf 'GRAFANA_ADMIN_PASSWORD=%q\n' "$PW"
  printf 'GRAFANA_TOKEN=%q\n' "$TOKEN"
} | tee "$DIR/env"
chmod 600 "$DIR/env"
