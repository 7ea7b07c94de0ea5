# interfirm — every command a newcomer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
# uv from PATH, or installed into .tools/ on first use (nothing is installed system-wide).
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The links in e-mails and on the tokens page point where the dev server listens (SITE_URL wins if set).
DEV_ENV := DEBUG=1 SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}
PYTEST_ARGS ?=

.PHONY: help install run serve migrate reference demo test test-browser lint format bench bench-cordis worker messages messages-app check-deploy clean

help: ## List the commands
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	@echo "Installing uv into .tools/ ..."
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed ## Install the locked dependencies into .venv
	@mkdir -p var

migrate: install ## Apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	$(DEV_ENV) $(MANAGE) migrate --noinput

reference: migrate ## Load the reference data (countries, ISIC, taxonomies); idempotent
	$(DEV_ENV) $(MANAGE) load_reference

run: reference ## Install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
	$(DEV_ENV) $(MANAGE) load_demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/ with a background task worker (Ctrl-C stops both)"
	@# The worker runs what the pages enqueue (the e-mails, the matching index after a publish); it
	@# stops with the server, whichever way the server ends.
	@$(DEV_ENV) nice -n 10 $(MANAGE) db_worker --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(MANAGE) runserver $(HOST):$(PORT)

serve: reference ## Serve as in production: gunicorn, one process per core (set SECRET_KEY, ALLOWED_HOSTS; README)
	$(MANAGE) collectstatic --noinput
	BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.py

demo: reference ## Reset the demo network (deletes demo data, loads it again)
	$(DEV_ENV) $(MANAGE) load_demo --reset

worker: migrate ## Run the background task worker
	$(DEV_ENV) nice -n 10 $(MANAGE) db_worker

test: install ## Install and run the whole suite (browser tests too when a Chromium is found)
	INTERFIRM_TESTING=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

test-browser: install ## Run only the browser tests (they fail, not skip, without Chromium)
	INTERFIRM_TESTING=1 INTERFIRM_REQUIRE_BROWSER=1 $(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

lint: install ## ruff, mypy and the migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	INTERFIRM_TESTING=1 $(VENV)/bin/mypy .
	INTERFIRM_TESTING=1 $(MANAGE) makemigrations --check --dry-run

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: install ## Django's deployment checklist with production-like settings
	SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=interfirm.example $(MANAGE) check --deploy --fail-level WARNING

messages: install ## Extract translatable strings and compile the catalogues
	$(DEV_ENV) $(MANAGE) makemessages -l fr -l es -l ar --ignore=.venv --ignore=.tools --ignore=var --ignore=bench --ignore="*/tests/*" --no-obsolete
	$(DEV_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=.tools

messages-app: install ## Extract and compile one app's own catalogue: make messages-app APP=readiness
	@test -n "$(APP)" || (echo "usage: make messages-app APP=<app under interfirm/>" >&2; exit 2)
	mkdir -p interfirm/$(APP)/locale
	cd interfirm/$(APP) && env -u DJANGO_SETTINGS_MODULE ../../$(VENV)/bin/django-admin makemessages -l fr -l es -l ar --no-obsolete --ignore "tests/*"
	cd interfirm/$(APP) && env -u DJANGO_SETTINGS_MODULE ../../$(VENV)/bin/django-admin compilemessages

bench: install ## Run the benchmarks (they print figures)
	$(PY) -m bench

DATA ?= ../shared/data/benchmarks/cordis-h2020/dev
OUT ?= var/cordis-rankings.csv
bench-cordis: install ## Partner suggestions on real consortia, scored: make bench-cordis DATA=<folder> OUT=<rankings.csv>
	$(PY) -m bench.cordis $(DATA) --out $(OUT) $(CORDIS_ARGS)

clean: ## Remove the virtualenv and caches (keeps var/, your data)
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache
