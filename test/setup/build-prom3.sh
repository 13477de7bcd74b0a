#!/usr/bin/env bash
# The 3.x generation of the tools the suite runs for real, built from their Apache-2.0 Go modules
# (Debian ships only Prometheus 2.42 and Alertmanager 0.25, which stay as the floor):
#   ~/.cache/dac/prometheus-<version>/{prometheus,promtool}   from github.com/prometheus/prometheus
#   ~/.cache/dac/alertmanager-<version>/{alertmanager,amtool} from github.com/prometheus/alertmanager
# Built only when missing. A lock in the cache folder makes a second caller (another test file,
# another checkout) wait for the first build and then reuse it instead of building again.
# Usage: build-prom3.sh [--print-dirs]   (prints the two folders, one a line, once they are built)
set -euo pipefail

# Module v0.3MM.P is Prometheus release 3.MM.P.
PROMETHEUS_MODULE="${DAC_PROMETHEUS3_MODULE:-v0.316.0}"
ALERTMANAGER_MODULE="${DAC_ALERTMANAGER3_MODULE:-v0.35.0}"
prom_minor="${PROMETHEUS_MODULE#v0.3}"
prom_minor="${prom_minor%%.*}"
prom_patch="${PROMETHEUS_MODULE##*.}"
PROMETHEUS_VERSION="3.$((10#$prom_minor)).$prom_patch"
ALERTMANAGER_VERSION="${ALERTMANAGER_MODULE#v}"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/dac"
prom_dir="$cache/prometheus-$PROMETHEUS_VERSION"
am_dir="$cache/alertmanager-$ALERTMANAGER_VERSION"

built() { [[ -x "$1/$2" && -x "$1/$3" ]]; }

print_dirs() {
  if [[ "${1:-}" == --print-dirs ]]; then
    printf '%s\n%s\n' "$prom_dir" "$am_dir"
  fi
}

if built "$prom_dir" prometheus promtool && built "$am_dir" alertmanager amtool; then
  print_dirs "${1:-}"
  exit 0
fi

# shellcheck source=go-build-helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-build-helpers.sh"
require_go build-prom3 "Prometheus $PROMETHEUS_VERSION"
lock_cache "$cache/build.lock" build-prom3 "the 3.x tools"

# Source copies: the module cache is read-only, and Alertmanager's UI assets are not in its module.
work="$(mktemp -d "$cache/build-XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

module_source() { # module@version -> writable copy of its source
  local dir
  dir="$(cd "$work" && go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$dir" ]] || {
    echo "build-prom3: go mod download $1 gave no source folder" >&2
    exit 1
  }
  cp -R "$dir" "$work/src"
  chmod -R u+w "$work/src"
  mv "$work/src" "$work/$2"
}

stamp() { # the version the binaries print with --version, as release builds do
  local v=github.com/prometheus/common/version
  printf -- '-s -w -X %s.Version=%s -X %s.Revision=%s -X %s.Branch=module -X %s.BuildUser=dac -X %s.BuildDate=%s' \
    "$v" "$1" "$v" "$2" "$v" "$v" "$v" "$(date -u +%Y%m%d-%H:%M:%S)"
}

timed() { # label command... : runs it niced and says how long it took
  local start=$SECONDS
  nice -n 10 "${@:2}"
  echo "build-prom3: $1 built in $((SECONDS - start)) s" >&2
}

if ! built "$prom_dir" prometheus promtool; then
  echo "build-prom3: building prometheus and promtool $PROMETHEUS_VERSION into $prom_dir (about 11 minutes on 2 cores)" >&2
  module_source "github.com/prometheus/prometheus@$PROMETHEUS_MODULE" prometheus
  # Prometheus's own dependencies are used as its release builds use them, github.com/grafana/regexp
  # (BSD-licensed, a faster fork of Go's regexp) among them: no stand-in inside the real tool.
  mkdir -p "$work/out-prom"
  # One `go build` for both commands so their shared packages compile once. remove_all_sd is
  # Prometheus's documented tag for leaving out the cloud service discoveries (file, static and
  # http SD stay); the web UI is left out too (no builtinassets): the suite uses the HTTP API only.
  (cd "$work/prometheus" && GOWORK=off timed "prometheus $PROMETHEUS_VERSION" \
    go build -trimpath -tags remove_all_sd -ldflags "$(stamp "$PROMETHEUS_VERSION" "$PROMETHEUS_MODULE")" \
    -o "$work/out-prom/" ./cmd/prometheus ./cmd/promtool)
  rm -rf "$prom_dir"
  mv "$work/out-prom" "$prom_dir"
fi

if ! built "$am_dir" alertmanager amtool; then
  echo "build-prom3: building alertmanager and amtool $ALERTMANAGER_VERSION into $am_dir" >&2
  module_source "github.com/prometheus/alertmanager@$ALERTMANAGER_MODULE" alertmanager
  # The UI bundle is built by npm in Alertmanager's release process and is not part of the module;
  # the binary embeds this folder, so a placeholder page stands in for it.
  for ui in elm mantine; do
    mkdir -p "$work/alertmanager/ui/app/dist/$ui"
    echo '<!doctype html><title>Alertmanager</title><p>UI not built; use the API or amtool.</p>' >"$work/alertmanager/ui/app/dist/$ui/index.html"
  done
  mkdir -p "$work/out-am"
  (cd "$work/alertmanager" && GOWORK=off timed "alertmanager $ALERTMANAGER_VERSION" \
    go build -trimpath -ldflags "$(stamp "$ALERTMANAGER_VERSION" "$ALERTMANAGER_MODULE")" \
    -o "$work/out-am/" ./cmd/alertmanager ./cmd/amtool)
  rm -rf "$am_dir"
  mv "$work/out-am" "$am_dir"
fi

print_dirs "${1:-}"
