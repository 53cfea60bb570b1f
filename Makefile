# Two commands for a fresh Debian/Ubuntu machine with Python 3.11+:
#   make lab    set up .venv and open the curriculum in JupyterLab (127.0.0.1, token)
#   make test   set up .venv and run every test (lint, unit, property, theory, notebooks, browser)
# More: make app (trainee labs and staffing planner as web apps), make release, make handouts, make bench.
# The browser tests need Debian's Chromium (sudo apt-get install chromium fonts-wqy-microhei);
# without it they are skipped with that hint, except in CI where they must run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test lint bench clean release handouts app fonts

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV) || { echo "Cannot create a virtual environment: on Debian/Ubuntu run 'sudo apt-get install python3-venv'"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Charts and pages in Chinese need a CJK font: install Debian's when running as root, else say how.
fonts:
	@fc-list 2>/dev/null | grep -qiE "WenQuanYi|Noto Sans CJK" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y -qq fonts-wqy-microhei >/dev/null; \
	  else echo "No CJK font found: Chinese charts need one (sudo apt-get install fonts-wqy-microhei)"; fi; }

lab: $(STAMP) fonts
	cd notebooks && ../$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root,)

test: $(STAMP) fonts
	$(BIN)/ruff check sim tests benchmarks tools
	$(BIN)/python -m pytest tests --nbval-lax notebooks -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m sim bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

app: $(STAMP)
	$(BIN)/python -m sim app $(if $(HOST),--host $(HOST),) $(if $(PORT),--port $(PORT),)

release: $(STAMP)
	$(BIN)/python -m sim release release

handouts: $(STAMP)
	$(BIN)/python -m sim handouts handouts
