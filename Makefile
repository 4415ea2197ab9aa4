# The whole set-up is `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run serve loadtest haproxy test install install-test chromium axe screenshots lint bench clean

run: install chromium
	$(PY) scripts/serve.py --server.port $(PORT) --server.address 0.0.0.0

# Several replicas (default: one per core) behind HAProxy on PORT; Ctrl-C stops them all.
REPLICAS ?= $(shell nproc 2>/dev/null || echo 2)
serve: install chromium haproxy
	$(PY) -m anis_viz.replicas --port $(PORT) --address 0.0.0.0 --replicas $(REPLICAS)

# The general assembly: 200 phones arriving within 10 s, against a running `make serve`.
LOADTEST_PAGE ?= /
loadtest: install
	$(PY) -m anis_viz.loadtest http://127.0.0.1:$(PORT)$(LOADTEST_PAGE) --users 200 --ramp 10 --reruns 1 --timeout 300

# Debian's HAProxy for `make serve` (installed through apt when missing and we are root).
haproxy:
	@if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's haproxy (for make serve)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; \
	else \
	  echo "!! haproxy is missing and cannot be installed here (not root): make serve and its tests need it (apt-get install haproxy)."; \
	fi

test: install-test chromium axe haproxy
	$(PY) -m ruff check anis_viz pages tests scripts app.py
	$(PY) -m pytest

bench: install-test chromium
	$(PY) -m anis_viz.bench

install: $(VENV)/.app-installed
install-test: $(VENV)/.test-installed

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: requirements/app.lock | $(PY)
	$(PY) -m pip install --quiet -r requirements/app.lock
	touch $@

$(VENV)/.test-installed: requirements/test.lock $(VENV)/.app-installed
	$(PY) -m pip install --quiet -r requirements/test.lock
	touch $@

# axe-core (pinned in tests/browser/package-lock.json) for the accessibility tests.
axe: tests/browser/node_modules/axe-core/axe.min.js

tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package-lock.json
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's npm (for axe-core)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; fi
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Chart export (kaleido) and the browser tests use Debian's Chromium; nothing is downloaded
# from elsewhere. Installed through apt when missing and we are root; otherwise we say so.
chromium:
	@if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium (needed for image export and browser tests)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "!! chromium is missing and cannot be installed here (not root): image export and browser tests will be unavailable."; \
	fi

# A PNG of every page in French and English at 1280x800, shown by the README.
screenshots: install-test chromium
	$(PY) scripts/screenshots.py

lint: install-test
	$(PY) -m ruff check anis_viz pages tests app.py
	$(PY) -m ruff format --check anis_viz pages tests app.py

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
