#!/usr/bin/env bash
# Load test of the public site (issue 9 "Speed"): gunicorn with 2 workers on 127.0.0.1, wrk with bounded load.
# Not a test: run it by hand after seed_demo, ideally against PostgreSQL:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/mchch_public benchmarks/public_load.sh
# Target: the directory and a profile page each ≥ 300 requests/s with p99 < 100 ms.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8016}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PY=.venv/bin/python

bash scripts/need-wrk.sh

# Production-like settings: DEBUG off, manifest static files, no HTTPS redirect on the loopback.
export DEBUG=0 SECRET_KEY=${SECRET_KEY:-benchmark-only-secret-key-0123456789} ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SITE_URL=http://127.0.0.1:$PORT LOG_LEVEL=WARNING
$PY manage.py collectstatic --noinput -v0

PROFILE=$($PY manage.py shell -c "
from apps.public.selectors import public_units, unit_slug
from django.urls import reverse
u = public_units().order_by('pk').first()
print(reverse('public:profile', kwargs={'pk': u.pk, 'slug': unit_slug(u.name)}) if u else '')" 2>/dev/null | tail -1)

.venv/bin/gunicorn mchch.wsgi:application --workers 2 --bind 127.0.0.1:$PORT --access-logfile /dev/null \
  --error-logfile /tmp/public_load_gunicorn.log &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null; wait $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/robots.txt" && break; sleep 0.2; done

run() {
  local name=$1 path=$2
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$path"   # warm the cache
  echo "== $name $path"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" \
    | grep -E "Requests/sec|Latency  |99%|Non-2xx|Socket errors"
}

run home /
run directory /units/
run directory-filtered "/units/?year=2569&type=group&district=6501"
if [ -n "$PROFILE" ]; then run profile "$PROFILE"; else echo "no certified unit: profile skipped"; fi
