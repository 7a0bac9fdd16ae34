# Build the portal from the reports in content/sources/.
# Targets follow pelican-quickstart (html clean regenerate serve devserver publish),
# plus ours: install content test golden screenshots.
# Paths are quoted in recipes, so the project may live in a folder whose name has a space.

PYTHON ?= python3
VENV = .venv
PY = $(VENV)/bin/python
PELICAN = $(VENV)/bin/pelican

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py
PORT ?= 8000

.PHONY: help install content html clean regenerate serve devserver publish test golden screenshots bench fuzz

help:
	@echo 'make html          build the whole site into output/ (sets up .venv first)'
	@echo 'make test          run every test'
	@echo 'make serve         serve output/ on http://localhost:$(PORT)/'
	@echo 'make devserver     rebuild when sources, theme or config change, and serve'
	@echo 'make publish       build with publishconf.py (absolute URLs, feeds)'
	@echo 'make content       only write the Markdown pages into content/generated/'
	@echo 'make golden        regenerate tests/golden/ (read the diff before committing)'
	@echo 'make screenshots   take headless-Chromium screenshots into screenshots/'
	@echo 'make fuzz          run the property tests (parser, Markdown, whole pipeline) on thousands of generated reports'
	@echo 'make bench         build synthetic corpora (160, 1600 reports) and report speed and memory'
	@echo 'make clean         remove output/ and caches'

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

content: install
	$(PY) -m generator content

html: install
	$(PY) -m generator build --settings "$(CONFFILE)" --output "$(OUTPUTDIR)"

publish: install
	$(PY) -m generator build --settings "$(PUBLISHCONF)" --output "$(OUTPUTDIR)"

regenerate: html

clean:
	rm -rf "$(OUTPUTDIR)" "$(BASEDIR)/cache" "$(INPUTDIR)/generated"

serve:
	$(PY) -m generator serve --as-built --output "$(OUTPUTDIR)" --port $(PORT)

devserver: install
	$(PY) -m generator serve --settings "$(CONFFILE)" --output "$(OUTPUTDIR)" --port $(PORT)

test: install
	$(PY) -m pytest

golden: install
	$(PY) -m tests.update_golden

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/test_properties.py tests/test_head_properties.py tests/test_html_properties.py tests/test_markdown.py tests/test_pipeline_text.py -q -m 'not site'

bench: install
	$(PY) -m tests.benchmark

screenshots: html
	$(PY) -m tests.screenshots --output screenshots
