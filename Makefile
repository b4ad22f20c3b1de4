# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make run    create .venv, install, open the app on a copy of the bundled example
#   make test   create .venv, install with test extras, lint, run the test suite
# Installs use the exact versions in constraints.txt (pyproject.toml has only ranges).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench wheel clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The tracked example stays untouched: the app opens a copy in ./assessments (git-ignored).
run: $(STAMP)
	@test -e assessments/example.toml || $(BIN)/ncsi example assessments
	$(BIN)/ncsi assessments/example.toml

lint: $(STAMP)
	$(BIN)/ruff check ncsi_tui tests bench

test: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/bench_app.py

# The wheel and the sdist, installed and tried outside the clone (also run by .ci/run).
wheel: $(STAMP)
	$(BIN)/python .ci/check_install.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
