#!/usr/bin/env bash
# make bench-dashboard: the dashboard (every panel) and a fiscal-year report export on the
# million-case PostgreSQL database of `make bench-cases` (built when missing, then extended once
# with a million help requests and a third of a million referrals).
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
DEBUG=0 DB_CONN_MAX_AGE=60 MEDIA_ROOT=var/bench/media $PY bench/dashboard_bench.py --json var/bench/dashboard-postgresql.json
