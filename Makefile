# The interface contract (see README): `make run` and `make test` on a machine with only
# python3 and make. Each step reruns only when its input changed, so a second `make run`
# starts in seconds.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST_ARGS ?=

.PHONY: run serve test test-browser setup lint lock messages clean

# Links in e-mails and the API name the address the portal is served at.
BASE_URL ?= http://127.0.0.1:$(PORT)

run: setup
	BASE_URL=$(BASE_URL) $(PY) manage.py runserver --nostatic 127.0.0.1:$(PORT)

# Production mode on this machine (README, "make serve"): settings from the environment;
# SECRET_KEY and ALLOWED_HOSTS are required, SECURE_SSL_REDIRECT=0 for plain HTTP.
serve: $(VENV)/.installed node_modules/.installed messages
	DJANGO_SETTINGS_MODULE=portal.settings.production BASE_URL=$(BASE_URL) PORT=$(PORT) \
		exec $(PY) manage.py serve

test: $(VENV)/.test-installed node_modules/.installed messages
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

# Headless Chromium (Debian's chromium package) with axe-core; .ci/run installs Chromium.
test-browser: $(VENV)/.test-installed node_modules/.installed messages
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed messages
	$(PY) manage.py migrate --noinput
	BASE_URL=$(BASE_URL) $(PY) manage.py bootstrap

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/base.lock | $(VENV)/bin/python
	$(PIP) install --quiet --require-hashes -r requirements/base.lock
	touch $@

$(VENV)/.test-installed: requirements/test.lock | $(VENV)/bin/python
	$(PIP) install --quiet --require-hashes -r requirements/test.lock
	touch $@ $(VENV)/.installed

# npm when the machine has it; otherwise the same locked, hash-checked tarballs via Python.
node_modules/.installed: package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund; else $(PYTHON) scripts/npm_ci.py; fi
	touch $@

# Compiled message catalogues (.mo) are build output: made with polib, which
# wagtail-localize already needs, so no GNU gettext is required. locale/ holds the
# portal's own texts, locale_admin/ the bokmål for Wagtail's admin (django and djangojs).
messages: $(VENV)/.installed
	$(PY) -c "import pathlib, polib; [polib.pofile(str(p)).save_as_mofile(str(p.with_suffix('.mo'))) for d in ('locale', 'locale_admin') for p in pathlib.Path(d).glob('*/LC_MESSAGES/*.po')]"

# Refresh the lock files after changing pyproject.toml.
lock: $(VENV)/.test-installed
	$(PIP) install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --no-header -q -o requirements/base.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --no-header -q -o requirements/test.lock

clean:
	rm -rf $(VENV) node_modules static_collected
