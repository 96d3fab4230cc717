# The two commands a new user needs: `make demo` and `make test`.
# Everything installs into a private virtual environment (.venv).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: serve demo test test-fast bench eval model cv install clean browser-test system-deps

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11 或更高版本"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	@# setuptools warns about every editable install; the warning says nothing about this project
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@echo "== reviewer check corpus/示例_违规_市场管理办法.docx =="
	@# exit 1 only means findings were reported (the point of the demo); 2 would be a real error
	@$(BIN)/reviewer check corpus/示例_违规_市场管理办法.docx; test $$? -le 1
	@echo
	@echo "== reviewer check corpus/示例_合法_通知.txt (a lawful draft full of trigger words) =="
	@$(BIN)/reviewer check corpus/示例_合法_通知.txt

# The web workspace over a demo archive seeded from corpus/ (demo.db, kept between runs).
serve: $(STAMP)
	$(BIN)/python -m reviewer.web.demo --db demo.db --port $(or $(PORT),8000)

# Lint and type check first: both take seconds and catch what a test run would only hit by chance.
test: $(STAMP)
	$(BIN)/ruff check reviewer tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The inner loop: everything but the tests marked slow (real processes, LibreOffice, big files).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/run.py

eval: $(STAMP)
	$(BIN)/python -m reviewer.evaluate --shared $(SHARED)

# Retrain the statistical second opinion (reviewer/data/opinion.bin) from data in the repo:
# probes' read halves, rule examples, lawful samples. Needs scikit-learn, which checking never does.
model: $(STAMP)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install -q --disable-pip-version-check -e '.[model]'
	$(BIN)/python -m reviewer.opinion.train

# Judge a change to the second opinion before shipping it: five folds held out by probe file (writer),
# recall at fixed false-alarm rates over all held-out clauses and over those the rules alone miss.
cv: $(STAMP)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install -q --disable-pip-version-check -e '.[model]'
	$(BIN)/python -m reviewer.crossval

# Chromium and LibreOffice (Writer, and Calc for the workbooks) let the browser test, the .docx
# round-trip tests and the workbook print tests run instead of skipping; fonts-noto-cjk renders Chinese; poppler-utils reads the PDFs back (lines per page). Best effort: without root or apt they stay skipped.
system-deps:
	-@command -v chromium >/dev/null && command -v soffice >/dev/null && command -v pdftotext >/dev/null && \
	  [ -e "$$(dirname "$$(readlink -f "$$(command -v soffice)")")/libsclo.so" ] || \
	  { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils >/dev/null; } || \
	  echo "(未安装 chromium/libreoffice：浏览器与 LibreOffice 测试将跳过)"

browser-test: $(STAMP) system-deps
	$(BIN)/python -m pytest tests/test_browser.py tests/test_report_docx.py tests/test_report_opinion.py \
	  tests/test_letters.py tests/test_report_html_print.py tests/test_sheets_print.py \
	  tests/test_web_browser.py tests/test_web_browser_registry.py

clean:
	rm -rf $(VENV) build *.egg-info
