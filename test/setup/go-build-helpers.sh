# Sourced by the scripts that build Go programs into ~/.cache/dac (build-go-tool.sh, build-prom3.sh).

# require_go <script> <what>: stops with a fix when the Go toolchain is missing.
require_go() {
  command -v go >/dev/null || {
    echo "$1: the Go toolchain is needed to build $2 (apt-get install golang-go, or Go >= 1.26)" >&2
    exit 1
  }
}

# lock_cache <lock file> <script> <what>: holds the lock on fd 9 until the calling script exits, so a
# second caller (another test file, another checkout) waits for the first build and then reuses it.
lock_cache() {
  mkdir -p "$(dirname "$1")"
  exec 9>"$1"
  if ! flock -n 9; then
    echo "$2: another build of $3 is running; waiting for it" >&2
    flock 9
  fi
}
