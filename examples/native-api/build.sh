#!/usr/bin/env bash
# Builds the example service into ~/.cache/dac/native-api-<hash>/native-api, only when missing.
# The hash covers go.mod, go.sum, the Go sources and this script (its build flags), so an edit builds
# a new binary and an unchanged checkout reuses the cached one. A lock makes a second caller wait for the first build and reuse it.
# Usage: build.sh [--print-path]   (prints the binary's path once it is built)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

hash="$(cat go.mod go.sum $(ls *.go | LC_ALL=C sort) build.sh | sha256sum | cut -c1-16)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/dac"
dir="$cache/native-api-$hash"
binary="$dir/native-api"

print_path() { if [[ "${1:-}" == --print-path ]]; then echo "$binary"; fi; }

if [[ -x "$binary" ]]; then
  print_path "${1:-}"
  exit 0
fi

command -v go >/dev/null || {
  echo "native-api build: the Go toolchain is needed (Go >= 1.26; apt-get install golang-go or go.dev/dl)" >&2
  exit 1
}

mkdir -p "$cache"
exec 9>"$cache/native-api.lock"
if ! flock -n 9; then
  echo "native-api build: another build is running; waiting for it" >&2
  flock 9
fi
if [[ ! -x "$binary" ]]; then
  start=$SECONDS
  work="$(mktemp -d "$cache/native-api-build-XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  # -mod=readonly: go.sum is committed and a build never rewrites it.
  GOWORK=off GOFLAGS=-mod=readonly nice -n 10 go build -trimpath -ldflags '-s -w' -o "$work/native-api" .
  rm -rf "$dir"
  mv "$work" "$dir"
  trap - EXIT
  echo "native-api build: built $binary in $((SECONDS - start)) s" >&2
fi
print_path "${1:-}"
