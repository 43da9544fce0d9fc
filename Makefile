# The two commands a new user needs: `make run` and `make test`. Both create .venv themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install lint browser bench-tools clean reliability

## run: install, upgrade the database, seed an empty one, make the first admin, serve
run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) seed --if-empty
	$(FLASK) search reindex --if-empty
	$(FLASK) users ensure-admin --url http://127.0.0.1:$(PORT)
	PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

## test: lint, the layers contract, and the whole test suite (browser tests in Chromium)
test: $(VENV)/.installed-test browser bench-tools lint
	$(BIN)/pytest

## reliability: the load and fault suite at full size (a short version runs in `make test`):
## 8 editors and 32 readers for 60 s against gunicorn, kill -9 of a 2,000-file import, and more
reliability: $(VENV)/.installed-test
	RELIABILITY_SECONDS=60 RELIABILITY_EDITORS=8 RELIABILITY_READERS=32 RELIABILITY_FILES=2000 \
	  $(BIN)/pytest -p no:cacheprovider -s tests/reliability

install: $(VENV)/.installed

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## browser: Debian's Chromium for the browser tests (Playwright's own download is not used)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## bench-tools: Debian's wrk, the load generator of the gunicorn benchmarks (bench/README.md)
bench-tools:
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the benchmarks"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
