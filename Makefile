# Everything a fresh machine needs: `make run` and `make test` bootstrap their own environment.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install run test lint bench eval browser wheel-check clean

# Within constraints.txt (the versions the figures were measured with) so that results compare
# across machines and sessions; the newest allowed versions where those do not fit this Python.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]' \
	  || { echo "constraints.txt does not fit $$($(PY) --version); installing the newest allowed versions"; \
	       $(PY) -m pip install --quiet -e '.[dev]'; }
	touch $(STAMP)

install: $(STAMP)

# The chat UI; builds the index from the bundled corpus first if it is missing.
run: install
	$(VENV)/bin/rag ui

# Debian's chromium for the browser tests (playwright's own download does not work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The tests, then the built wheel from an empty folder, then lint: what CI runs (.ci/run).
test: install browser
	$(PY) -m pytest -q
	./.ci/wheel-check
	$(MAKE) lint

lint: install
	$(VENV)/bin/ruff check rag ui tests benchmarks
	$(VENV)/bin/ruff format --check rag ui tests benchmarks
	$(VENV)/bin/mypy

bench: install
	$(PY) -m benchmarks.run

eval: install
	$(VENV)/bin/rag eval --questions eval/questions.jsonl --answers

# Build the wheel, install it into a fresh venv and ask from an empty folder, offline.
wheel-check: install
	./.ci/wheel-check

clean:
	rm -rf $(VENV) .index .pytest_cache .mypy_cache .ruff_cache *.egg-info build dist
