# R2P Watch — one command to run the dashboard, one to run every test. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast install browser init lint clean

run: install ## Install everything, build the warehouse (demo data on first run) and open the dashboard
	$(BIN)/r2p init
	$(BIN)/streamlit run app.py

test: install browser ## Install everything (Debian's Chromium included) and run the whole test suite
	$(BIN)/python -m pytest

test-fast: install browser ## The inner loop: every test but the browser and slow ones (a few minutes at most)
	$(BIN)/python -m pytest -m "not browser and not slow"

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

browser: ## Debian's Chromium for browser tests and static chart export (needs root or sudo)
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-liberation; \
	fi

lint: install
	$(BIN)/ruff check src tests pages app.py scripts

clean:
	rm -rf $(VENV) .pytest_cache
