# The few commands a person types. Everything installs into .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install chromium run test worker lint messages bench-directory bench-scheduling bench-network bench-reach clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(STAMP)

# Debian's chromium for the end-to-end tests; Playwright's own browser download cannot work offline.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: install Debian's chromium package (the e2e tests will be skipped)"; fi; }

run: export DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py seed_demo --if-empty --clusters 12 --organisations 1500 --seed 1
	$(BIN)/python manage.py run_huey --workers 2 & HUEY=$$!; \
	trap "kill $$HUEY 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

worker: install
	$(BIN)/python manage.py run_huey

test: install chromium
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench-directory: install
	$(BIN)/python manage.py bench directory --organisations 25000 --json

bench-scheduling: install
	$(BIN)/python manage.py bench scheduling --participants 2000 --requests 12000 --slots 16 --tables 1000 --json

bench-network: install
	$(BIN)/python manage.py bench network --organisations 25000 --edges 250000 --json

bench-reach: install
	$(BIN)/python manage.py bench reach --json

clean:
	rm -rf $(VENV) var

# Re-extract and compile the interface translations (needs GNU gettext); the .mo files are committed.
messages: install
	$(BIN)/python manage.py makemessages -l de -l fr -l es -l it -l pl -l ca --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv
