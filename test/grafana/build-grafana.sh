#!/usr/bin/env bash
# Build a real Grafana server binary from Grafana's Go module, for dac's
# integration tests against a live Grafana (HTTP API only; no frontend).
#
#   test/grafana/build-grafana.sh            # build (or skip if already built)
#   DAC_CACHE=/some/dir test/grafana/build-grafana.sh
#
# Output (printed at the end as shell assignments, also in $OUT/env):
#   GRAFANA_BIN=<cache>/bin/grafana      GRAFANA_HOME=<cache>/home
#
# Why this exact version: the Go module proxy reachable here refuses every
# recent Grafana (v12.x, v11.x, `latest`, the version list, recent
# pseudo-versions) with "403 Forbidden ... This module version is not
# available." The newest version it serves is the main-branch commit
# 81d85ce8 of 2023-06-09 (package.json says 10.0.0-preview). See FINDINGS.md.
#
# Needs: Go >= 1.21 (tested with 1.26.8), gcc (cgo, for SQLite), cp, sed.
# Network: only the Go module proxy (and its checksum database).
# Idempotent: exits 0 at once when the binary for the pinned version exists.
set -euo pipefail

GRAFANA_MODULE=github.com/grafana/grafana
GRAFANA_MODULE_VERSION=v1.9.2-0.20230609164553-81d85ce8028d
GRAFANA_MODULE_SUM="h1:nEQOIzFVY/zsD915THCfkl+HIvGW+AounbAQ61ejFcs="
GRAFANA_VERSION_LABEL=10.0.0-preview   # what /api/health reports
GRAFANA_COMMIT=81d85ce8
# Grafana's own go.mod pins wire v0.5.0, whose old golang.org/x/tools panics
# under current Go ("invalid memory address" in go/types.(*StdSizes).Sizeof);
# v0.7.0 generates the same injector.
WIRE_VERSION=v0.7.0

OUT="${DAC_CACHE:-$HOME/.cache/dac}/grafana-${GRAFANA_VERSION_LABEL}-${GRAFANA_COMMIT}"
BIN="$OUT/bin/grafana"
HOME_DIR="$OUT/home"
STAMP="$OUT/.built"
STAMP_TEXT="$GRAFANA_MODULE@$GRAFANA_MODULE_VERSION wire@$WIRE_VERSION"

log() { printf '[build-grafana] %s\n' "$*" >&2; }
die() { printf '[build-grafana] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s; }

print_env() {
  printf 'GRAFANA_BIN=%s\nGRAFANA_HOME=%s\nGRAFANA_VERSION=%s\n' "$BIN" "$HOME_DIR" "$GRAFANA_VERSION_LABEL"
}

if [[ -x "$BIN" && -f "$HOME_DIR/conf/defaults.ini" && -f "$STAMP" && "$(cat "$STAMP")" == "$STAMP_TEXT" ]]; then
  log "already built: $BIN ($STAMP_TEXT); nothing to do"
  print_env
  exit 0
fi

# --- tools -----------------------------------------------------------------
GO="${GO:-}"
if [[ -z "$GO" ]]; then
  if command -v go >/dev/null 2>&1; then GO=$(command -v go)
  elif [[ -x /usr/local/go/bin/go ]]; then GO=/usr/local/go/bin/go
  else die "no Go toolchain found (put go on PATH or set GO=/path/to/go)"; fi
fi
[[ -x "$GO" ]] || die "GO=$GO is not an executable Go toolchain"
go_minor=$("$GO" env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')
[[ "$go_minor" =~ ^[0-9]+$ && "$go_minor" -ge 21 ]] || die "need Go >= 1.21, have $("$GO" env GOVERSION)"
command -v gcc >/dev/null 2>&1 || die "gcc not found: Grafana's SQLite driver (mattn/go-sqlite3) needs cgo"

mkdir -p "$OUT"
export GOMODCACHE="$OUT/gomod"   # private caches: measurable, and removable at once
export GOCACHE="$OUT/gocache"
export GOFLAGS="-modcacherw -buildvcs=false"
export GOTOOLCHAIN=local         # never try to download another toolchain
export CGO_ENABLED=1
export GOWORK=off

T_START=$(now)
log "Go: $("$GO" env GOVERSION); cache: $OUT"

# --- 1. the Grafana module itself -------------------------------------------
t=$(now)
dl_json=$("$GO" mod download -json "$GRAFANA_MODULE@$GRAFANA_MODULE_VERSION" 2>&1) || true
if grep -q '"Error"' <<<"$dl_json" || ! grep -q '"Dir"' <<<"$dl_json"; then
  die "could not download $GRAFANA_MODULE@$GRAFANA_MODULE_VERSION from the Go module proxy:
$dl_json"
fi
src_dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$dl_json")
sum=$(sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p' <<<"$dl_json")
[[ "$sum" == "$GRAFANA_MODULE_SUM" ]] || die "module checksum mismatch: got '$sum', want '$GRAFANA_MODULE_SUM'"
T_MAIN=$(( $(now) - t ))
log "grafana module downloaded in ${T_MAIN}s: $src_dir"

# A writable copy: wire must write pkg/server/wire_gen.go, which Grafana
# generates at build time and does not ship in the module.
WORK="$OUT/src"
rm -rf "$WORK" "$HOME_DIR.tmp"
cp -R "$src_dir" "$WORK"
chmod -R u+w "$WORK"
cd "$WORK"

# --- 2. all dependencies ------------------------------------------------------
t=$(now)
"$GO" mod download >"$OUT/mod-download.log" 2>&1 || { tail -20 "$OUT/mod-download.log" >&2; die "go mod download failed (log: $OUT/mod-download.log)"; }
T_DEPS=$(( $(now) - t ))
log "dependencies downloaded in ${T_DEPS}s ($(du -sh "$GOMODCACHE" | cut -f1) in GOMODCACHE)"

# --- 3. dependency-injection code (google/wire) -------------------------------
t=$(now)
"$GO" run "github.com/google/wire/cmd/wire@$WIRE_VERSION" gen -tags oss ./pkg/server >"$OUT/wire.log" 2>&1 \
  || { tail -30 "$OUT/wire.log" >&2; die "wire gen failed (log: $OUT/wire.log)"; }
[[ -f pkg/server/wire_gen.go ]] || die "wire did not write pkg/server/wire_gen.go"
T_WIRE=$(( $(now) - t ))
log "wire gen done in ${T_WIRE}s"

# --- 4. the binary --------------------------------------------------------------
t=$(now)
mkdir -p "$OUT/bin"
"$GO" build -trimpath -tags oss \
  -ldflags "-s -w -X main.version=$GRAFANA_VERSION_LABEL -X main.commit=$GRAFANA_COMMIT -X main.buildBranch=main" \
  -o "$BIN.tmp" ./pkg/cmd/grafana >"$OUT/go-build.log" 2>&1 \
  || { tail -40 "$OUT/go-build.log" >&2; die "go build failed (log: $OUT/go-build.log)"; }
mv "$BIN.tmp" "$BIN"
T_BUILD=$(( $(now) - t ))
log "go build done in ${T_BUILD}s; binary $(du -h "$BIN" | cut -f1)"

# --- 5. a slim home path: conf/ (defaults.ini) and public/ (core plugin.json,
# views, emails, locales); no frontend build, so UI pages fail but the API works.
mkdir -p "$HOME_DIR.tmp"
cp -R "$WORK/conf" "$WORK/public" "$HOME_DIR.tmp/"
rm -rf "$HOME_DIR"
mv "$HOME_DIR.tmp" "$HOME_DIR"
DISK_PEAK=$(du -sh "$OUT" | cut -f1)

cd "$OUT"
if [[ "${DAC_GRAFANA_KEEP_BUILD_CACHE:-0}" != 1 ]]; then
  rm -rf "$WORK" "$GOMODCACHE" "$GOCACHE"
fi
printf '%s\n' "$STAMP_TEXT" >"$STAMP"
print_env >"$OUT/env"

T_TOTAL=$(( $(now) - T_START ))
log "done in ${T_TOTAL}s (module ${T_MAIN}s, deps ${T_DEPS}s, wire ${T_WIRE}s, build ${T_BUILD}s); cache peaked near ${DISK_PEAK}, now $(du -sh "$OUT" | cut -f1)"
print_env
