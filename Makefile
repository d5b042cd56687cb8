# Youthventure. `make run` serves the demo portal; `make test` runs the suite.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Local development defaults; production sets these in the environment instead.
export DEBUG ?= true
# `make run PORT=8001` serves on another port, and the links in the messages the portal sends
# (e-mail, SMS, in-app) follow: SITE_URL defaults to where it serves, unless it is set.
PORT ?= 8000
run seed migrate: export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run install migrate seed totp messages test test-fast lint format worker beat clean bench-reminders bench-pages bench-matching bench-import bench-enrol bench-data bench-dashboard bench-export faults

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	@echo "Serving at http://127.0.0.1:$(PORT)/ (links in messages start with $$SITE_URL)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite: unit, permission matrices, bad-input corpus and browser tests, on two
# xdist workers (pyproject's addopts); the slowest 15 tests are listed at the end.
# With DATABASE_URL set it runs on PostgreSQL, otherwise on SQLite.
test: install
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest

# Everything but the browser tests, on both cores, stopping at the first failure.
test-fast: install
	$(VENV)/bin/pytest -n 2 -m "not e2e" -x

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The current two-factor code of the demo staff accounts.
totp: install
	@$(PY) manage.py demo_totp_code

messages: install
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv

worker: install
	$(VENV)/bin/celery -A youthventure worker -l info

beat: install
	$(VENV)/bin/celery -A youthventure beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles

# Benchmarks (need PostgreSQL and Redis on localhost); each ends with one key=value line.
bench-reminders: install
	$(PY) bench/reminders.py

# 500 enrolments at once through gunicorn into a 30-seat course (training/services.py).
bench-enrol: install
	$(PY) bench/enrol.py

# Every page against its budget at 300 and at 100,000 young people (needs Debian's wrk).
bench-pages: install
	$(PY) bench/pages.py

# A city on PostgreSQL: 1,000,000 young people, 5,000,000 enrolments ... (yv_bench_city, about
# 3 minutes, 3.7 GB); `$(PY) bench/data.py --size 1k` for the 1,000-row twin. See README.
bench-data: install
	$(PY) bench/data.py

# The staff dashboard at 1,000,000 and 1,000 young people against a minimal view (needs wrk).
bench-dashboard: install
	$(PY) bench/dashboard.py

# "Match everyone waiting" for 2,000 young people and 300 mentors (in memory; under 10 s).
bench-matching: install
	$(PY) bench/matching.py
# 20,000 past placements imported (5% bad rows), then the same file again; see bench/import_placements.py.
bench-import: install
	$(PY) bench/import_placements.py

# The young people's list of 100,000 to Excel and CSV in the background: time and peak memory.
bench-export: install
	$(PY) bench/export.py

# Fault injection: its own PostgreSQL, Redis, gunicorn and worker; see bench/faults.py.
faults: install
	$(PY) bench/faults.py
