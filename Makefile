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

# Every figure as a ratio against its reference in the same run (bench/README.md); the
# quick settings keep the whole target under five minutes on two cores. A script without
# --quick yet is run with a few runs instead.
quick = $$($(BIN)/python $(1) --help 2>/dev/null | grep -q -- --quick && echo --quick || echo $(2))
bench: $(STAMP)
	@echo "== load: $$(uptime)"
	@echo "== bench_cli.py: every command against the floor"
	$(BIN)/python bench/bench_cli.py $(call quick,bench/bench_cli.py,--runs 3)
	@echo "== bench_app.py: first screen and keys against the bare-widget baseline"
	$(BIN)/python bench/bench_app.py $(call quick,bench/bench_app.py,--runs 3 --presses 8)
	@echo "== bench_growth.py: growth with files and commits"
	$(BIN)/python bench/bench_growth.py --quick
	@echo "== load: $$(uptime)"

# The wheel and the sdist, installed and tried outside the clone (also run by .ci/run).
wheel: $(STAMP)
	$(BIN)/python .ci/check_install.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
