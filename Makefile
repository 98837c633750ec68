# R2P Watch — one command to run the dashboard, one to run every test. Both install what they need.
SHELL := /bin/bash
# Empty: scripts/find_python.sh picks python3.11, or gets 3.11 through uv (see README, "Set-up"). Set it to choose.
PYTHON ?=
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast install browser init lint clean

run: install browser ## Install everything (Chromium for exports too), build the warehouse (demo data on first run), start the dashboard warm (serve.py) and open it
	$(BIN)/r2p init
	$(BIN)/streamlit run serve.py

test: install browser ## Install everything (Debian's Chromium included) and run the whole test suite
	$(BIN)/python -m pytest

test-fast: install browser ## The inner loop: every test but the browser and slow ones (a few minutes at most)
	$(BIN)/python -m pytest -m "not browser and not slow"

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@interpreter=$$(PYTHON="$(PYTHON)" scripts/find_python.sh) && echo "Python 3.11: $$interpreter" && \
		"$$interpreter" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

browser: ## Debian's Chromium and fonts for chart, pack and browser tests' exports (needs root or sudo)
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/liberation ]; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-liberation; \
	fi

lint: install
	$(BIN)/ruff check src tests pages app.py scripts

clean:
	rm -rf $(VENV) .pytest_cache
