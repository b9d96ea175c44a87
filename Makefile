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
# `make book EDITION=student`: the same site without data-task solutions and check results
# (_ext/course_edition.py), built into _build/student/ so it never mixes with the full edition.
EDITION ?= full
BOOK_OUT := $(if $(filter student,$(EDITION)),_build/student,.)

.PHONY: book test test-lab execute student bench vendor lab lab-venv clean venv pdf

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

book: $(STAMP)
	COURSE_EDITION=$(EDITION) $(BIN)/jupyter-book build . $(BOOK_FLAGS) --path-output $(BOOK_OUT)
	@echo "The $(EDITION) edition of the book is at: file://$(abspath $(BOOK_OUT)/_build/html/index.html)"

# Most of the suite waits on kernels, subprocesses and the browser, so three workers keep two cores
# busy. Files stay whole on one worker (nbval runs a notebook's cells in order in one kernel; the
# grading batch and the student copies are module fixtures), in the order tests/conftest.py sets
# (longest first). `make test TEST_WORKERS=0` runs serially. Bytecode caches are allowed here even
# where the shell turns them off: the suite starts dozens of Python processes (workers, kernels,
# graders) that would otherwise each compile the course and pytest's plugins from source.
TEST_WORKERS ?= 3
PYTEST_ARGS ?=
test: $(STAMP)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder) $(PYTEST_ARGS)

execute: $(STAMP)  ## re-run every notebook in place to refresh its stored outputs
	$(BIN)/python -m exercises.notebooks.run --in-place --jobs 2 book/*.ipynb

student: $(STAMP)  ## write student copies of every chapter into student/
	$(BIN)/python -m exercises student --out student book/ch*.ipynb

bench: $(STAMP)  ## build times and bytes per page; grading seconds per submission; make test's time
	$(BIN)/python -m northeast.bench
	$(BIN)/python -m northeast.bench_grading
	$(BIN)/python -m northeast.bench_tests

pdf: book  ## the whole book as one A4 PDF (contents, page numbers) in _build/pdf/book.pdf
	$(BIN)/python -m northeast.pdf

vendor: $(STAMP)  ## regenerate the offline Vega scripts after changing Altair, vl-convert or package-lock.json
	npm ci --no-audit --no-fund
	$(BIN)/python -m northeast.vendor

# JupyterLab gets a venv of its own: its dependencies (jsonschema's format checkers compile a
# grammar on import) would make every book build in .venv about 4 s slower.
LAB       := .venv-lab
LAB_STAMP := $(LAB)/.installed
# Lab refuses to run as root (e.g. in a container) unless told it may.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root)

lab-venv: $(LAB_STAMP)

$(LAB_STAMP): requirements-lab.txt requirements.txt pyproject.toml
	test -x $(LAB)/bin/python || $(PYTHON) -m venv $(LAB)
	$(LAB)/bin/python -m pip install --quiet --upgrade pip
	$(LAB)/bin/python -m pip install --quiet -r requirements-lab.txt
	touch $@

lab: $(LAB_STAMP)  ## open the course in JupyterLab at the repository root (book/ and student/ in view)
	$(LAB)/bin/jupyter lab --ServerApp.root_dir=$(CURDIR) $(LAB_FLAGS)

test-lab: $(STAMP) $(LAB_STAMP)  ## the chapters in a real JupyterLab, driven by Chromium
	$(BIN)/python -m pytest -m lab tests/test_lab.py

clean:
	rm -rf _build student
