# WMO Lab. Two commands for a new user:   make lab   and   make test
# Each target sets itself up from nothing (Python 3.11, make and access to PyPI).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
LAB_ARGS ?=
NB0    := notebooks/00_start_here.ipynb
PYTEST_ARGS ?=

.PHONY: lab test site exercises datapackage notebooks lock bench bundle links student-edition wheel binder-check grading-course translations nl clean help

help:
	@echo "make lab          open the course in JupyterLab (sets up .venv first)"
	@echo "make test         ruff, then every test, the notebooks and the docstring examples (sets up .venv first)"
	@echo "make site         build the course website into build/site/ (open build/site/index.html)"
	@echo "make exercises    mark solutions/ for nbgrader and regenerate exercises/ (keeps a sheet with your work; FORCE=1 overwrites)"
	@echo "make datapackage  rebuild datasets/datapackage.json after editing a dataset"
	@echo "make notebooks    re-execute notebooks/ and solutions/, then regenerate exercises/"
	@echo "make translations update translations/nl/*.po from the English notebooks (a changed cell becomes fuzzy: stale)"
	@echo "make nl           build the Dutch edition nl/ from the English notebooks and the catalogues (NL_LESSONS=00,01 for a subset)"
	@echo "make bench        measure the performance budgets into docs/performance.md"
	@echo "make bundle       build dist/wmolab-offline.zip for offline use"
	@echo "make lock         re-resolve requirements/*.txt after changing a pin in requirements/*.in"
	@echo "make links        rewrite every launch link (README, docs/instructors.md) from course.toml"
	@echo "make student-edition  build build/student/: the course without solutions, for your student repository"
	@echo "make wheel        build dist/wmolab-<version>-py3-none-any.whl (the package with its datasets, for a hub image)"
	@echo "make binder-check install requirements/lab.txt over Binder's base packages and check they fit"
	@echo "make grading-course DIR=~/wmolab-grading   an nbgrader course folder for grading a class (docs/instructors.md;"
	@echo "                   LANGUAGE=nl for the Dutch edition's sheets)"
	@echo "make clean        remove .venv and caches"

# The environment: re-installed only when a lock file changes (make compares timestamps).
# bootstrap.py checks for Python 3.11 and a working venv module (Debian/Ubuntu: python3.11-venv), and
# recreates a half-made .venv; .venv/.installing marks an install in progress, so an interrupted one is
# redone from scratch on the next run instead of leaving a broken environment behind.
$(VENV)/.lab-installed: requirements/lab.txt pyproject.toml postBuild jupyter-settings/wmolab.json jupyter-settings/ipython_kernel_config.json
	@test -n "$(PYTHON)" || { echo "✘ Python 3.11 not found. Install it (Debian/Ubuntu: sudo apt-get install python3.11 python3.11-venv), or: make lab PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) wmolab/authoring/bootstrap.py --python $(PYTHON) $(VENV)
	@touch $(VENV)/.installing
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lab.txt
	@# (setuptools' note on editable installs with a mapped package folder is for developers, not for students)
	PYTHONWARNINGS="ignore:Editable installation" $(PY) -m pip install --quiet --no-deps -e .
	@# the course's JupyterLab settings (no news pop-up, no update check), installed as Binder installs them
	@rm -f $(VENV)/share/jupyter/lab/settings/overrides.json  # written by earlier versions of this Makefile
	PATH="$(abspath $(VENV))/bin:$$PATH" bash postBuild
	@rm -f $(VENV)/.installing
	touch $@

$(VENV)/.test-installed: $(VENV)/.lab-installed requirements/test.txt
	@touch $(VENV)/.installing
	$(PY) -m pip install --quiet -r requirements/test.txt -c requirements/lab.txt
	@# nbgrader (for the grading tests) brings JupyterLab panels a student never has (requirements/lab.txt has no
	@# nbgrader): switch them off, so the browser tests and `make lab` show the students' JupyterLab
	$(VENV)/bin/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader >/dev/null 2>&1
	@rm -f $(VENV)/.installing
	touch $@

# The website's tools (Sphinx, MyST-NB, the book theme): requirements/site.txt, resolved under both other locks.
$(VENV)/.site-installed: $(VENV)/.lab-installed requirements/site.txt
	@touch $(VENV)/.installing
	$(PY) -m pip install --quiet -r requirements/site.txt -c requirements/lab.txt -c requirements/test.txt
	@rm -f $(VENV)/.installing
	touch $@

# Wheels of the locked packages and of Binder's base packages (requirements/binder-base.txt), downloaded once per
# lock: the tests that build fresh environments (the wheel, Binder parity) install from here with --no-index.
$(VENV)/wheelhouse/.complete: $(VENV)/.lab-installed requirements/lab.txt requirements/binder-base.txt pyproject.toml
	rm -rf $(VENV)/wheelhouse
	$(PY) -m pip download --quiet --only-binary=:all: -d $(VENV)/wheelhouse -r requirements/lab.txt
	$(PY) -m pip download --quiet --only-binary=:all: -d $(VENV)/wheelhouse -r requirements/binder-base.txt
	$(PY) -m pip download --quiet -d $(VENV)/wheelhouse \
	  $$($(PY) -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'])")
	touch $@

# configurable-http-proxy (npm) for the JupyterHub test and axe-core for the website's accessibility test, exactly as
# locked in requirements/package-lock.json. Without npm those tests skip with a message (and fail under CI=true;
# .ci/run installs nodejs and npm).
$(VENV)/.node-installed: $(VENV)/.lab-installed requirements/package.json requirements/package-lock.json
	@if command -v npm >/dev/null; then \
	  mkdir -p $(VENV)/node && cp requirements/package.json requirements/package-lock.json $(VENV)/node/ && \
	  npm ci --prefix $(VENV)/node --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "note: npm not found, so the JupyterHub and website accessibility tests will skip (sudo apt-get install nodejs npm)"; fi

# root (containers, CI) needs --allow-root; a normal user never sees it
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

# JupyterLab serves the repository root (so notebooks/, exercises/ and solutions/ can all be opened) and starts
# on lesson 00; with --no-browser the address it prints is lesson 00's. (`jupyter lab notebooks/00_….ipynb` would
# make notebooks/ the root and hide the exercise sheets.) The conda route in the README uses the same two options.
LAB_START := --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(NB0)

lab: $(VENV)/.lab-installed
	$(VENV)/bin/jupyter lab $(LAB_START) $(ALLOW_ROOT) $(LAB_ARGS)

# ruff first (seconds), then every test and the notebooks under nbval, then the docstring examples of wmolab/
# (a run of their own: --doctest-modules would also collect the conftest.py files of tests/ as modules)
test: $(VENV)/.test-installed $(VENV)/.site-installed $(VENV)/.node-installed $(VENV)/wheelhouse/.complete
	$(PY) -m ruff check wmolab tests
	$(PY) -m pytest -n auto --dist loadscope \
	  --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout 300 \
	  $(PYTEST_ARGS) tests notebooks solutions nl/notebooks nl/solutions
	$(PY) -m pytest -q -p no:cacheprovider --doctest-modules wmolab

# The course website: stages build/site-src/ and builds build/site/ with Sphinx (offline; warnings are errors).
site: $(VENV)/.site-installed
	$(PY) -m wmolab.authoring.site build/site

# The authoring commands live in the package wmolab.authoring (which a student's `import wmolab` never loads).
# A sheet that holds a student's own work is never overwritten (it says which and how to keep the work);
# FORCE=1 overwrites it.
exercises: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.exercises . $(if $(FORCE),--force)

datapackage: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.datapackage datasets

notebooks: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.nbexec $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb solutions/[0-9][0-9]_*.ipynb))
	$(PY) -m wmolab.authoring.exercises . $(if $(FORCE),--force)

# The Dutch edition (docs/authoring.md, "The Dutch edition"): catalogues in translations/nl/, the notebooks in nl/.
translations: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.translations update

nl: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.nl $(if $(NL_LESSONS),--lessons $(NL_LESSONS))

bench: $(VENV)/.test-installed $(VENV)/.site-installed
	$(PY) -m wmolab.authoring.bench --runs $(or $(BENCH_RUNS),3)

bundle: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.bundle

# run as a script with the system Python 3.11: it needs no course package (see its docstring)
lock:
	$(PYTHON) wmolab/authoring/lock.py
	cd requirements && npm install --package-lock-only --no-audit --no-fund --loglevel=error

links: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.links

student-edition: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.edition build/student

wheel: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.wheel dist

binder-check: $(VENV)/.lab-installed
	$(PY) -m wmolab.authoring.binder

# an nbgrader course folder (nbgrader comes with the test requirements); then work in DIR with .venv/bin on PATH
grading-course: $(VENV)/.test-installed
	@test -n "$(DIR)" || { echo "usage: make grading-course DIR=~/wmolab-grading"; exit 2; }
	$(PY) -m wmolab.authoring.grading.course $(DIR) $(if $(LANGUAGE),--language $(LANGUAGE))

clean:
	rm -rf $(VENV) .pytest_cache build dist test-artifacts *.egg-info wmolab.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
