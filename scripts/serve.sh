#!/usr/bin/env bash
# `make serve`: run the site as in production on this machine.
# Production settings (DEBUG=False), PostgreSQL, collected and compressed static files served by
# whitenoise, gunicorn. Plain HTTP on loopback, so the HTTPS redirect is off; everything else is as
# a real deployment. Any variable below can be set beforehand to override its default.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY=${PY:-.venv/bin/python}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export DJANGO_SETTINGS_MODULE=site_home.settings.production
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/community_voice}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-0}
export SERVE_MEDIA=${SERVE_MEDIA:-1}
export BASE_URL=${BASE_URL:-http://$HOST:$PORT}
WEB_CONCURRENCY=${WEB_CONCURRENCY:-3}
# Several workers share one cache: pages in one Redis database, rate limits in another
# (site_home/cache_setup.py). Production refuses a per-process cache (site_home.E001).
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/1}
export LIMITS_REDIS_URL=${LIMITS_REDIS_URL:-redis://127.0.0.1:6379/2}

# A random secret kept in a git-ignored file, so sessions survive a restart.
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s .serve-secret-key ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' > .serve-secret-key
  SECRET_KEY=$(cat .serve-secret-key)
  export SECRET_KEY
fi

# Start the local PostgreSQL cluster if it is down (Debian's pg_ctlcluster; no systemd needed).
db_host=$("$PY" -c 'import os, urllib.parse as u; print(u.urlsplit(os.environ["DATABASE_URL"]).hostname or "")')
if [[ "$db_host" == "127.0.0.1" || "$db_host" == "localhost" ]] && command -v pg_lsclusters >/dev/null \
   && ! pg_lsclusters --no-header 2>/dev/null | grep -q online; then
  cluster=$(ls /etc/postgresql | head -n1)
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main start || true
fi

# Start the local Redis if it does not answer.
if command -v redis-cli >/dev/null && ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1 \
   && command -v redis-server >/dev/null; then
  redis-server --daemonize yes --save "" >/dev/null || true
fi

# Create the database when it is missing.
"$PY" - <<'PYEOF'
import os, sys, time
import dj_database_url, psycopg2
from psycopg2 import sql

cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
if "postgresql" not in cfg["ENGINE"]:
    sys.exit("make serve needs a PostgreSQL DATABASE_URL")
params = dict(user=cfg["USER"] or None, password=cfg["PASSWORD"] or None, host=cfg["HOST"] or None,
              port=cfg["PORT"] or None)
for attempt in range(30):
    try:
        conn = psycopg2.connect(dbname="postgres", **params)
        break
    except psycopg2.OperationalError as error:
        if attempt == 29:
            sys.exit(f"PostgreSQL is not reachable: {error}")
        time.sleep(1)
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
    if cur.fetchone() is None:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(cfg["NAME"])))
        print(f"Created database {cfg['NAME']}")
PYEOF

"$PY" manage.py migrate --noinput
DJANGO_SETTINGS_MODULE=site_home.settings.production_demo "$PY" manage.py load_demo
"$PY" manage.py collectstatic --noinput --verbosity 0
echo "Serving like production at http://$HOST:$PORT/ with $WEB_CONCURRENCY gunicorn workers (Ctrl+C stops it)."
# The background-task worker sends queued emails. It exits when it loses the database (a restart of
# PostgreSQL), so it is started again, as systemd's Restart=always does in production; it stops with
# the server.
supervised_worker() {
  while true; do
    "$PY" manage.py db_worker || true
    echo "The email worker stopped; starting it again in 5 seconds." >&2
    sleep 5
  done
}
supervised_worker &
worker=$!
# The scheduled jobs a deployment runs from cron or systemd timers (docs/operations.md), on a small
# loop here: publish_scheduled every minute, the daily ones at start and then every 24 hours.
scheduled_jobs() {
  local minute=0
  while true; do
    if (( minute % 1440 == 0 )); then
      "$PY" manage.py apply_retention | tail -n 1 || echo "apply_retention failed" >&2
      "$PY" manage.py clearsessions || echo "clearsessions failed" >&2
      "$PY" manage.py announce_opened_reviews || echo "announce_opened_reviews failed" >&2
      "$PY" manage.py remind_commitment_owners || echo "remind_commitment_owners failed" >&2
      "$PY" manage.py send_follow_digests || echo "send_follow_digests failed" >&2
    fi
    if (( minute % 5 == 0 )); then
      "$PY" manage.py release_booking_holds || echo "release_booking_holds failed" >&2
    fi
    "$PY" manage.py publish_scheduled || echo "publish_scheduled failed" >&2
    sleep 60
    minute=$((minute + 1))
  done
}
scheduled_jobs &
jobs=$!
trap 'pkill -P "$worker" 2>/dev/null; kill "$worker" "$jobs" 2>/dev/null || true' EXIT INT TERM
"$(dirname "$PY")/gunicorn" site_home.wsgi:application \
  --bind "$HOST:$PORT" --workers "$WEB_CONCURRENCY" --access-logfile - --forwarded-allow-ips 127.0.0.1
