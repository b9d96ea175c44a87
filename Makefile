# Two commands do everything on a fresh machine with Python 3.11:
#   make book   create .venv, install the pinned requirements, build the HTML book
#   make test   the whole test suite
PYTHON := $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Kernels started by nbclient/nbval must be the venv's python.
export PATH := $(abspath $(BIN)):$(PATH)
BOOK_FLAGS := -W -n --keep-going

.PHONY: book test execute student bench vendor lab clean venv

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

book: $(STAMP)
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
	@echo "The book is at: file://$(abspath _build/html/index.html)"

test: $(STAMP)
	$(BIN)/python -m pytest

execute: $(STAMP)  ## re-run every notebook in place to refresh its stored outputs
	$(BIN)/python -m northeast.notebooks execute book/*.ipynb

student: $(STAMP)  ## write student copies of every chapter into student/
	$(BIN)/python -m exercises student --out student book/ch*.ipynb

bench: $(STAMP)  ## build times and bytes per page
	$(BIN)/python -m northeast.bench

vendor: $(STAMP)  ## regenerate the offline Vega scripts after changing Altair, vl-convert or package-lock.json
	npm ci --no-audit --no-fund
	$(BIN)/python -m northeast.vendor

# JupyterLab gets a venv of its own: its dependencies (jsonschema's format checkers compile a
# grammar on import) would make every book build in .venv about 4 s slower.
LAB := .venv-lab
lab:  ## open the chapters in JupyterLab (installs it into .venv-lab the first time)
	test -x $(LAB)/bin/python || $(PYTHON) -m venv $(LAB)
	$(LAB)/bin/python -m pip install --quiet -r requirements-lab.txt
	$(LAB)/bin/jupyter lab book/

clean:
	rm -rf _build student
