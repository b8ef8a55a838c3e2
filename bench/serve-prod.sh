#!/usr/bin/env bash
# The production layout on this machine: gunicorn with several workers and db_worker processes,
# on the local PostgreSQL, static files from whitenoise. Loopback only, plain HTTP (HTTPS_ONLY=0):
# in a real deployment a TLS-terminating proxy sits in front (docs/deployment.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

export DJANGO_ENV=production HTTPS_ONLY=0
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/onestop_prod}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export DB_CONN_MAX_AGE="${DB_CONN_MAX_AGE:-60}"
PORT="${PORT:-8000}"
# gunicorn's own guidance for sync workers: (2 x cores) + 1, so that a worker waiting on
# PostgreSQL (a commit's WAL flush) leaves the cores to the others.
WEB_WORKERS="${WEB_WORKERS:-$((2 * $(nproc) + 1))}"
TASK_WORKERS="${TASK_WORKERS:-1}"

mkdir -p var
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s var/prod-secret ] || $PY -c 'import secrets; print(secrets.token_urlsafe(50))' > var/prod-secret
  export SECRET_KEY_FILE="$PWD/var/prod-secret"
fi

if [[ "$DATABASE_URL" == postgres* ]]; then
  db="${DATABASE_URL##*/}"
  admin="${DATABASE_URL%/*}/postgres"
  psql "$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql "$admin" -c "CREATE DATABASE \"$db\""
fi

$PY manage.py migrate --no-input -v 0
$PY manage.py createcachetable
$PY manage.py collectstatic --no-input -v 0
$PY manage.py seed_demo --quiet-logins

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq "$TASK_WORKERS"); do
  $PY manage.py worker --no-reload &
  pids+=($!)
done
echo "OneStop (production layout) on http://127.0.0.1:$PORT/ with $WEB_WORKERS web workers"
.venv/bin/gunicorn onestop.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WEB_WORKERS" \
  --access-logfile - --timeout 30 --preload &
pids+=($!)
wait
