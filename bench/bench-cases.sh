#!/usr/bin/env bash
# make bench-cases: a million cases with two million notes and tasks on PostgreSQL; prints p50
# and p95 of "my day", the filtered case list and the case page, with their query counts.
# The database is kept and reused while its row counts match (BENCH_FRESH=1 rebuilds it).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var/bench
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(date -u +%Y-%m-%d)"
PG_ADMIN="${BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
DB="onestop_bench_cases${BENCH_CASES:+_$BENCH_CASES}"
if [ -n "${BENCH_FRESH:-}" ] || ! psql "$PG_ADMIN" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql "$PG_ADMIN" -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
fi
export DATABASE_URL="${PG_ADMIN%/*}/$DB"
$PY manage.py migrate --no-input -v 0
$PY manage.py createcachetable
# As served in production (bench/serve-prod.sh): DEBUG off, persistent connections.
DEBUG=0 DB_CONN_MAX_AGE=60 $PY bench/cases_bench.py --json var/bench/cases-postgresql.json
