#!/usr/bin/env bash
# make bench-persons: a million generated persons, imported and searched on SQLite and on
# PostgreSQL, then the duplicate passes; prints both side by side (bench/persons_report.py).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
N="${BENCH_PERSONS:-1000000}"
mkdir -p var/bench
CSV="var/bench/persons-$N.csv"
export PYTHAINLP_READ_ONLY=1
[ -f "$CSV" ] || $PY manage.py generate_demo_population --persons "$N" --duplicates 0.02 --seed 2568 --csv "$CSV"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(date -u +%Y-%m-%d)"

run() {  # $1 = label, DATABASE_URL set by the caller
  $PY manage.py migrate --no-input -v 0
  $PY manage.py createcachetable
  if [ -n "${BENCH_REUSE:-}" ] && [ -f "var/bench/persons-$1.import" ]; then
    # BENCH_REUSE=1: the registry is already imported; measure the rest again.
    $PY bench/persons_bench.py --center BENCH --persons-csv "$CSV" --json "var/bench/persons-$1.json" \
      --import-seconds "$(cat "var/bench/persons-$1.import")"
    return
  fi
  local start end
  start=$(date +%s.%N)
  $PY manage.py import_persons "$CSV" --center BENCH 2>/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc > "var/bench/persons-$1.import"
  $PY bench/persons_bench.py --center BENCH --persons-csv "$CSV" --json "var/bench/persons-$1.json" \
    --import-seconds "$(cat "var/bench/persons-$1.import")"
}

SQLITE_FILE="$PWD/var/bench/persons.sqlite3"
if [ -z "${BENCH_REUSE:-}" ]; then
  rm -f "$SQLITE_FILE" "$SQLITE_FILE"-wal "$SQLITE_FILE"-shm var/bench/persons-*.import
fi
DATABASE_URL="sqlite:///$SQLITE_FILE" run sqlite

PG_ADMIN="${BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
if [ -z "${BENCH_REUSE:-}" ] || [ ! -f var/bench/persons-postgresql.import ]; then
  psql "$PG_ADMIN" -q -c "DROP DATABASE IF EXISTS onestop_bench_persons" -c "CREATE DATABASE onestop_bench_persons"
fi
DATABASE_URL="${PG_ADMIN%/*}/onestop_bench_persons" run postgresql

$PY bench/persons_report.py var/bench/persons-sqlite.json var/bench/persons-postgresql.json
