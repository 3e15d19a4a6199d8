# InterLab: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV := DJANGO_SETTINGS_MODULE=interlab.settings.dev DEBUG=$${DEBUG:-1}

.PHONY: run test install install-dev lint format messages system-check browser clean
.PHONY: grown grown-stop

# Two stamps, each redone when its lock changes: the runtime (requirements.lock, what production installs and all
# that `make run` needs), then the development and test tools on top of it (requirements-dev.lock).
$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.lock
	$(BIN)/python -m pip install --quiet -r requirements.lock -r requirements-dev.lock
	touch $@

install: $(BIN)/.installed

install-dev: $(BIN)/.installed-dev

# The linters come with the development tools.
lint format: install-dev

system-check:
	@$(BIN)/python scripts/system_check.py

run: install system-check
	mkdir -p var
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py createcachetable
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) PORT=$(PORT) $(BIN)/python manage.py serve --port $(PORT)

# The grown set-up on this machine: PostgreSQL + Redis + gunicorn + two qcluster workers (README, "Running in
# production"). DATABASE_URL and REDIS_URL are required; a local SECRET_KEY is made once in var/secret-key.
grown: install system-check
	@test -n "$$DATABASE_URL" && test -n "$$REDIS_URL" || { echo "make grown needs DATABASE_URL=postgres://… and REDIS_URL=redis://… (see README)"; exit 2; }
	mkdir -p var
	test -s var/secret-key || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))' > var/secret-key
	SECRET_KEY=$${SECRET_KEY:-$$(cat var/secret-key)} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} \
		$(BIN)/python scripts/grown.py run --port $(PORT)

grown-stop:
	$(BIN)/python scripts/grown.py stop

browser:
	@$(BIN)/python scripts/system_check.py --browser

# The suite on every core (pytest-xdist; TEST_WORKERS=4 to choose): each worker has a test database of its own,
# a module's tests stay on one worker and each worker keeps pytest-django's order (tests/parallel.py).
# PYTEST_ARGS come last: `make test PYTEST_ARGS="-n0 tests/crm"` runs one folder in this process.
TEST_WORKERS ?= auto
test: install-dev system-check browser
	mkdir -p var
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Style, and the floors (docs/architecture.md): lint-imports checks the contracts in .importlinter.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(DEV) $(BIN)/python manage.py makemessages -l fr -l en -l nl -l ar -l uk -l es --no-obsolete --ignore=.venv --ignore=var --ignore=node_modules --ignore=interlab/static/vendor --ignore=tests --ignore=bench
	@# English is the source language: its catalogue says each string as written (a changed string is never fuzzy).
	msgattrib --clear-fuzzy --empty -o interlab/locale/en/LC_MESSAGES/django.po interlab/locale/en/LC_MESSAGES/django.po
	msgen -o interlab/locale/en/LC_MESSAGES/django.po interlab/locale/en/LC_MESSAGES/django.po
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var/test-* .pytest_cache

# Backups (README, "Files and backups"): the database and every stored file into var/backups/ (or BACKUP_DIR).
# `make restore BACKUP=var/backups/interlab-…` puts one back into an empty database; FORCE=1 replaces a full one.
.PHONY: backup restore
backup: install
	mkdir -p var
	$(BIN)/python manage.py backup $(if $(filter 1,$(NO_FILES)),--no-files)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/interlab-YYYYmmdd-HHMMSS [FORCE=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(filter 1,$(FORCE)),--force)
