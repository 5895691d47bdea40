# Two commands: `make run` opens the app, `make test` runs every test.
# Both create .venv and install what they need on first use.
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# Only this computer can open the app; `make run HOST=0.0.0.0` opens it to the local network.
HOST ?= 127.0.0.1

.PHONY: run test lint unit pages browser bench load hostile chromium clean

$(PY):
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11, python3.12 ...)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.run-deps ## install what is needed and open the app on http://localhost:8501
	@echo "Opening http://localhost:$(PORT) (Ctrl+C stops the app)"
	@( sleep 4; $(PY) -m webbrowser -t http://localhost:$(PORT) >/dev/null 2>&1 || true ) &
	$(PY) -m streamlit run streamlit_app.py --server.address $(HOST) --server.port $(PORT)

chromium: $(VENV)/.dev-deps ## make sure a Chromium exists for the browser tests
	@bash scripts/ensure_chromium.sh $(PY)

lint: $(VENV)/.dev-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(VENV)/.dev-deps chromium lint ## install what is needed and run every test
	$(PY) -m pytest -m "not deploy and not load"

unit: $(VENV)/.dev-deps
	$(PY) -m pytest tests/core

pages: $(VENV)/.dev-deps
	$(PY) -m pytest tests/pages

browser: $(VENV)/.dev-deps chromium
	$(PY) -m pytest tests/browser

bench: $(VENV)/.dev-deps chromium ## slider latency against the framework floor, touch units, first load (BEFORE=<worktree> to compare)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/touch_moves.py
	$(PY) benchmarks/first_load.py $(if $(BEFORE),--before $(BEFORE))

load: $(VENV)/.dev-deps chromium ## a class at once (20 sessions, 60 s) and the stall test, loopback only
	$(PY) benchmarks/load.py
	$(PY) -m pytest -m load

hostile: $(VENV)/.dev-deps chromium ## what one hostile message costs the server (fails over 1 s CPU or 100 MB)
	$(PY) -m benchmarks.hostile_cost

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/browser/screenshots

# --- deployment (deploy/README.md) ---------------------------------------------------------
IMAGE ?= calculus-ml:latest
.PHONY: test-deploy image capacity

test-deploy: $(VENV)/.dev-deps chromium ## two replicas behind nginx, 10 browser sessions, one replica stopped
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || \
		{ echo "nginx is needed for this test: apt-get install -y nginx"; exit 1; }
	$(PY) -m pytest -m deploy tests/deploy

image: ## build the container image (needs Docker; PYTHON_IMAGE=... for another base, DOCKER_BUILD_ARGS=... for more)
	docker build $(if $(PYTHON_IMAGE),--build-arg PYTHON_IMAGE=$(PYTHON_IMAGE)) $(DOCKER_BUILD_ARGS) -t $(IMAGE) .

capacity: $(VENV)/.dev-deps chromium ## measure RSS per session and CPU per slider move
	$(PY) benchmarks/capacity.py

.PHONY: test-image
test-image: $(VENV)/.dev-deps chromium ## build the image, run it and use every page, validate deploy/k8s (as root: installs and starts Docker when missing)
	IMAGE=$(IMAGE) bash scripts/test_image.sh $(PY)
