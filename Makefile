# Two commands for a new user: `make run` and `make test` (see README.md).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install sysdeps run test test-fast bench bench-seed bench-search bench-load lint migrate messages seed clean

$(STAMP): pyproject.toml scripts/sysdeps.sh
	bash scripts/sysdeps.sh
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) messages

sysdeps:
	bash scripts/sysdeps.sh

messages: $(STAMP)
	$(PY) manage.py compilemessages -v 0 --ignore=.venv

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

# Embedded default: SQLite, a filesystem Celery broker and a real worker with beat, console e-mail.
run: export DEBUG ?= 1
run: export CELERY_BROKER_URL ?= $(if $(REDIS_URL),,filesystem://)
run: seed
	@mkdir -p var/log
	@echo "Worker log: var/log/celery.log — http://$(HOST):$(PORT)/"
	@set -m; $(VENV)/bin/celery -A mchch worker -B --pool solo -l info -s var/celerybeat-schedule \
		>var/log/celery.log 2>&1 & wpid=$$!; \
	trap 'kill $$wpid 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install
	$(VENV)/bin/pytest

test-fast: install
	$(VENV)/bin/pytest -x -q -m "not browser"

# Benchmarks on national-scale data (PostgreSQL recommended): `make bench-seed` once, then `make bench`.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/mchch_scale
bench-seed: install
	psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS mchch_scale" -c "CREATE DATABASE mchch_scale"
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DB) $(PY) manage.py seed_scale
	psql "$(BENCH_DB)" -q -c "VACUUM ANALYZE"

# Pages beside the admin (run.py), PDF builds / import / reminder fan-out (operations.py), public load with wrk.
bench: install
	-DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/run.py
	-DATABASE_URL=$(BENCH_DB) $(PY) benchmarks/operations.py
	DATABASE_URL=$(BENCH_DB) bash benchmarks/public_load.sh | tee benchmarks/results/public_load_latest.txt

# Issue 23: the directory searched with a new URL on every request beside the cached page (wrk), and the
# deadline-day load test (locust, 300 people); both merge their figures into benchmarks/results/scale.json.
bench-search: install
	bash scripts/need-wrk.sh
	DATABASE_URL=$(BENCH_DB) REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(PY) benchmarks/directory_search.py --uncached

bench-load: install
	DATABASE_URL=$(BENCH_DB) REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(PY) benchmarks/deadline_load.py \
		--users $${USERS:-300} --minutes $${MINUTES:-10}

# One format, one lint, the floors of docs/architecture.md (import-linter contracts in pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff format --check apps mchch tests benchmarks
	$(VENV)/bin/ruff check apps mchch tests benchmarks
	$(VENV)/bin/lint-imports --no-logo

clean:
	rm -rf var staticfiles artifacts
