#!/usr/bin/env bash
# Everything the test suite runs for real, installed only when missing: promtool and Prometheus 2.42,
# amtool and Alertmanager 0.25, PostgreSQL (Debian's packages), the Items API's Python venv (PyPI),
# and Prometheus 3 with promtool, Alertmanager 0.3x with amtool, built from their Go modules into
# ~/.cache/dac (build-prom3.sh; about 13 minutes on 2 cores the first time, nothing afterwards),
# and the suite's own small Go programs (build-go-tool.sh: operator-check, the Prometheus Operator's
# view of out/kubernetes), and the Go example service with native histograms (examples/native-api/build.sh).
# Grafana is not among them: the client specification runs against the local stand-in of its HTTP
# API (test/grafana/local-grafana.ts), and against a real Grafana when GRAFANA_URL and
# GRAFANA_TOKEN are set.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash examples/items-api/scripts/ensure-apt.sh prometheus prometheus-alertmanager postgresql
bash examples/items-api/setup.sh
bash test/setup/build-prom3.sh
bash test/setup/build-go-tool.sh operator-check >/dev/null
bash examples/native-api/build.sh
