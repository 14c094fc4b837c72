# ActionTrack: `make run` serves the demo, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
PORT ?= 8000
export PORT

.PHONY: run test check fix setup system-run system-test fidelity bench clean

$(BIN)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-run:
	bash scripts/install-system-deps.sh run

system-test:
	bash scripts/install-system-deps.sh test

setup: system-run $(BIN)/.installed node_modules/.installed

run: setup
	$(BIN)/actiontrack migrate --noinput
	$(BIN)/actiontrack demo
	# The background worker (e-mail) runs beside the web server; Ctrl+C or the server's exit stops both.
	$(BIN)/actiontrack worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/actiontrack serve --port $(PORT)

check: setup
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

test: setup system-test check
	$(BIN)/pytest -p no:cacheprovider
	$(BIN)/python scripts/pytest_postgres.py -p no:cacheprovider -m "not browser"

fix: setup
	$(BIN)/ruff check --fix src tests scripts
	$(BIN)/ruff format src tests scripts

fidelity: setup
	$(BIN)/python scripts/fidelity.py

bench: setup
	$(BIN)/python scripts/bench_import.py
	$(BIN)/python scripts/bench_reports.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
