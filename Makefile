# casereview: the two commands of the README, and the steps they are made of.
# Needs Python 3.11 and Node 20. Chromium (browser tests), Pango (PDF files) and the PostgreSQL
# client tools (backups) come from Debian's packages, which both commands install when missing
# (as root, or with sudo).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed
ASSETS := src/casereview/static/dist/app.css
DEMO_PASSWORD ?=

.PHONY: run test install assets system lint layers types clean lock audit

## make run: install everything, load the demo partnerships on SQLite, serve on 127.0.0.1:8000
run: install assets system
	DEBUG=1 $(BIN)/casereview migrate --no-input -v 0
	DEBUG=1 $(BIN)/casereview demo $(if $(DEMO_PASSWORD),--password "$(DEMO_PASSWORD)")
	# The worker reads uploaded documents and checks them for identifying details; it stops
	# with the server.
	DEBUG=1 $(BIN)/casereview db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(BIN)/casereview runserver 127.0.0.1:8000

## make test: install everything and run the whole test suite (browser tests included)
test: install assets system
	$(BIN)/pytest

install: $(STAMP_PY) $(STAMP_JS)

# Exactly what requirements.lock names, each file checked against its hash: what CI tests
# is what is deployed. `make lock` writes the lock again after pyproject.toml changes.
$(STAMP_PY): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

lock: $(STAMP_PY)
	$(BIN)/pip install --quiet uv
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip compile pyproject.toml --extra dev \
	  --generate-hashes --python-version 3.11 --no-header -o requirements.lock

## make audit: known vulnerabilities in the locked packages (needs the advisory service)
audit: $(STAMP_PY)
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --requirement requirements.lock --require-hashes --disable-pip

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(ASSETS)

$(ASSETS): $(STAMP_JS) scripts/build-assets.mjs $(wildcard src/casereview/assets/*.scss)
	node scripts/build-assets.mjs

system:
	@scripts/install-system-packages

## make lint: ruff, the apps' layers (lint-imports) and types (mypy)
lint: install layers types
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make layers: each app imports only from the layers below it ([tool.importlinter])
layers: $(STAMP_PY)
	$(BIN)/lint-imports

## make types: mypy with django-stubs over the package ([tool.mypy]); the stubs' plugin loads
## Django's settings, which DEBUG=1 lets load without a production SECRET_KEY
types: $(STAMP_PY)
	DEBUG=1 $(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules src/casereview/static/dist
