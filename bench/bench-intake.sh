#!/usr/bin/env bash
# make bench-intake: the production layout (gunicorn workers, PostgreSQL) on loopback with the
# rate limits lifted for 127.0.0.1, then bench/intake_load.py against it. Stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-8900}"
export DATABASE_URL="${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/onestop_bench}"
export BENCH_ENDPOINTS=1 INTAKE_RATE_EXEMPT_IPS=127.0.0.1/32 API_ANON_RATE_LIMIT=1000000/m
export WEB_WORKERS="${WEB_WORKERS:-$((2 * $(nproc) + 1))}" PORT LOG_LEVEL=WARNING

PORT="$PORT" bash bench/serve-prod.sh > var/bench-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; pkill -f "gunicorn onestop.wsgi:application --bind 127.0.0.1:$PORT" 2>/dev/null; pkill -f "manage.py worker" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
.venv/bin/python manage.py shell -c "from django.db import connection; from onestop.core.bench_views import TABLE_SQL; connection.cursor().execute(TABLE_SQL)"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $WEB_WORKERS gunicorn workers; $(date -u +%Y-%m-%d)"
.venv/bin/python bench/intake_load.py --host "http://127.0.0.1:$PORT" --json var/bench-intake.json
