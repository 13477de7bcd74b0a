#!/usr/bin/env bash
# Builds the example service into ~/.cache/dac/native-api-<hash>/native-api, only when missing, with
# the suite's Go builder: the hash covers go.mod, go.sum and the Go sources, so an edit builds a new
# binary and an unchanged checkout reuses the cached one; a lock makes a second caller wait for the
# first build and reuse it.
# Usage: build.sh [--print-path]   (prints the binary's path once it is built)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="$(bash "$here/../../test/setup/build-go-tool.sh" --dir "$here" native-api)"
if [[ "${1:-}" == --print-path ]]; then echo "$binary"; fi
