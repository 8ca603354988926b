# poscheck — `make demo` runs the bundled demo, `make test` runs the tests. Both bootstrap .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,ocr]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/poscheck demo -o poscheck-demo

test: $(STAMP)
	$(BIN)/ruff check src spiders tests bench
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src spiders tests bench
	$(BIN)/mypy

eval: $(STAMP)
	rm -rf out/eval && $(BIN)/poscheck audit ../shared/corpus/manifest.csv -o out/eval || test $$? -le 3
	$(BIN)/python ../shared/corpus/score.py ../shared/corpus/labels.yaml out/eval

bench: $(STAMP)
	$(BIN)/python bench/bench_analysis.py --shape site
	$(BIN)/python bench/bench_analysis.py --shape dense
	$(BIN)/python bench/bench_crawl.py --shape site
	$(BIN)/python bench/bench_crawl.py --shape dense
	$(BIN)/python bench/bench_crawl.py --shape corpus  # pages of ../shared/corpus

clean:
	rm -rf $(VENV) poscheck-demo out build dist
