# crosswire: `make demo` sets everything up and analyzes the bundled corpus; `make test` runs the suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint browser lock screenshot clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/crosswire prepare
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/crosswire analyze examples/seeds --out out/demo
	@echo "open out/demo/report.html"

# Browser tests drive Debian's Chromium; never a browser downloaded by a test tool.
browser:
	@command -v chromium >/dev/null 2>&1 || scripts/install_chromium.sh

test: install browser
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy src

# The README's picture of the demo report, taken by headless Chromium.
screenshot: demo browser
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
		--screenshot=docs/report.png file://$(CURDIR)/out/demo/report.html

# Refresh the constraints file from the current environment (after changing pins).
lock: install
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^crosswire' > requirements.lock

clean:
	rm -rf $(VENV) out build *.egg-info
