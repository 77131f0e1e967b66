# Stakazo — the two commands that matter on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-python test-dashboard lint lint-dashboard dashboard migrate clients check-clients check-migrations bench up down clean

# Skip a dashboard step, saying so, on a machine without Node.js; CI (CI=true) has it, or fails.
define needs-node
if ! command -v npm >/dev/null 2>&1; then \
	if [ -n "$$CI" ]; then echo "$(1): Node.js 20+ with npm is required in CI"; exit 1; fi; \
	echo "$(1) skipped: Node.js 20+ with npm is not installed"; exit 0; fi;
endef

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Stakazo needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## The dashboard (dashboard/out, served by the API at /): `npm ci` where a package-lock.json
## changed, `npm run build` where its sources or the TypeScript client changed. Needs Node.js 20+.
dashboard:
	@dashboard/scripts/build.sh

## Everything on this machine: migrate, then API + worker + beat, and the dashboard at
## http://127.0.0.1:8000/ (built first when its sources changed; without Node.js the API still
## starts, and / says how to get the dashboard).
run: install
	@dashboard/scripts/build.sh --optional
	$(BIN)/stakazo run

## Every suite: pytest, then the dashboard's components (Vitest) and the browser (Chromium).
test: test-python test-dashboard

## The Python suite (SQLite; PostgreSQL/Redis when STAKAZO_TEST_DATABASE_URL/STAKAZO_TEST_REDIS_URL are set).
test-python: install
	$(BIN)/python -m pytest

## Vitest component tests, then the browser suite against a fresh build (it says when it is
## skipped and why, e.g. no Chromium). Without Node.js both are skipped, saying so (in CI: fail).
test-dashboard: install
	@$(call needs-node,dashboard tests) \
	set -e; dashboard/scripts/build.sh; \
	cd dashboard && npm test && npm run test:e2e

lint: install check-migrations check-clients lint-dashboard
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy backend core workers bench
	$(BIN)/lint-imports --no-logo

## ESLint and the type check, then the initial-JavaScript budget of every page of the build.
lint-dashboard:
	@$(call needs-node,dashboard lint) \
	set -e; dashboard/scripts/build.sh; \
	cd dashboard && npx --no-install eslint . --max-warnings 0 && npx --no-install tsc --noEmit \
		&& node scripts/check-budget.mjs

migrate: install
	$(BIN)/stakazo migrate

## Models and migrations must not drift: `alembic check` on a freshly migrated scratch database.
check-migrations: install
	@scratch=$$(mktemp -d) && \
	export STAKAZO_DATABASE_URL="sqlite+aiosqlite:///$$scratch/check.db" && \
	$(BIN)/alembic upgrade head >/dev/null 2>&1 && $(BIN)/alembic check; \
	status=$$?; rm -rf "$$scratch"; exit $$status

## Regenerate the committed OpenAPI schema (the generated clients are built from it).
clients: install
	$(BIN)/stakazo openapi > api-clients/openapi.json

check-clients: install
	@$(BIN)/stakazo openapi | diff -u api-clients/openapi.json - \
		|| (echo "api-clients/openapi.json is stale: run 'make clients' and commit" && exit 1)

## Speed against the usual tools, side by side (installs the baselines: PySceneDetect, moviepy).
bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.broker
	$(BIN)/python -m bench.media
	$(BIN)/python -m bench.publish

up:
	docker compose up --build

down:
	docker compose down

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache dashboard/out dashboard/.next
