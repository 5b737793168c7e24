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

.PHONY: demo test test-headless lint typecheck bench clean help

help:
	@echo "make demo   - open Docket on the built-in demo"
	@echo "make test   - run the whole test suite (offscreen)"
	@echo "make lint   - ruff + mypy (dev extra)"

$(VENV)/.created:
	@test -n "$(PYTHON)" || { echo "Docket needs Python 3.11 or newer on PATH." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@touch $@

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed-app: $(VENV)/.created pyproject.toml
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.created pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed-app

$(VENV)/.installed-dev: $(VENV)/.created pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,dev]'
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed-app

demo: $(VENV)/.installed-app
	$(BIN)/docket demo

test: $(VENV)/.installed-test
	$(BIN)/lint-imports --no-cache
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check desktop tests resources
	$(BIN)/ruff format --check desktop tests resources
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	@echo "The benchmark script arrives with Step 7 (tests/benchmarks/)." >&2; exit 3

clean:
	rm -rf $(VENV) build *.egg-info desktop/*.egg-info .pytest_cache .mypy_cache .ruff_cache
