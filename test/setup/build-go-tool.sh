#!/usr/bin/env bash
# Builds a small Go program (a folder with go.mod and go.sum committed) into
# ~/.cache/dac/<name>-<hash>/<name>, where <hash> covers the program's sources and module files: a
# change rebuilds it, an unchanged one is reused. Built only when missing; a lock in the cache
# folder makes a second caller wait for the first build and then reuse it.
# Usage: build-go-tool.sh <name>               (the suite's programs, test/setup/go/<name>/)
#        build-go-tool.sh --dir <folder> <name> (any other folder, e.g. examples/native-api)
# Prints the binary's path once it is built.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=go-build-helpers.sh
source "$here/go-build-helpers.sh"

usage='usage: build-go-tool.sh [--dir <folder>] <name>'
if [[ "${1:-}" == --dir ]]; then
  src="$(cd "${2:?$usage}" && pwd)"
  name="${3:?$usage}"
else
  name="${1:?$usage}"
  src="$(cd "$here/go/$name" && pwd)"
fi
hash="$(cd "$src" && cat go.mod go.sum $(ls ./*.go | LC_ALL=C sort) | sha256sum | cut -c1-12)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/dac"
dir="$cache/$name-$hash"

if [[ -x "$dir/$name" ]]; then
  echo "$dir/$name"
  exit 0
fi

require_go build-go-tool "$name"
lock_cache "$cache/$name.lock" build-go-tool "$name"
if [[ ! -x "$dir/$name" ]]; then
  echo "build-go-tool: building $name into $dir" >&2
  start=$SECONDS
  out="$(mktemp -d "$cache/$name-build-XXXXXX")"
  trap 'rm -rf "$out"' EXIT
  # -mod=readonly: the committed go.sum is the one used; a missing sum fails instead of being fetched.
  # -s -w leave out the symbol and debug tables, which nothing here reads.
  (cd "$src" && GOWORK=off GOFLAGS=-mod=readonly nice -n 10 go build -trimpath -ldflags '-s -w' -o "$out/$name" .)
  rm -rf "$dir"
  mv "$out" "$dir"
  trap - EXIT
  echo "build-go-tool: $name built in $((SECONDS - start)) s" >&2
fi
echo "$dir/$name"
