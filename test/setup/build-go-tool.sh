#!/usr/bin/env bash
# Builds one of the suite's small Go programs (test/setup/go/<name>/, go.mod and go.sum committed)
# into ~/.cache/dac/<name>-<hash>/<name>, where <hash> covers the program's sources and module
# files: a change rebuilds it, an unchanged one is reused. Built only when missing; a lock in the
# cache folder makes a second caller wait for the first build and then reuse it.
# Usage: build-go-tool.sh <name>   (prints the binary's path once it is built)
set -euo pipefail

name="${1:?usage: build-go-tool.sh <name>}"
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/go/$name" && pwd)"
hash="$(cd "$src" && cat go.mod go.sum $(ls ./*.go | sort) | sha256sum | cut -c1-12)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/dac"
dir="$cache/$name-$hash"

if [[ -x "$dir/$name" ]]; then
  echo "$dir/$name"
  exit 0
fi

command -v go >/dev/null || {
  echo "build-go-tool: the Go toolchain is needed to build $name (apt-get install golang-go, or Go >= 1.26)" >&2
  exit 1
}

mkdir -p "$cache"
exec 9>"$cache/$name.lock"
if ! flock -n 9; then
  echo "build-go-tool: another build of $name is running; waiting for it" >&2
  flock 9
fi
if [[ ! -x "$dir/$name" ]]; then
  echo "build-go-tool: building $name into $dir" >&2
  start=$SECONDS
  out="$(mktemp -d "$cache/$name-build-XXXXXX")"
  trap 'rm -rf "$out"' EXIT
  # -mod=readonly: the committed go.sum is the one used; a missing sum fails instead of being fetched.
  (cd "$src" && GOWORK=off GOFLAGS=-mod=readonly nice -n 10 go build -trimpath -o "$out/$name" .)
  rm -rf "$dir"
  mv "$out" "$dir"
  echo "build-go-tool: $name built in $((SECONDS - start)) s" >&2
fi
echo "$dir/$name"
