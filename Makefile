# Docket: the two quick-start commands are `make demo` and `make test`.
# Both create .venv when it is missing and install what they need; only Python 3.11+
# and make are required.

SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# The first interpreter found that is 3.11 or newer.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)

export QT_QPA_PLATFORM ?= offscreen

HEADLESS_VENV ?= .venv-headless

# Exact versions of every dependency, transitive ones included, of the app, the `test`,
# `crosscheck`, `report`, `data` and `package` extras, for Linux x86_64 and Python 3.11
# (`make lock` regenerates it).
# pyproject.toml states the ranges Docket works with; the lock fixes the versions that were
# tested, so every environment below (make test, make package, CI) is built the same way.
# Each installs through it as constraints (pip -c): only what that environment needs, each
# at its locked version, and pip fails rather than pick another version.
LOCK := requirements.lock
UV_VERSION ?= 0.13.9
LOCK_ARGS ?=

.PHONY: fonts translations translations-update translations-pack demo test test-fast test-slow test-all test-headless lint lock bench fuzz kill-test reference-check clean help

help:
	@echo "make demo   - open Docket on the built-in demo"
	@echo "make test   - run the test suite, tests marked slow left out (offscreen)"
	@echo "make test-slow - the tests marked slow (about 5 s or more each); make test-all - everything"
	@echo "make lint   - ruff + mypy (dev extra)"
	@echo "make lock   - regenerate $(LOCK) (LOCK_ARGS=--upgrade to move to newer versions)"
	@echo "make fuzz   - the parser fuzz properties, long and random (about eight minutes)"
	@echo "make kill-test KILLS=2000 - the crash-safety harness, longer than in make test"
	@echo "make bench  - the performance benchmarks (writes bench-results.json; BENCH_SCALE=100k adds the 100k workloads)"
	@echo "make reference-check - the HealthBench score formula on the 60 graded rows in ../shared/data"
	@echo "make package / package-test - the PyInstaller app in dist/docket, and its smoke test"

$(VENV)/.created:
	@test -n "$(PYTHON)" || { echo "Docket needs Python 3.11 or newer on PATH." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@touch $@

# Re-install whenever pyproject.toml or the lock changes.
$(VENV)/.installed-app: $(VENV)/.created pyproject.toml $(LOCK)
	$(PY) -m pip install --quiet -c $(LOCK) -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.created pyproject.toml $(LOCK)
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[test,crosscheck,report,data,postgres]'
	@touch $@ $(VENV)/.installed-app

# The dev tools (ruff, mypy) are not locked; what they share with the app is.
$(VENV)/.installed-dev: $(VENV)/.created pyproject.toml $(LOCK)
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[test,crosscheck,report,data,postgres,dev]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-app

# uv resolves for the target platform whatever the host; an existing lock's versions are
# kept where they still fit (LOCK_ARGS=--upgrade takes the newest allowed instead).
lock: $(VENV)/.created
	$(PY) -m pip install --quiet 'uv==$(UV_VERSION)'
	$(BIN)/uv pip compile pyproject.toml --extra test --extra crosscheck --extra report --extra data --extra postgres --extra package \
		--python-version 3.11 --python-platform x86_64-manylinux_2_36 \
		--custom-compile-command 'make lock' --quiet $(LOCK_ARGS) -o $(LOCK)

# The interface's translations: resources/translations/docket_<lang>.ts.gz are the sources
# (tracked, compressed: the repository stays under 10 MB); the compiled .qm beside them are
# built here (not tracked). `make translations-update` re-extracts the strings of
# desktop/docket/ui with pyside6-lupdate into every language, leaving the unpacked .ts in
# build/translations for Qt Linguist (.venv/bin/pyside6-linguist); `make
# translations-pack` compresses edited ones back.
TS_GZ := $(wildcard resources/translations/docket_*.ts.gz)
QM := $(TS_GZ:.ts.gz=.qm)
TS_WORK := build/translations
UI_SOURCES := $(wildcard desktop/docket/ui/*.py)

# The carried fonts kept compressed (resources/fonts/*.otf.xz: the repository has a size
# cap) are unpacked beside themselves (not tracked), so that the window registers them by
# their path as the package does (docket.ui.fonts).
FONT_XZ := $(wildcard resources/fonts/*.otf.xz)
FONT_PLAIN := $(FONT_XZ:.otf.xz=.otf)

fonts: $(FONT_PLAIN)

resources/fonts/%.otf: resources/fonts/%.otf.xz
	$(PYTHON) -c "import lzma, os, sys; d = lzma.decompress(open(sys.argv[1], 'rb').read()); open(sys.argv[2] + '.part', 'wb').write(d); os.replace(sys.argv[2] + '.part', sys.argv[2])" $< $@

translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts.gz $(VENV)/.installed-app
	@mkdir -p $(TS_WORK)/release
	gzip -dc $< > $(TS_WORK)/release/$*.ts
	$(BIN)/pyside6-lrelease -silent $(TS_WORK)/release/$*.ts -qm $@

# An unpacked .ts newer than its .ts.gz (being translated) is kept, never overwritten.
translations-update: $(VENV)/.installed-app
	@mkdir -p $(TS_WORK)
	@for gz in $(TS_GZ); do ts=$(TS_WORK)/$$(basename $$gz .gz); \
		if [ ! -e $$ts ] || [ $$gz -nt $$ts ]; then gzip -dc $$gz > $$ts; fi; done
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $(UI_SOURCES) -ts $(TS_WORK)/docket_*.ts
	@$(MAKE) --no-print-directory translations-pack

translations-pack:
	@for ts in $(TS_WORK)/docket_*.ts; do [ -e $$ts ] || continue; \
		gz=resources/translations/$$(basename $$ts).gz; \
		if [ ! -e $$gz ] || [ $$ts -nt $$gz ]; then gzip -9 -n -c $$ts > $$gz; fi; done

demo: $(VENV)/.installed-app translations fonts
	$(BIN)/docket demo

# The suite without the tests marked slow (each about 5 s or more on two busy cores):
# under ten minutes on two cores. `make test-slow` runs those; CI runs both.
test: $(VENV)/.installed-test translations fonts
	$(BIN)/lint-imports --no-cache
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

# Kept for the habit of earlier versions: the same as `make test`.
test-fast: test

test-slow: $(VENV)/.installed-test translations fonts
	$(PY) -m pytest -m slow $(PYTEST_ARGS)

# Everything, slow tests included, in one run.
test-all: $(VENV)/.installed-test translations fonts
	$(BIN)/lint-imports --no-cache
	$(PY) -m pytest $(PYTEST_ARGS)

# The headless suite in an environment without PySide6 (and so without pytest-qt):
# proves that everything outside docket.ui works without Qt, the report's plots included.
# The rest at locked versions.
$(HEADLESS_VENV)/.installed: pyproject.toml $(LOCK)
	@test -n "$(PYTHON)" || { echo "Docket needs Python 3.11 or newer on PATH." >&2; exit 1; }
	$(PYTHON) -m venv $(HEADLESS_VENV)
	$(HEADLESS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(HEADLESS_VENV)/bin/python -m pip install --quiet --no-deps -e .
	$(HEADLESS_VENV)/bin/python -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
		print("\n".join(d for d in p["dependencies"] + p["optional-dependencies"]["test"] \
		+ p["optional-dependencies"]["report"] \
		if not d.lower().startswith(("pyside6", "pytest-qt"))))' > $(HEADLESS_VENV)/requirements.txt
	$(HEADLESS_VENV)/bin/python -m pip install --quiet -c $(LOCK) -r $(HEADLESS_VENV)/requirements.txt
	@touch $@

test-headless: $(HEADLESS_VENV)/.installed
	@! $(HEADLESS_VENV)/bin/python -c 'import PySide6' 2>/dev/null || { echo "PySide6 is installed in $(HEADLESS_VENV)" >&2; exit 1; }
	$(HEADLESS_VENV)/bin/python -m pytest -m "not gui" $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check desktop tests resources
	$(BIN)/ruff format --check desktop tests resources
	$(BIN)/mypy

# Benchmarks are scripts, not tests: the machine is shared and noisy.
# BENCH_SCALE=100k adds the 100,000-task workloads (bench_scale_100k.py).
BENCH_SCALE ?=
bench: $(VENV)/.installed-test fonts
	@for b in tests/benchmarks/bench_*.py; do echo "== $$b"; BENCH_SCALE=$(BENCH_SCALE) $(PY) $$b || exit 1; done
	@$(PY) tests/benchmarks/history.py

# A longer crash-safety run than the 200 kills of `make test`.
KILLS ?= 2000
kill-test: $(VENV)/.installed-test
	$(PY) tests/adversarial/kill_harness.py $$(mktemp -d) --kills $(KILLS) --seed $${SEED:-20261121} $${LOG:+--log $$LOG}

# The parser fuzz properties under the "fuzz" Hypothesis profile (tests/conftest.py): random
# inputs, many times the examples `make test` runs. Failures are saved in .hypothesis/ and
# replayed first on the next run; pin each as an @example once the parser is fixed.
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/adversarial/test_fuzz_parsers.py \
		--hypothesis-show-statistics $(PYTEST_ARGS)

# The HealthBench score against real graded rows (CC BY-NC, so never in the repository):
# read from ../shared/data/healthbench, or DOCKET_HEALTHBENCH_GRADED; skipped, saying so,
# where the file is absent. A script, not a test: `make test` does not collect it.
reference-check: $(VENV)/.installed-app
	$(PY) tests/reference_check.py

clean:
	rm -rf $(VENV) $(HEADLESS_VENV) build *.egg-info desktop/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(FONT_PLAIN)

# --- packaging (packaging/README.md) ---------------------------------------------------
.PHONY: package package-test

$(VENV)/.installed-package: $(VENV)/.created pyproject.toml $(LOCK)
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[package]'
	@touch $@ $(VENV)/.installed-app

# The one-folder app for this platform: dist/docket/ (and dist/Docket.app on macOS).
package: $(VENV)/.installed-package translations fonts
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/docket.spec

# Runs the built app from a clean environment (no venv on PATH): packaging/smoke_test.sh.
package-test: package
	bash packaging/smoke_test.sh dist/docket
