#!/usr/bin/env bash
# Everything the test suite runs for real, installed only when missing: promtool and Prometheus,
# amtool and Alertmanager, PostgreSQL (Debian's packages), and the Items API's Python venv (PyPI).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash examples/items-api/scripts/ensure-apt.sh prometheus prometheus-alertmanager postgresql
bash examples/items-api/setup.sh
