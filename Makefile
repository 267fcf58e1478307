# Two commands do everything: `make run` (demo site on SQLite) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
# Supported Pythons (pyproject.toml's requires-python); CI runs the suite on the oldest and the newest.
PYTHON_MIN := 3.11
PYTHON_MAX := 3.13
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist); the suite is split across both cores of a CI machine.
PYTEST_WORKERS ?= 2

# The pinned tool that writes the lock files (`make lock`); it is never installed in the project's venv.
UV_VERSION := 0.13.9

.PHONY: run test test-fast test-browser lint check assets messages serve worker bench lighthouse audit clean chromium lock

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 11) <= v <= (3, 13) else 1)' || { \
	  echo "Python $(PYTHON_MIN) to $(PYTHON_MAX) is needed (found: $$($(PYTHON) --version 2>&1)). Install python3.11 and python3.11-venv."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: install python3.11-venv."; exit 1; }
	@touch $@

# Installs exactly the locked versions, each checked against its hash (requirements/*.txt, `make lock`).
$(VENV)/.installed: requirements/base.txt $(VENV)/.python-ok
	$(PIP) install --quiet --disable-pip-version-check --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed
	$(PIP) install --quiet --disable-pip-version-check --require-hashes -r requirements/test.txt
	@touch $@

# Re-resolve the lock files from pyproject.toml (after changing a dependency, or to take upgrades:
# `make lock UPGRADE=--upgrade`). One lock serves every supported Python (environment markers).
lock:
	@test -x .lock-tools/bin/uv || { $(PYTHON) -m venv .lock-tools && .lock-tools/bin/pip install --quiet uv==$(UV_VERSION); }
	.lock-tools/bin/uv pip compile pyproject.toml $(UPGRADE) --universal --generate-hashes \
	  --python-version $(PYTHON_MIN) --no-header --quiet -o requirements/base.txt
	.lock-tools/bin/uv pip compile pyproject.toml $(UPGRADE) --extra test --universal --generate-hashes \
	  --python-version $(PYTHON_MIN) --no-header --quiet -c requirements/base.txt -o requirements/test.txt

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py load_demo
	@echo "Serving the demo site at http://$(HOST):$(PORT)/ (admin at /admin/). Ctrl+C stops it."
	$(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@command -v chromium >/dev/null || test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH)."; exit 1; \
	  fi; }

# The browser tests run after the rest, in their own processes: they need committed data (a live
# server), so they empty the tables the migrations filled, which other tests rely on. Exit code 5
# is "no test selected" (PYTEST_ARGS naming only one kind).
test: $(VENV)/.installed-test chromium
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-fast: $(VENV)/.installed-test
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

test-browser: $(VENV)/.installed-test chromium
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -m browser $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=site_home.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=site_home.settings.test $(PY) manage.py makemigrations --check --dry-run

assets:
	bash scripts/build_assets.sh

# The interface's own strings: refresh locale/<language>/LC_MESSAGES/django.po from the code and
# templates (translations already made are kept), then compile the .mo files, which are committed.
NOT_OURS := -i ".venv/*" -i ".lock-tools/*" -i "node_modules/*" -i "staticfiles/*" -i "tests/*" -i "bench/*" -i "devdata/*"
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l cy -l gd --add-location file --no-obsolete $(NOT_OURS)
	$(PY) manage.py compilemessages $(NOT_OURS)

# Production settings on this machine: PostgreSQL, collectstatic, whitenoise, gunicorn (see README).
serve: $(VENV)/.installed
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) bash scripts/serve.sh

# The background-task worker (emails, notifications) for the database task backend.
worker: $(VENV)/.installed
	$(PY) manage.py db_worker

audit: $(VENV)/.installed-test
	$(VENV)/bin/pip-audit --skip-editable

clean:
	rm -rf $(VENV) .lock-tools staticfiles .test-media .test-private-media .lighthouse

bench: $(VENV)/.installed
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || { echo "make bench needs wrk: apt-get install wrk"; exit 1; }
	$(PY) bench/bench.py

# Lighthouse scores of the home, review and event pages, served as in production (see README).
lighthouse: $(VENV)/.installed chromium
	PY=$(PY) bash scripts/lighthouse.sh
