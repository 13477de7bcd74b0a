#!/usr/bin/env bash
# Prepares the Items API's Python virtualenv. Safe to re-run: when the venv
# already holds exactly the pinned requirements it returns at once.
#
# Environment:
#   ITEMS_API_VENV        venv location (default: <this folder>/.venv)
#   PYTHON                interpreter to build the venv from (default: python3)
#   ITEMS_API_WITH_LOCUST 1 to also install Locust (requirements-locust.txt)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${ITEMS_API_VENV:-$here/.venv}"
python="${PYTHON:-python3}"

reqs=("$here/requirements.txt")
if [[ "${ITEMS_API_WITH_LOCUST:-0}" == 1 ]]; then
  reqs+=("$here/requirements-locust.txt")
fi

# The stamp ties the venv to both the requirement files and the interpreter it
# was built from, so switching PYTHON or editing a pin triggers a rebuild.
want="$(cat "${reqs[@]}" | sha256sum | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
stamp="$venv/.dac-requirements-stamp"

if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c '' 2>/dev/null &&
  [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

# Debian's own python3 ships venv/ensurepip separately.
if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
  "$here/scripts/ensure-apt.sh" python3-venv
fi

# A venv cannot change interpreter in place (a moved pyenv, a new PYTHON):
# rebuild it rather than pip-install into a broken or foreign one.
want_py="${want#* }"
have_py="$("$venv/bin/python" -c 'import sys; print(sys.version.split()[0])' 2>/dev/null || true)"
if [[ "$have_py" != "$want_py" ]]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi

pip_args=(--disable-pip-version-check --no-input --quiet)
for r in "${reqs[@]}"; do pip_args+=(-r "$r"); done
"$venv/bin/python" -m pip install "${pip_args[@]}"
echo "$want" >"$stamp"
echo "setup.sh: venv ready at $venv" >&2
