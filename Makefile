# WMO Lab. Two commands for a new user:   make lab   and   make test
# Each target sets itself up from nothing (Python 3.11, make and access to PyPI).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
LAB_ARGS ?=
NB0    := notebooks/00_start_here.ipynb
PYTEST_ARGS ?=

.PHONY: lab test exercises datapackage notebooks lock bench bundle clean help

help:
	@echo "make lab          open the course in JupyterLab (sets up .venv first)"
	@echo "make test         ruff, then every test, the notebooks and the docstring examples (sets up .venv first)"
	@echo "make exercises    regenerate exercises/ from solutions/"
	@echo "make datapackage  rebuild datasets/datapackage.json after editing a dataset"
	@echo "make notebooks    re-execute notebooks/ and solutions/, then regenerate exercises/"
	@echo "make bench        measure the performance budgets into docs/performance.md"
	@echo "make bundle       build dist/wmolab-offline.zip for offline use"
	@echo "make lock         re-resolve requirements/*.txt after changing a pin in requirements/*.in"
	@echo "make clean        remove .venv and caches"

# The environment: re-installed only when a lock file changes (make compares timestamps).
$(VENV)/.lab-installed: requirements/lab.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2]==(3,11) else "WMO Lab needs Python 3.11; set PYTHON=/path/to/python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lab.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@# JupyterLab for the course: no news pop-up, no update check (students need neither, and no network is used)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	printf '%s\n' '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
	  > $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

$(VENV)/.test-installed: $(VENV)/.lab-installed requirements/test.txt
	$(PY) -m pip install --quiet -r requirements/test.txt -c requirements/lab.txt
	touch $@

# root (containers, CI) needs --allow-root; a normal user never sees it
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: $(VENV)/.lab-installed
	$(VENV)/bin/jupyter lab $(NB0) $(ALLOW_ROOT) $(LAB_ARGS)

# ruff first (seconds), then every test and the notebooks under nbval, then the docstring examples of wmolab/
# (a run of their own: --doctest-modules would also collect the conftest.py files of tests/ as modules)
test: $(VENV)/.test-installed
	$(PY) -m ruff check wmolab tests
	$(PY) -m pytest -n auto --dist loadscope \
	  --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout 300 \
	  $(PYTEST_ARGS) tests notebooks solutions
	$(PY) -m pytest -q -p no:cacheprovider --doctest-modules wmolab

# The authoring commands live in the package wmolab.authoring (which a student's `import wmolab` never loads).
exercises: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.exercises .

datapackage: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.datapackage datasets

notebooks: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.nbexec $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb solutions/[0-9][0-9]_*.ipynb))
	$(PY) -m wmolab.authoring.exercises .

bench: $(VENV)/.test-installed
	$(PY) -m wmolab.authoring.bench --runs $(or $(BENCH_RUNS),3)

bundle: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.bundle

# run as a script with the system Python 3.11: it needs no course package (see its docstring)
lock:
	$(PYTHON) wmolab/authoring/lock.py

clean:
	rm -rf $(VENV) .pytest_cache build dist test-artifacts *.egg-info wmolab.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
