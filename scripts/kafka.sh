#!/usr/bin/env bash
# Runs the project's own Apache Kafka: fetch | start [--nodes N] | tool NAME ARGS...
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund
exec node_modules/.bin/tsx scripts/kafka/cli.ts "$@"
