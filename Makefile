# Quick start: `make example` runs onrecord on the bundled article; `make test` runs the tests.
# Each target sets up what it needs on a fresh machine: a virtual environment in .venv with the
# package and its extras, Java for the Spark engine's tests and Chromium for the web app's.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-stamp

.PHONY: example test lint java chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev,store,html,spark,web]'
	touch $(STAMP)

example: $(STAMP)
	$(VENV)/bin/onrecord extract examples/town_hall.txt --format table --processes 1

java:
	@command -v java >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q openjdk-17-jre-headless; }

# The web app's browser tests drive Debian's Chromium through Playwright (never a browser download).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium; }

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

test: $(STAMP) java chromium lint
	$(VENV)/bin/pytest -q
