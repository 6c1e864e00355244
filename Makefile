# Two commands for a new user: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TORCH_VERSION ?= 2.13.0

.PHONY: venv demo test train-smoke train-default train-fast evaluate clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The CPU build of torch first, so the package's torch range never pulls a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==$(TORCH_VERSION)
	$(BIN)/pip install --quiet -e '.[spacy,files,plots,dev]'
	touch $@

venv: $(BIN)/.installed

demo: venv
	$(BIN)/stance predict --proposal "Riverton introduces an £8 congestion charge for the city centre" \
		examples/congestion_charge.txt -o examples/congestion_charge.out.jsonl --table --no-progress

test: venv
	$(BIN)/python -m pytest -q

train-smoke: venv
	$(BIN)/python scripts/train.py --config configs/smoke.yaml

train-default: venv
	$(BIN)/python scripts/train.py --config configs/default-epoch1.yaml
	$(BIN)/python scripts/train.py --config configs/default-epoch2.yaml
	$(BIN)/python scripts/train.py --config configs/default-stage3.yaml
	$(BIN)/python scripts/train.py --config configs/default.yaml

train-fast: venv
	$(BIN)/python scripts/train.py --config configs/fast.yaml

evaluate: venv
	$(BIN)/python scripts/evaluate.py --model models/default

clean:
	rm -rf $(VENV) build *.egg-info
