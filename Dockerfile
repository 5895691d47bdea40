# The app in a container: `make image`, then `docker run --rm -p 8501:8501 calculus-ml`.
# One container is one Streamlit server process (one CPU's worth of Python); to serve more
# learners, run more containers behind a proxy with session affinity (see deploy/README.md).
#
# PYTHON_IMAGE: the base image, python:3.12-slim from Docker Hub unless told otherwise. Where
# Docker Hub cannot be reached, build a Debian base locally and pass it (`make test-image` does
# this by itself: scripts/base_image.sh, Debian 12's python3 3.11 and python3-venv):
#   docker build --build-arg PYTHON_IMAGE=$(bash scripts/base_image.sh) -t calculus-ml .
# A Debian-based image with python3 and python3-venv (Python 3.11 or newer) should do; see
# deploy/README.md, "Building without Docker Hub".
ARG PYTHON_IMAGE=python:3.12-slim
FROM ${PYTHON_IMAGE}

# Streamlit reads each config option from an environment variable STREAMLIT_<SECTION>_<NAME>
# (these win over .streamlit/config.toml): change the port or the address with
# `docker run -e STREAMLIT_SERVER_PORT=8080 -p 8080:8080 ...`.
# STREAMLIT_RUNNER_POST_SCRIPT_GC=false: Streamlit runs a full garbage collection after every
# rerun by default; with NumPy, pandas, Altair and SymPy loaded that costs most of a slider
# move's CPU time (benchmarks/capacity.py: 101 -> 16 ms per move on the floor app). Python's
# own garbage collector still runs; memory per learner stayed flat without it.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_RUNNER_POST_SCRIPT_GC=false \
    HOME=/home/learner \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

RUN groupadd --system --gid 10001 learner \
    && useradd --system --uid 10001 --gid learner --create-home --home-dir /home/learner learner

WORKDIR /app

# Only the runtime requirements (no test tools); this layer is reused while the code changes.
# They go into a virtual environment at /opt/venv (first on PATH above), not into the base's
# own Python: Debian's and Ubuntu's python3 refuse `pip install` outside one (PEP 668,
# "externally-managed-environment"). In the same layer, what the server never runs goes:
# pip and setuptools (no installing at run time), the libraries' own test suites (pandas,
# NumPy, pyarrow, SymPy: about 110 MB with their bytecode) and pyarrow's C++ headers. The
# compiled bytecode stays: without it every start would compile SymPy and pandas again.
# PIP_INDEX_URL (optional): a PyPI mirror, for a school network that cannot reach pypi.org,
# e.g. --build-arg PIP_INDEX_URL=https://pypi.example.org/simple (`make test-image` passes a
# loopback index of wheels downloaded on the host). It is not kept in the image's environment,
# but `docker history` shows it: put no password in it.
COPY requirements.txt ./
ARG PIP_INDEX_URL
RUN python3 -m venv /opt/venv \
    && pip install --no-cache-dir -r requirements.txt \
    && python -m pip uninstall --yes --quiet pip setuptools \
    && find /opt/venv -type d -name tests -prune -exec rm -rf {} + \
    && rm -rf /opt/venv/lib/python3*/site-packages/pyarrow/include \
    && python -c "import altair, numpy, pandas, pyarrow, streamlit, sympy"

# The app itself; .dockerignore keeps tests, benchmarks, docs, deploy files and venvs out.
COPY --chown=root:root . ./

USER learner:learner
EXPOSE 8501

# Docker runs the first check one --interval after the start (Docker 20.10, Debian 12's, has no
# --start-interval): every 5 s, the container is `healthy` about 6 s after `docker run` (the
# server answers after ~1.5 s) and Compose starts nginx then. One check is a short Python
# process, about 45 ms of CPU: under 1 % of a core.
HEALTHCHECK --interval=5s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('STREAMLIT_SERVER_PORT', '8501'); body = urllib.request.urlopen(f'http://127.0.0.1:{port}/_stcore/health', timeout=4).read(); sys.exit(0 if body.strip() == b'ok' else 1)"]

CMD ["python", "-m", "streamlit", "run", "streamlit_app.py"]
