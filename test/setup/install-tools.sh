#!/usr/bin/env bash
# Everything the test suite runs for real, installed only when missing: promtool and Prometheus,
# amtool and Alertmanager, PostgreSQL (Debian's packages), the Items API's Python venv (PyPI), and a
# Grafana server built from Grafana's Go module (the Go module proxy; 6-8 minutes the first time,
# cached under ~/.cache/dac afterwards).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash examples/items-api/scripts/ensure-apt.sh prometheus prometheus-alertmanager postgresql
bash examples/items-api/setup.sh
bash test/grafana/build-grafana.sh
