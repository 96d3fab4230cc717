# The two commands a new user needs: `make demo` and `make test`.
# Everything installs into a private virtual environment (.venv).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test bench eval install clean browser-test

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11 或更高版本"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@echo "== reviewer check corpus/示例_违规_市场管理办法.docx =="
	-@$(BIN)/reviewer check corpus/示例_违规_市场管理办法.docx
	@echo
	@echo "== reviewer check corpus/示例_合法_通知.txt (a lawful draft full of trigger words) =="
	@$(BIN)/reviewer check corpus/示例_合法_通知.txt

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

eval: $(STAMP)
	$(BIN)/python -m reviewer.evaluate --shared $(SHARED)

clean:
	rm -rf $(VENV) build *.egg-info
