# Ryhmähaku – Gruppsök. `make` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PYTHON := .venv/bin/python
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help
help: ## Show this list of targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}'

.PHONY: uv
uv:
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || python3 -m pip install --user --quiet uv || python3 -m pip install --quiet --break-system-packages uv

.PHONY: install
install: uv ## Create .venv and install the locked dependencies, test and lint tools included (installs uv first if missing)
	@UV=$$(command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv); $$UV sync --frozen --python 3.11
	@$(MANAGE) compile_translations

# What the site itself needs, for `make demo`: no test, browser, load-test or lint tools. --inexact
# keeps those if `make install` put them there.
.PHONY: install-site
install-site: uv
	@UV=$$(command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv); $$UV sync --frozen --python 3.11 --no-dev --inexact --quiet
	@$(MANAGE) compile_translations

.PHONY: migrate
migrate: install-site ## Apply database migrations (and create the fixed pages)
	$(MANAGE) migrate --noinput

.PHONY: demo-data
demo-data: migrate ## Load the demo organisations, venues and groups
	$(MANAGE) load_demo

.PHONY: demo
demo: demo-data ## Install, migrate, load demo data and serve at http://127.0.0.1:8000
	@echo "Serving at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, user demo-admin / demo-admin-password)"
	$(MANAGE) runserver $(HOST):$(PORT)

# Test processes (pytest-xdist): one per CPU core by default; TEST_WORKERS=0 runs in one process.
# PYTEST_ARGS picks tests, e.g. PYTEST_ARGS='-m each_database' (what CI also runs on SQLite).
# The browser tests share one process (their xdist_group), as they share one demo site.
TEST_WORKERS ?= auto

.PHONY: test
test: install ## Run the test suite (SQLite by default; set DATABASE_URL for PostgreSQL; TEST_WORKERS=0 for one process)
	$(MANAGE) makemigrations --check --dry-run --settings=config.settings.test
	$(MANAGE) check --settings=config.settings.test
	$(PYTHON) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

.PHONY: test-e2e
test-e2e: install ## Run only the browser tests (tests/e2e; needs Debian's chromium package)
	$(PYTHON) -m pytest tests/e2e

.PHONY: screenshots
screenshots: install ## Screenshots of the main pages (phone and desktop, fi and sv) from the demo data into docs/screenshots/
	$(PYTHON) scripts/screenshots/take.py

.PHONY: lint
lint: install ## Check code style and formatting with ruff
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

.PHONY: format
format: install ## Format the code with ruff
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

.PHONY: messages
messages: install ## Update the Finnish and Swedish .po files from the code and templates
	$(MANAGE) makemessages -l fi -l sv --ignore=.venv --ignore=tests --no-obsolete

.PHONY: import-example
import-example: migrate ## Import the small example file of the import format
	$(MANAGE) import_groups groups/schema/example.json

BACKUP_DIR ?= backups/$(shell date +%Y%m%d-%H%M%S)

.PHONY: backup
backup: ## Back up the database and media into backups/<time>/ (or BACKUP_DIR=...)
	$(MANAGE) backup_site $(BACKUP_DIR)

.PHONY: restore
restore: ## Restore a backup: make restore BACKUP=backups/<time> (asks before replacing the database)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<time>"; exit 2; }
	$(MANAGE) restore_site $(BACKUP)

.PHONY: loadtest
loadtest: install ## Load-test the finder and group pages on loopback (LOADTEST_DURATION=60s LOADTEST_USERS=20)
	scripts/loadtest/run.sh

.PHONY: drill-redis
drill-redis: install ## Drill: stop the local Redis while serving; the site must keep serving
	scripts/drills/redis.sh

.PHONY: drill-postgres
drill-postgres: install ## Drill: restart the local PostgreSQL while serving; the site must recover by itself
	scripts/drills/postgres.sh

.PHONY: clean
clean: ## Remove the local database, media and caches
	rm -rf db.sqlite3 media .test-media staticfiles .pytest_cache .ruff_cache test-results tmp/cache tmp/loadtest tmp/drill-redis tmp/drill-postgres tmp/screenshots

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/ryhmahaku_bench
BENCH_GROUPS ?= 10000

.PHONY: bench
bench: install ## Time the finder beside Wagtail's stock search on PostgreSQL with BENCH_GROUPS groups (default 10000)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PYTHON) scripts/bench/run.py --groups $(BENCH_GROUPS)
