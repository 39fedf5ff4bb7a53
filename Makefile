# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
# Production's Python (Debian 12's python3): `make lock` checks that requirements.lock installs on it.
PROD_PYTHON_VERSION ?= 3.11.2
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
# Test processes (pytest-xdist); each has its own test database. 1 runs the tests in one process.
TEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest $(if $(filter-out 1,$(TEST_WORKERS)),-n $(TEST_WORKERS))
# .venv holds the development lock (the production pins plus the test tools).
LOCKS  := requirements.lock requirements-dev.lock
STAMP  := $(VENV)/.installed-$(shell cat $(LOCKS) pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test test-fast install catalogues lint migrations-check pytest messages lock createuser backup restore clean upgrade-check bench bench-quick bench-queries lighthouse

$(STAMP): $(LOCKS) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

## Compile the translation catalogues (no system gettext needed).
catalogues: install
	$(PY) manage.py compile_catalogues

## Install, migrate, load the Berlin demo data and serve on 127.0.0.1:$(PORT).
run: catalogues
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_data
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole suite: style, migrations, catalogues, unit, view and browser tests.
test: install lint migrations-check
	$(PY) manage.py compile_catalogues --check
	$(PYTEST) $(PYTEST_ARGS)

## The same without the browser tests (no Chromium needed; about half the time).
test-fast: install lint migrations-check
	$(PY) manage.py compile_catalogues --check
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

## Style (Python and templates), the layers (import-linter, see pyproject.toml) and no import cycle.
lint: install
	$(VENV)/bin/ruff check . tools/lighthouse/run
	$(VENV)/bin/ruff format --check . tools/lighthouse/run
	$(VENV)/bin/djhtml --check $$(find citypartners -name '*.html')
	$(VENV)/bin/lint-imports --no-cache
	$(PY) tools/import_cycles.py citypartners

migrations-check: install
	DJANGO_SETTINGS_MODULE=citypartners.settings.test $(PY) manage.py makemigrations --check --dry-run

## Databases of earlier releases (tools/upgrade/) migrate to this code and serve every page
## type; on PostgreSQL too with UPGRADE_POSTGRES_URL=postgres://user:password@host:port
upgrade-check: catalogues
	tools/upgrade/check

## Speed beside a stock Wagtail page and nginx, in one run (tools/bench/): query counts, server
## time p50/p95, throughput under gunicorn, written to docs/benchmarks.md (about 15 minutes on
## 2 cores; needs wrk, nginx and PostgreSQL: BENCH_POSTGRES_URL=postgres://user:password@host:port).
## ARGS=--quick (or make bench-quick) is the short run for development, written to .bench/.
## It measures the venv as it is (no install first: nothing changes under a benchmark); it
## says what is missing.
bench:
	$(PY) tools/bench/run.py $(ARGS)

bench-quick:
	$(PY) tools/bench/run.py --quick $(ARGS)

## The query counts of every URL at Berlin size and at world size, both generated (a few
## minutes with the kept world): docs/benchmarks-queries.md and the README's line on them.
bench-queries:
	$(PY) tools/bench/run.py --query-check $(ARGS)

## Lighthouse (mobile, simulated throttling) on every public page type in both languages, the
## Berlin demo on a throwaway SQLite database served by gunicorn behind nginx as in production
## (tools/lighthouse/run): docs/lighthouse.md and .json. Fails when a page scores under 100 or
## weighs 200 KB or more before images. Needs node (20), npm, nginx and /usr/bin/chromium
## (CHROME_PATH); about 15 minutes on 2 cores. ARGS="--only HomePage --output .lighthouse".
## Not part of make test: too slow, and CI need not reach npm.
LIGHTHOUSE := tools/lighthouse/node_modules/lighthouse/package.json
$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund
	touch $@

lighthouse: $(LIGHTHOUSE)
	$(PY) tools/lighthouse/run $(ARGS)

## Update locale/de/LC_MESSAGES/django.po from the code and templates (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale de --ignore '.venv/*' --ignore 'static_collected/*' --no-obsolete

## Regenerate both locks from the ranges in pyproject.toml, each in a fresh throwaway venv:
## requirements.lock (production: dependencies and [prod]), then requirements-dev.lock (the
## same pins plus [dev]). KEEP=1 keeps every version already locked and resolves only what
## is new (a dependency added to pyproject.toml without upgrading the others). It fails if
## requirements.lock would not install on PROD_PYTHON_VERSION (Debian 12's Python 3.11.2).
lock:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp" citypartners.egg-info' EXIT; \
	keep="$(if $(KEEP),-c requirements-dev.lock)"; \
	$(PYTHON) -m venv "$$tmp/prod"; \
	"$$tmp/prod/bin/pip" install --quiet --disable-pip-version-check $$keep -e '.[prod]'; \
	{ echo "# Production: make lock from pyproject.toml (dependencies and [prod]). Do not edit."; \
	  "$$tmp/prod/bin/pip" freeze --exclude-editable; } > "$$tmp/requirements.lock"; \
	$(PYTHON) -m venv "$$tmp/dev"; \
	"$$tmp/dev/bin/pip" install --quiet --disable-pip-version-check \
	  -c "$$tmp/requirements.lock" $$keep -e '.[prod,dev]'; \
	{ echo "# Development: make lock; requirements.lock's pins plus [dev]. Do not edit."; \
	  "$$tmp/dev/bin/pip" freeze --exclude-editable; } > "$$tmp/requirements-dev.lock"; \
	"$$tmp/prod/bin/pip" install --quiet --disable-pip-version-check --dry-run --ignore-installed \
	  --python-version $(PROD_PYTHON_VERSION) --only-binary=:all: --target "$$tmp/target" \
	  -r "$$tmp/requirements.lock" \
	  || { echo "requirements.lock does not install on Python $(PROD_PYTHON_VERSION)" \
	       "(Debian 12's): cap the package in pyproject.toml"; exit 1; }; \
	mv "$$tmp/requirements.lock" "$$tmp/requirements-dev.lock" .; \
	echo "requirements.lock: $$(grep -vc '^#' requirements.lock) packages;" \
	  "requirements-dev.lock: $$(grep -vc '^#' requirements-dev.lock)"

## Create a back-office account: make createuser EMAIL=name@example.org GROUP=state-editor [OWNER=mitte]
## [FIRST=Kim LAST=Example] (asked for when not given)
createuser: install
	$(PY) manage.py createuser --email "$(EMAIL)" --group "$(GROUP)" $(if $(OWNER),--owner "$(OWNER)") \
	  $(if $(FIRST),--first-name "$(FIRST)") $(if $(LAST),--last-name "$(LAST)")

## Back up the database and uploaded media into backups/ (DATABASE_URL picks the database).
backup: install
	$(PY) manage.py backup --output backups

## Restore one: make restore FILE=backups/citypartners-backup-….tar.gz (replaces all data).
restore: install
	$(PY) manage.py restore "$(FILE)" --yes

clean:
	rm -rf $(VENV) static_collected

## The editors' handbook's screenshots (site/handbook.py): the browser test does each job's steps
## in German and English and writes them into the static folder the handbook serves; commit them.
.PHONY: handbook
handbook: catalogues
	HANDBOOK_SCREENSHOTS=citypartners/site/static/handbook $(PY) -m pytest -p no:randomly -m browser citypartners/site/tests/test_handbook_browser.py
