#!/usr/bin/env bash
# Installs promtool (Debian package prometheus, 2.42 on bookworm) and amtool (prometheus-alertmanager,
# 0.25) when they are missing; a machine that has both pays two `command -v` and nothing else.
set -euo pipefail
missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v amtool >/dev/null || missing+=(prometheus-alertmanager)
((${#missing[@]} == 0)) && exit 0
sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "promtool/amtool missing: run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "installing ${missing[*]} for the rule tests" >&2
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >&2
